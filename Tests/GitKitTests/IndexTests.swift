import Foundation
import GitKit
import Testing
import TestSupport

@Suite("Index")
struct IndexTests {
    @Test func listsStagedEntries() throws {
        let repo = try TestRepository()
        try repo.write("committed", "old\n")
        try repo.commit("base")
        try repo.write("committed", "new\n")
        try repo.write("reviews/x/review.yaml", "id: x\n")
        try repo.write("run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.url.appendingPathComponent("run.sh").path)
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("link").path, withDestinationPath: "committed")
        try repo.git(["add", "committed", "reviews", "run.sh", "link"])
        try repo.write("later", "later\n")
        try repo.git(["add", "-N", "later"])

        let opened = try repo.open()
        let index = try opened.index()
        #expect(index.entries.map(\.path) == ["committed", "later", "link", "reviews/x/review.yaml", "run.sh"])
        #expect(index.entries.map(\.mode) == [.blob, .blob, .symlink, .blob, .executable])
        #expect(!index.hasConflicts)
        let staged = try #require(index.entry(at: "committed"))
        #expect(staged.stage == 0)
        #expect(staged.id.hex == (try repo.git(["rev-parse", ":committed"])))
        #expect(try opened.blob(staged.id) == Data("new\n".utf8))
        #expect(try #require(index.entry(at: "later")).isIntentToAdd)
        #expect(!staged.isIntentToAdd)
    }

    @Test func readsAnotherIndexFile() throws {
        let repo = try TestRepository()
        try repo.write("a", "a\n")
        try repo.commit("base")
        let folder = try TempDirectory()
        let alternate = folder.child("index")
        try repo.write("b", "b\n")
        try repo.git(["read-tree", "HEAD"], environment: ["GIT_INDEX_FILE": alternate.path])
        try repo.git(["add", "b"], environment: ["GIT_INDEX_FILE": alternate.path])

        #expect(try Index(contentsOf: alternate).entries.map(\.path) == ["a", "b"])
        #expect(try repo.open().index().entries.map(\.path) == ["a"])
        #expect(try Index(contentsOf: folder.child("missing")).entries.isEmpty)
    }

    @Test func conflictStages() throws {
        let repo = try TestRepository()
        try repo.write("f", "base\n")
        try repo.commit("base")
        try repo.git(["checkout", "-q", "-b", "other"])
        try repo.write("f", "theirs\n")
        try repo.commit("theirs")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("f", "ours\n")
        try repo.commit("ours")
        #expect(try !repo.tryGit(["merge", "-q", "other"]).succeeded)

        let index = try repo.open().index()
        #expect(index.hasConflicts)
        #expect(index.entries.map(\.stage) == [1, 2, 3])
        #expect(index.entry(at: "f") == nil)
        #expect(index.entry(at: "f", stage: 3)?.id.hex == (try repo.revParse("other:f")))
    }

    @Test func bareRepositoryHasAnEmptyIndex() throws {
        let repo = try TestRepository(bare: true)
        #expect(try repo.open().index().entries.isEmpty)
    }
}
