import Foundation
import GitKit
import Testing
import TestSupport

@Suite("History: walks, ancestry and diffs")
struct HistoryTests {
    /// main: A - B - M - D, where M merges feature (B - F1 - F2) with --no-ff.
    struct Graph {
        let repo: TestRepository
        let a, b, f1, f2, m, d: ObjectID

        init() throws {
            repo = try TestRepository()
            let a = try repo.commit("A")
            let b = try repo.commit("B")
            try repo.git(["checkout", "-q", "-b", "feature"])
            let f1 = try repo.commit("F1")
            let f2 = try repo.commit("F2")
            try repo.git(["checkout", "-q", "main"])
            try repo.git(["merge", "-q", "--no-ff", "-m", "M", "feature"])
            let m = try repo.head()
            let d = try repo.commit("D")
            (self.a, self.b, self.f1, self.f2, self.m, self.d) = try (id(a), id(b), id(f1), id(f2), id(m), id(d))
        }
    }

    @Test func walksEverythingReachable() throws {
        let graph = try Graph()
        let opened = try graph.repo.open()
        let all = try opened.walk(from: [graph.d])
        #expect(Set(all) == [graph.a, graph.b, graph.f1, graph.f2, graph.m, graph.d])
        #expect(all.count == 6)
        // Topological: every commit comes before its parents.
        for commit in all {
            let position = all.firstIndex(of: commit)!
            for parent in try opened.commit(commit).parentIDs {
                #expect(all.firstIndex(of: parent)! > position)
            }
        }
        let gitOrder = try graph.repo.git(["rev-list", "--topo-order", "main"]).split(separator: "\n").map(String.init)
        #expect(Set(gitOrder) == Set(all.map(\.hex)))
    }

