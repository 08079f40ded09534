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

    /// Installs `pre-receive` into a bare repository's `hooks/`.
    public func installPreReceive(bareRepository: URL, force: Bool) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bareRepository.appendingPathComponent("objects").path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError("\(bareRepository.path) is not a bare git repository (it has no objects/ folder)")
        }
        return try install(HookScripts.preReceive, name: "pre-receive", into: bareRepository.appendingPathComponent("hooks"), force: force)
    }

    private func install(_ script: String, name: String, into folder: URL, force: Bool) throws -> String {
        let target = folder.appendingPathComponent(name)
        if let existing = try? String(contentsOf: target, encoding: .utf8), !existing.contains(HookScripts.marker), !force {
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
