import Foundation

/// A real git repository in a temporary folder, driven by the git command line.
public final class TestRepository: @unchecked Sendable {
    public let directory: TempDirectory
    public var url: URL { directory.url }
    public var path: String { directory.path }
    /// Variables added to every git run: the identity, the date, anything a test sets.
    public var environment: [String: String]

    /// `git init` on branch `main`, with a neutral identity and no signing configured.
    public init(bare: Bool = false, name: String = "Test User", email: String = "test@example.org") throws {
        directory = try TempDirectory(prefix: "repo")
        environment = [
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
        ]
        var arguments = ["init", "-q", "-b", "main"]
        if bare { arguments.append("--bare") }
        try git(arguments + ["."])
        try git(["config", "commit.gpgsign", "false"])
        try git(["config", "tag.gpgsign", "false"])
    }

    /// Runs git in the repository; throws when it exits non-zero.
    @discardableResult
    public func git(_ arguments: [String], environment extra: [String: String] = [:], input: Data? = nil) throws -> String {
        let result = try Run.checked(["git"] + arguments, in: url, environment: environment.merging(extra) { $1 }, input: input)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and returns the whole result, whatever the exit status.
    public func tryGit(_ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
        try Run.program(["git"] + arguments, in: url, environment: environment.merging(extra) { $1 })
    }

    /// Writes a file (making folders), relative to the work tree.
    public func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, Data(contents.utf8))
    }

    public func write(_ relativePath: String, _ data: Data) throws {
        let target = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }

    public func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }

    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(relativePath))
    }

    /// Stages everything and commits; returns the new commit id.
    @discardableResult
    public func commit(_ message: String, sign key: SSHKey? = nil, allowEmpty: Bool = true) throws -> String {
        try git(["add", "-A"])
        var arguments = ["commit", "-q", "-m", message]
        if allowEmpty { arguments.append("--allow-empty") }
        if let key { arguments = key.gitSigningArguments + arguments + ["-S"] }
        try git(arguments)
        return try head()
    }

    /// The commit id that `rev` resolves to.
    public func revParse(_ rev: String) throws -> String { try git(["rev-parse", rev]) }
    public func head() throws -> String { try revParse("HEAD") }

    /// Sets `user.name`/`user.email` and the author and committer variables together.
    public func setIdentity(name: String, email: String) {
        environment["GIT_AUTHOR_NAME"] = name
        environment["GIT_AUTHOR_EMAIL"] = email
        environment["GIT_COMMITTER_NAME"] = name
        environment["GIT_COMMITTER_EMAIL"] = email
    }
}
