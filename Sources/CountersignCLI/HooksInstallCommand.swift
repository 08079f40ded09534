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

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func validate() throws {
            try format.require(ReportFormat.textAndJSON, for: "hooks install")
        }

        func run() throws {
            let installer = HookInstaller()
            var installed: [String] = []
            var settings: [String] = []
            if let server {
                let path = try installer.installPreReceive(bareRepository: URL(fileURLWithPath: server).standardizedFileURL, force: force)
                installed = [path, URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("post-receive").path]
                settings = ["receive.fsckObjects=true"]
            } else {
                installed = [try installer.installPreCommit(into: HookInstaller.hooksFolder(of: Workspace()), force: force)]
            }
            let lines = server.map { server in
                ["installed \(installed[0]) (runs \(installer.binary) hook pre-receive)",
                 "installed \(installed[1]) (records each sign-off's first arrival)",
                 "set receive.fsckObjects=true in \(server) (git refuses malformed objects before the hook runs)"]
            } ?? ["installed \(installed[0]) (runs \(installer.binary) hook pre-commit)"]
            let json = HooksJSON(installed: installed, binary: installer.binary, settings: settings)
            try Output.emit(PlainReport(lines: lines, json: json), format, command: "hooks install")
        }
    }
}

/// The JSON of `hooks install`: the hook files written, the binary they run, the git settings made.
struct HooksJSON: Encodable {
    var installed: [String]
    var binary: String
    var settings: [String]
}
