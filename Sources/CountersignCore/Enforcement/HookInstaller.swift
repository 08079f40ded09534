import Foundation
import HookScripts

/// Writes the hook scripts: the local `pre-commit` into a clone, or the server's `pre-receive`
/// into a bare repository. A hook that countersign did not write is never overwritten unless forced.
public struct HookInstaller {
    /// The absolute path the scripts call; the running binary by default.
    public let binary: String

    public init(binary: String = HookInstaller.runningBinary) {
        self.binary = binary
    }

    /// The running executable's absolute path.
    public static var runningBinary: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let argument = CommandLine.arguments[0]
        if argument.hasPrefix("/") { return argument }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(argument).standardized.path
    }

    /// Installs `pre-commit` into `hooksFolder`; returns the path written.
    public func installPreCommit(into hooksFolder: URL, force: Bool) throws -> String {
        try install(HookScripts.preCommit, name: "pre-commit", into: hooksFolder, force: force)
    }

    /// Whether this clone runs countersign's pre-commit hook: clones carry no hooks, so a
    /// colleague's clone has none until they run `countersign hooks install`.
    public static func hasPreCommit(_ workspace: Workspace) -> Bool {
        guard let folder = try? hooksFolder(of: workspace),
              let text = try? String(contentsOf: folder.appendingPathComponent("pre-commit"), encoding: .utf8) else { return false }
        return text.contains("countersign")
    }

    /// The folder git runs a clone's hooks from: `core.hooksPath` (relative to the working tree's
    /// root) when set, else the `hooks/` of the common git directory, which a linked worktree shares.
    public static func hooksFolder(of workspace: Workspace) throws -> URL {
        try hooksFolder(at: workspace.root)
    }

    /// `git rev-parse --git-path hooks` run in `folder` (a working tree's root, or a bare repository,
    /// where git runs hooks and so resolves a relative `core.hooksPath`). The folder was named on
    /// purpose, so git's ownership check is lifted for it: an administrator installs into
    /// repositories that the server's git user owns.
    private static func hooksFolder(at folder: URL) throws -> URL {
        let path = try GitCommand(directory: folder).run(["-c", "safe.directory=\(folder.path)", "rev-parse", "--git-path", "hooks"])
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardized
    }

    /// Installs `pre-receive` (and `post-receive`, which records each sign-off's first arrival) where a
    /// bare repository runs its hooks: `hooks/`, or `core.hooksPath`. Returns the pre-receive's path.
    public func installPreReceive(bareRepository: URL, force: Bool) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bareRepository.appendingPathComponent("objects").path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError("\(bareRepository.path) is not a bare git repository (it has no objects/ folder)")
        }
        let folder = try Self.hooksFolder(at: bareRepository)
        let path = try install(HookScripts.preReceive, name: "pre-receive", into: folder, force: force)
        _ = try install(HookScripts.postReceive, name: "post-receive", into: folder, force: force)
        // git itself then refuses objects it would not write (a `..` or `.git` tree entry), so no
        // push can leave the server unclonable.
        try GitCommand(directory: bareRepository).run(["-c", "safe.directory=\(bareRepository.path)", "config", "receive.fsckObjects", "true"])
        return path
    }

    private func install(_ script: String, name: String, into folder: URL, force: Bool) throws -> String {
        let target = folder.appendingPathComponent(name)
        // Read as bytes: a hook that is a compiled program is someone else's too.
        if !force, FileManager.default.fileExists(atPath: target.path),
           (try? Data(contentsOf: target))?.range(of: Data(HookScripts.marker.utf8)) == nil {
            throw InputError("\(target.path) exists and was not written by countersign; chain it yourself or pass --force to replace it")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard !binary.contains(where: { "\"$`\\".contains($0) }) else {
            throw InputError("the binary's path \(binary) holds a quote, $, ` or \\; install countersign under a plain path")
        }
        try Data(script.replacingOccurrences(of: "@COUNTERSIGN@", with: binary).utf8).write(to: target)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target.path)
        return target.path
    }
}
