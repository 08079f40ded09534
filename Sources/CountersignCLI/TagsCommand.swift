import ArgumentParser
import CountersignCore
import Foundation

/// `countersign tags`: the tag ref of every anchor, written from the anchor's bytes.
struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "Write the tag ref of every anchor into this repository, so git verify-tag can check the sign-offs.")

    @OptionGroup var revision: RevisionOption

    @Flag(help: "Rewrite a tag ref that names another object than its anchor.")
    var force = false

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "tags")
    }

    func run() throws {
        let entries = try TagRestore(workspace: Workspace(needsWorkTree: false)).run(revision: revision.revision, force: force)
        var lines: [String] = []
        for entry in entries {
            let id = entry.tagID.map { " \($0.hex.prefix(10))" } ?? ""
            let note = switch entry.outcome {
            case .written: "written"
            case .present: "already present"
            case .rewritten: "rewritten from its anchor"
            case .differs: "left alone: the ref names another object than the anchor; --force rewrites it"
            case .malformed: "left alone: the anchor is not a well-formed tag object (see countersign verify)"
            }
            lines.append("\(entry.name)\(id): \(note)")
        }
        let written = entries.filter { $0.outcome == .written || $0.outcome == .rewritten }.count
        lines.append("\(written) of \(entries.count) tag refs written; check them with `git verify-tag` (for SSH keys, `countersign allowed-signers` writes the allowed-signers file)")
        let json = ["tags": entries.map { ["tag": $0.name.description, "object": $0.tagID?.hex ?? "", "outcome": $0.outcome.rawValue] }]
        let failed = entries.contains { $0.outcome == .differs || $0.outcome == .malformed }
        try Output.emit(PlainReport(lines: lines, json: json, exitStatus: failed ? ExitStatus.failed : ExitStatus.ok), format, command: "tags")
    }
}
