import Foundation
import GitKit
import Testing
import TestSupport

/// These tests change the process environment, so they run one at a time and restore it.
/// Nothing else in GitKit reads GIT_* variables, and the test helpers strip them from the git
/// processes they start.
@Suite("Opening from the environment", .serialized)
struct EnvironmentTests {
    static let variables = ["GIT_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_INDEX_FILE", "GIT_WORK_TREE"]

    /// Runs `body` with exactly `values` set among `variables`, then restores what was there.
    static func withEnvironment(_ values: [String: String], _ body: () throws -> Void) throws {
        let saved = variables.map { ($0, getenv($0).map { String(cString: $0) }) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        for name in variables { unsetenv(name) }
        for (name, value) in values { setenv(name, value, 1) }
        try body()
    }

    /// A push to a bare repository whose pre-receive hook keeps a copy of the quarantined objects
    /// and refuses the push: the pushed commit exists only in that copy, as it does during the hook.
    @Test func seesQuarantinedObjectsOfAPush() throws {
        let server = try TestRepository(bare: true)
        let client = try TestRepository()
        let base = try client.commit("base")
        try client.git(["push", "-q", server.path, "main"])

        let capture = try TempDirectory(prefix: "quarantine")
        let hook = server.url.appendingPathComponent("hooks/pre-receive")
        try """
        #!/bin/sh
        cat > '\(capture.path)/stdin'
        printf '%s\\n' "$GIT_OBJECT_DIRECTORY" > '\(capture.path)/object-directory'
        printf '%s\\n' "$GIT_ALTERNATE_OBJECT_DIRECTORIES" > '\(capture.path)/alternates'
        cp -R "$GIT_OBJECT_DIRECTORY" '\(capture.path)/objects'
        exit 1
        """.write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        try client.write("new.txt", "pushed\n")
        let pushed = try client.commit("pushed")
        #expect(try !client.tryGit(["push", "-q", server.path, "main"]).succeeded)
        let stdin = try String(contentsOf: capture.child("stdin"), encoding: .utf8)
        #expect(stdin == "\(base) \(pushed) refs/heads/main\n")
        let alternates = try String(contentsOf: capture.child("alternates"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        #expect(!alternates.isEmpty)

        // Outside the hook the pushed commit is unknown.
        #expect(throws: GitError.self) { try server.open().commit(try id(pushed)) }

        let environment = [
            "GIT_DIR": server.path,
            "GIT_OBJECT_DIRECTORY": capture.child("objects").path,
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": alternates,
        ]
        try Self.withEnvironment(environment) {
            let repository = try Repository.openFromEnvironment()
            #expect(repository.isBare)
            let commit = try repository.commit(try id(pushed))
            #expect(commit.parentIDs == [try id(base)])
            // The parent comes from the main object directory, through the alternates.
            #expect(try repository.commit(try id(base)).message == "base\n")
            let path = try #require(try repository.entry(at: "new.txt", inTree: commit.treeID))
            #expect(try repository.blob(path.id) == Data("pushed\n".utf8))
            #expect(try repository.walk(from: [try id(pushed)], hiding: [try id(base)]) == [try id(pushed)])
            #expect(try repository.reference(named: "refs/heads/main") == (try id(base)))
        }
    }

    /// A pre-commit hook sees the index being committed through GIT_INDEX_FILE.
    @Test func readsTheIndexNamedByGitIndexFile() throws {
        let repo = try TestRepository()
        try repo.write("a", "a\n")
        try repo.commit("base")
        let folder = try TempDirectory()
        let alternate = folder.child("next-index")
        try repo.write("b", "b\n")
        try repo.git(["read-tree", "HEAD"], environment: ["GIT_INDEX_FILE": alternate.path])
        try repo.git(["add", "b"], environment: ["GIT_INDEX_FILE": alternate.path])

        let environment = ["GIT_DIR": repo.url.appendingPathComponent(".git").path, "GIT_INDEX_FILE": alternate.path]
        try Self.withEnvironment(environment) {
            let repository = try Repository.openFromEnvironment()
            #expect(try repository.index().entries.map(\.path) == ["a", "b"])
        }
        try Self.withEnvironment([:]) { () throws in
            #expect(try repo.open().index().entries.map(\.path) == ["a"])
        }
    }

    @Test func gitDirectoryThatIsNotARepository() throws {
        let folder = try TempDirectory()
        try Self.withEnvironment(["GIT_DIR": folder.path]) {
            #expect(throws: GitError.self) { try Repository.openFromEnvironment() }
        }
    }
}
