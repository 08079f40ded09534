import Foundation
import GitKit
import Testing
import TestSupport

@Suite("Writing objects and references")
struct ObjectWriterTests {
    @Test func writesABlobGitReadsBack() throws {
        let repository = try TestRepository()
        let written = try Repository(path: repository.path).writeObject(type: .blob, data: Data("hello\n".utf8))
        #expect(written.hex == (try repository.git(["hash-object", "--stdin"], input: Data("hello\n".utf8))))
        #expect(try repository.git(["cat-file", "-p", written.hex]) == "hello")
    }

    @Test func writesACommitAndPointsABranchAtIt() throws {
        let repository = try TestRepository()
        let git = try Repository(path: repository.path)
        let blob = try git.writeObject(type: .blob, data: Data("text\n".utf8))
        let tree = try git.writeObject(type: .tree, data: Data("100644 a.txt\0".utf8) + Data(blob.bytes))
        let commit = try git.writeObject(type: .commit, data: Data("""
            tree \(tree.hex)
            author A <a@example.org> 1700000000 +0000
            committer A <a@example.org> 1700000000 +0000

            First

            """.utf8))
        try git.setReference(name: "refs/heads/main", target: commit)
        #expect(try git.reference(named: "refs/heads/main") == commit)
        #expect(try repository.git(["log", "--format=%s", "main"]) == "First")
        #expect(try repository.git(["fsck", "--strict"]).isEmpty)
    }

    @Test func refusesToMoveAReferenceUnlessForced() throws {
        let repository = try TestRepository()
        let git = try Repository(path: repository.path)
        let first = try git.writeObject(type: .blob, data: Data("1\n".utf8))
        let second = try git.writeObject(type: .blob, data: Data("2\n".utf8))
        try git.setReference(name: "refs/tags/x", target: first, force: false)
        #expect(throws: GitError.self) { try git.setReference(name: "refs/tags/x", target: second, force: false) }
        try git.setReference(name: "refs/tags/x", target: second)
        #expect(try git.reference(named: "refs/tags/x") == second)
    }
}
