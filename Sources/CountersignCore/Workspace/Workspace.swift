import Foundation
import GitKit

/// The repository a command runs in: where its working tree is, and who the user is in git.
public final class Workspace {
    public let repository: Repository
    /// The working tree's root folder; nil in a bare repository.
    public let workdir: URL?

    /// Finds the repository containing `folder`, as git does. Commands that read only history
    /// (`status`, `log`, `verify`, `check`) pass `needsWorkTree: false` and also run in a bare repository.
    public init(from folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), needsWorkTree: Bool = true) throws {
        do {
            repository = try Repository.discover(from: folder)
        } catch let error as GitError {
            if error.code == .unsupportedFormat {
                throw InputError("this repository uses SHA-256 object ids, which libgit2 1.5 cannot read; countersign needs a SHA-1 repository")
            }
            throw InputError("not in a git repository (\(error.message)); run countersign inside a clone, or `git init` first")
        }
        workdir = repository.workdir
        if needsWorkTree, workdir == nil {
            throw InputError("\(repository.gitDirectory.path) is a bare repository; run this command in a clone with a working tree")
        }
        if !needsWorkTree, repository.isShallow {
            throw InputError("this clone is shallow, so its history cannot prove who signed what; run `git fetch --unshallow`")
        }
    }

    /// Wraps an open repository (a hook's, opened from the environment).
    public init(repository: Repository) {
        self.repository = repository
        workdir = repository.workdir
    }

    /// The working tree's root folder.
    public var root: URL {
        get throws {
            guard let workdir else { throw InputError("\(repository.gitDirectory.path) is a bare repository; run this command in a clone with a working tree") }
            return workdir
        }
    }

    /// The working tree as a file source.
    public var workingTree: WorkingTreeSource {
        get throws { WorkingTreeSource(root: try root) }
    }

    /// The user's git identity (`user.name`, `user.email`), or nil where git has none configured.
    public func identity() throws -> (name: String, email: String)? {
        let environment = ProcessInfo.processInfo.environment
        let name = try environment["GIT_AUTHOR_NAME"] ?? repository.configString("user.name")
        let email = try environment["GIT_AUTHOR_EMAIL"] ?? repository.configString("user.email")
        guard let name, let email else { return nil }
        return (name, email)
    }

    /// The public key line of git's configured SSH signing key, if it is one.
    public func sshSigningKey() throws -> String? {
        guard let key = try repository.configString("user.signingkey") else { return nil }
        if key.hasPrefix("key::") { return String(key.dropFirst(5)) }
        if key.hasPrefix("ssh-") || key.hasPrefix("ecdsa-") || key.hasPrefix("sk-") { return key }
        return Self.publicKeyLine(atPath: key)
    }

    /// The public key line of the key file at `path` (its `.pub` when `path` is the private key).
    public static func publicKeyLine(atPath path: String) -> String? {
        // `~` is the user's HOME, as a shell expands it.
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let expanded = path.hasPrefix("~/") ? home + path.dropFirst() : path
        let publicPath = expanded.hasSuffix(".pub") ? expanded : expanded + ".pub"
        return (try? String(contentsOfFile: publicPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The key files `init` looks for when git names none, in OpenSSH's own order of preference.
    public static let usualKeyFiles = ["id_ed25519_sk", "id_ecdsa_sk", "id_ed25519", "id_ecdsa", "id_rsa"].map { "~/.ssh/\($0).pub" }

    /// The branch HEAD is on, born or not: the one `init` protects.
    public func currentBranch() -> String? {
        guard let name = try? GitCommand(directory: try root).run(["symbolic-ref", "--short", "-q", "HEAD"]), !name.isEmpty else { return nil }
        return name
    }

    /// The policy of the working tree.
    public func policy() throws -> Policy {
        try PolicyReader.load(from: try workingTree)
    }
}
