import Foundation
import GitKit

/// The repository a command runs in: where its working tree is, and who the user is in git.
public final class Workspace {
    public let repository: Repository
    /// The working tree's root folder.
    public let root: URL

    /// Finds the repository containing `folder`, as git does; a bare repository has no working tree.
    public init(from folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        do {
            repository = try Repository.discover(from: folder)
        } catch let error as GitError {
            throw InputError("not in a git repository (\(error.message)); run countersign inside a clone, or `git init` first")
        }
        guard let workdir = repository.workdir else {
            throw InputError("\(repository.gitDirectory.path) is a bare repository; run this command in a clone with a working tree")
        }
        root = workdir
    }

    /// The working tree as a file source.
    public var workingTree: WorkingTreeSource { WorkingTreeSource(root: root) }

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
        if key.hasPrefix("ssh-") || key.hasPrefix("ecdsa-") { return key }
        let expanded = (key as NSString).expandingTildeInPath
        let publicPath = expanded.hasSuffix(".pub") ? expanded : expanded + ".pub"
        return (try? String(contentsOfFile: publicPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The policy of the working tree.
    public func policy() throws -> Policy {
        try PolicyReader.load(from: workingTree)
    }
}
