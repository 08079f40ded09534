import Foundation
import GitKit
import Testing
import TestSupport

@Suite("References")
struct ReferenceTests {
    @Test(arguments: [false, true])
    func listsByPrefix(packed: Bool) throws {
        let repo = try TestRepository()
        let base = try id(try repo.commit("base"))
        let annotated = try id(try repo.annotatedTag("signoff/r1/intake/1/bob", message: "intake"))
        try repo.git(["tag", "signoff/r1/assessment/1/carol"])
        try repo.git(["tag", "signoff/r10/intake/1/bob"])
        try repo.git(["tag", "other"])
        let tree = try repo.revParse("HEAD^{tree}")
        try repo.git(["update-ref", "refs/tags/signoff/r1/tree/1/x", tree])
        if packed { try repo.git(["pack-refs", "--all"]) }

        let opened = try repo.open()
        let references = try opened.references(withPrefix: "refs/tags/signoff/r1/")
        #expect(references == [
            Reference(name: "refs/tags/signoff/r1/assessment/1/carol", target: base, peeledCommit: base),
            Reference(name: "refs/tags/signoff/r1/intake/1/bob", target: annotated, peeledCommit: base),
            Reference(name: "refs/tags/signoff/r1/tree/1/x", target: try id(tree), peeledCommit: nil),
        ])
        #expect(try opened.references(withPrefix: "refs/tags/").count == 5)
        #expect(try opened.references(withPrefix: "refs/tags/signoff/r1").count == 4)
        #expect(try opened.references(withPrefix: "refs/heads/").map(\.name) == ["refs/heads/main"])
        #expect(try opened.references(withPrefix: "refs/nothing/").isEmpty)
    }

    @Test func symbolicReferencesAreFollowed() throws {
        let repo = try TestRepository()
        let head = try id(try repo.commit("base"))
        try repo.git(["symbolic-ref", "refs/remotes/origin/HEAD", "refs/heads/main"])
        try repo.git(["symbolic-ref", "refs/remotes/origin/dangling", "refs/heads/nowhere"])
        let opened = try repo.open()
        #expect(try opened.references(withPrefix: "refs/remotes/") == [
            Reference(name: "refs/remotes/origin/HEAD", target: head, peeledCommit: head),
        ])
        #expect(try opened.reference(named: "HEAD") == head)
    }

    @Test func referenceByName() throws {
        let repo = try TestRepository()
        let head = try id(try repo.commit("base"))
        let tag = try id(try repo.annotatedTag("v1", message: "one"))
        let opened = try repo.open()
        #expect(try opened.reference(named: "refs/heads/main") == head)
        #expect(try opened.reference(named: "refs/tags/v1") == tag)
        #expect(try opened.reference(named: "refs/tags/v2") == nil)
        let error = try #require(throws: GitError.self) { try opened.reference(named: "refs/heads/bad..name") }
        #expect(error.code == .invalidSpec)
    }

    @Test func unbornHeadHasNoTarget() throws {
        let repo = try TestRepository()
        let opened = try repo.open()
        #expect(try opened.reference(named: "HEAD") == nil)
        #expect(try opened.references(withPrefix: "refs/").isEmpty)
        #expect(throws: GitError.self) { try opened.resolve("HEAD") }
    }
}