    @Test func firstParentOnly() throws {
        let graph = try Graph()
        let opened = try graph.repo.open()
        #expect(try opened.walk(from: [graph.d], firstParentOnly: true) == [graph.d, graph.m, graph.b, graph.a])
        #expect(try opened.walk(from: [graph.d], firstParentOnly: true, order: .reverseTopological)
                == [graph.a, graph.b, graph.m, graph.d])
    }

    @Test func hidingTips() throws {
        let graph = try Graph()
        let opened = try graph.repo.open()
        #expect(Set(try opened.walk(from: [graph.d], hiding: [graph.b])) == [graph.d, graph.m, graph.f1, graph.f2])
        #expect(try opened.walk(from: [graph.d], hiding: [graph.f2], firstParentOnly: true) == [graph.d, graph.m])
        #expect(try opened.walk(from: [graph.d], hiding: [graph.d]).isEmpty)
        #expect(try opened.walk(from: []).isEmpty)
        #expect(Set(try opened.walk(from: [graph.f2, graph.d], hiding: [graph.m])) == [graph.d])
        let expected = try graph.repo.git(["rev-list", "main", "^\(graph.b.hex)"]).split(separator: "\n").map(String.init)
        #expect(Set(try opened.walk(from: [graph.d], hiding: [graph.b]).map(\.hex)) == Set(expected))
    }

    @Test func walkThroughAnnotatedTagAndErrors() throws {
        let graph = try Graph()
        let tag = try id(try graph.repo.annotatedTag("t", message: "t", target: graph.b.hex))
        let opened = try graph.repo.open()
        #expect(try opened.walk(from: [tag], order: .reverseTopological) == [graph.a, graph.b])
        #expect(throws: GitError.self) { try opened.walk(from: [.zero]) }
    }

    @Test func ancestry() throws {
        let graph = try Graph()
        let opened = try graph.repo.open()
        #expect(try opened.isAncestor(graph.a, of: graph.d))
        #expect(try opened.isAncestor(graph.f1, of: graph.d))
        #expect(try opened.isAncestor(graph.d, of: graph.d))
        #expect(try !opened.isAncestor(graph.d, of: graph.a))
        #expect(try !opened.isAncestor(graph.f1, of: graph.b))
        #expect(try opened.mergeBase(graph.f2, graph.b) == graph.b)
        #expect(try opened.mergeBase(graph.f1, graph.d) == graph.f1)
    }

    @Test func unrelatedHistoriesHaveNoMergeBase() throws {
        let graph = try Graph()
        try graph.repo.git(["checkout", "-q", "--orphan", "other"])
        let orphan = try id(try graph.repo.commit("orphan"))
        let opened = try graph.repo.open()
        #expect(try opened.mergeBase(orphan, graph.d) == nil)
        #expect(try !opened.isAncestor(orphan, of: graph.d))
    }

    /// Before: reviews/a/x, reviews/a/exe, reviews/a/kind, reviews/ab/z, reviews/b/y, top.
    static func diffRepository() throws -> (TestRepository, before: ObjectID, after: ObjectID) {
        let repo = try TestRepository()
        try repo.write("reviews/a/x", "x1\n")
        try repo.write("reviews/a/exe", "#!/bin/sh\n")
        try repo.write("reviews/a/kind", "file\n")
        try repo.write("reviews/ab/z", "z\n")
        try repo.write("reviews/b/y", "y\n")
        try repo.write("top", "top\n")
        let before = try repo.commit("before")
        try repo.write("reviews/a/x", "x2\n")
        try repo.write("reviews/a/new", "new\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.url.appendingPathComponent("reviews/a/exe").path)
        try repo.remove("reviews/a/kind")
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("reviews/a/kind").path, withDestinationPath: "x")
        try repo.write("reviews/ab/z", "z2\n")
        try repo.remove("reviews/b/y")
        try repo.write("top", "top2\n")
        let after = try repo.commit("after")
        return (repo, try id(repo.revParse("\(before)^{tree}")), try id(repo.revParse("\(after)^{tree}")))
    }

    @Test func diffLimitedToFolder() throws {
        let (repo, before, after) = try Self.diffRepository()
        let opened = try repo.open()
        let deltas = try opened.diff(from: before, to: after, paths: ["reviews/a"])
        #expect(deltas.map(\.path) == ["reviews/a/exe", "reviews/a/kind", "reviews/a/new", "reviews/a/x"])
        #expect(deltas.map(\.status) == [.modified, .typeChange, .added, .modified])
        #expect(try opened.diff(from: before, to: after, paths: ["reviews/a/"]) == deltas)

        let exe = deltas[0]
        #expect(exe.oldMode == .blob && exe.newMode == .executable)
        #expect(exe.oldID == exe.newID)
        let kind = deltas[1]
        #expect(kind.oldMode == .blob && kind.newMode == .symlink)
        let new = deltas[2]
        #expect(new.oldID == nil && new.oldMode == nil)
        #expect(new.newID?.hex == (try repo.revParse("HEAD:reviews/a/new")))
        #expect(new.oldPath == "reviews/a/new" && new.newPath == "reviews/a/new")
        let x = deltas[3]
        #expect(x.oldID?.hex == (try repo.revParse("HEAD~1:reviews/a/x")))
        #expect(x.newID?.hex == (try repo.revParse("HEAD:reviews/a/x")))
    }

    @Test func diffMatchesGit() throws {
        let (repo, before, after) = try Self.diffRepository()
        let opened = try repo.open()
        let ours = try opened.diff(from: before, to: after).map { delta -> String in
            let letter = switch delta.status {
            case .added: "A"
            case .deleted: "D"
            case .modified: "M"
            case .typeChange: "T"
            default: "?"
            }
            return "\(letter)\t\(delta.path)"
        }
        let git = try repo.git(["diff", "--name-status", "--no-renames", before.hex, after.hex]).split(separator: "\n").map(String.init)
        #expect(ours == git)

        let deleted = try #require(try opened.diff(from: before, to: after, paths: ["reviews/b"]).first)
        #expect(deleted.status == .deleted)
        #expect(deleted.newID == nil && deleted.newMode == nil && deleted.oldMode == .blob)
        #expect(deleted.path == "reviews/b/y")
    }

    @Test func diffFromEmptyTreeAndToEmptyTree() throws {
        let (repo, before, _) = try Self.diffRepository()
        let opened = try repo.open()
        let added = try opened.diff(from: nil, to: before, paths: ["reviews/b", "top"])
        #expect(added.map(\.path) == ["reviews/b/y", "top"])
        #expect(added.allSatisfy { $0.status == .added })
        let removed = try opened.diff(from: before, to: nil)
        #expect(removed.count == 6)
        #expect(removed.allSatisfy { $0.status == .deleted })
        #expect(try opened.diff(from: before, to: before).isEmpty)
    }
}
