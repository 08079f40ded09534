import ArgumentParser
import CountersignCore
import Foundation

/// `countersign hooks install [--server <bare-repo>]`: installs the hook scripts.
struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks",
        abstract: "Manage the git hooks that run countersign.",
        subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install the pre-commit hook here, or the pre-receive hook into a bare repository.")

        @Option(help: "A bare repository to install the server's pre-receive hook into.")
        var server: String?

        @Flag(help: "Replace a hook that countersign did not write.")
        var force = false

        func run() throws {
            let installer = HookInstaller()
            if let server {
                let path = try installer.installPreReceive(bareRepository: URL(fileURLWithPath: server).standardizedFileURL, force: force)
                print("installed \(path) (runs \(installer.binary) hook pre-receive)")
                print("installed \(URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("post-receive").path) (records each sign-off's first arrival)")
                print("set receive.fsckObjects=true in \(server) (git refuses malformed objects before the hook runs)")
                return
            }
            let hooks = try HookInstaller.hooksFolder(of: Workspace())
            let path = try installer.installPreCommit(into: hooks, force: force)
            print("installed \(path) (runs \(installer.binary) hook pre-commit)")
        }
    }
}
