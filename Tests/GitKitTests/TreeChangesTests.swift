import Foundation
import GitKit
import Testing
import TestSupport

/// `changes(from:to:under:)` must give exactly what `diff(from:to:)` gives, only faster.
@Suite("Tree changes that skip identical subtrees")
struct TreeChangesTests {
    /// A history that adds, edits, deletes, renames, changes modes and types, and turns a file
    /// into a folder and back; every pair of its trees is compared both ways.
    static func history() throws -> (TestRepository, [ObjectID]) {
        let repository = try TestRepository()
        var trees: [ObjectID] = []
        func snapshot(_ message: String) throws {
            try repository.commit(message)
            trees.append(try id(repository.git(["rev-parse", "HEAD^{tree}"])))
        }
        try repository.write("a.txt", "a\n")
        try repository.write("reviews/x/review.yaml", "title: x\n")
        try repository.write("reviews/x/system/description.md", "x\n")
        try repository.write("reviews/y/review.yaml", "title: y\n")
        try repository.write("reviews/y.md", "loose\n")
        try snapshot("start")
        try repository.write("reviews/x/system/description.md", "x, revised\n")
        try repository.write("reviews/z/ledger/description.1.alice", "0123\n")
        try snapshot("edit and add")
        try repository.remove("reviews/y")
        try repository.git(["mv", "a.txt", "b.txt"])
        try snapshot("delete a folder, rename a file")
        try repository.git(["update-index", "--chmod=+x", "b.txt"])
        try repository.git(["commit", "-q", "-m", "executable"])
        trees.append(try id(repository.git(["rev-parse", "HEAD^{tree}"])))
        try repository.remove("reviews/y.md")
        try FileManager.default.createSymbolicLink(atPath: repository.url.appendingPathComponent("reviews/y.md").path, withDestinationPath: "x")
        try snapshot("a file becomes a symlink")
        try repository.remove("b.txt")
        try repository.write("b.txt/inner", "now a folder\n")
        try repository.write("b.txt.bak", "beside it\n")
        try snapshot("a file becomes a folder")
        try repository.remove("b.txt")
        try repository.write("b.txt", "a file again\n")
        try snapshot("and back")
        return (repository, trees)
    }

    @Test func matchesLibgit2sDiffForEveryPairOfTrees() throws {
        let (repository, trees) = try Self.history()
        let git = try repository.open()
        let all: [ObjectID?] = [nil] + trees
        for old in all {
            for new in all {
                #expect(try git.changes(from: old, to: new) == git.diff(from: old, to: new), "\(String(describing: old)) → \(String(describing: new))")
                #expect(try git.changes(from: old, to: new, under: "reviews") == git.diff(from: old, to: new, paths: ["reviews"]))
            }
        }
    }

    @Test func aMissingFolderHasNoChanges() throws {
        let (repository, trees) = try Self.history()
        let git = try repository.open()
        #expect(try git.changes(from: trees[0], to: trees[1], under: "nowhere").isEmpty)
        #expect(try git.changes(from: trees[0], to: trees[0]).isEmpty)
    }
}
