import ArgumentParser
import CountersignCore
import Foundation

/// `countersign log`: the sign-off log in acceptance order, with verdicts.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Print the sign-off log in acceptance order, with each verdict.")

    @Argument(help: "The review (default: all).")
    var review: String?

    @OptionGroup var revision: RevisionOption

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "log")
    }

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision)
        let entries = (run.report.signOffs + run.tags.unanchored)
            .filter { review == nil || $0.name.review == review }
        let view = SignOffLogView(entries, heading: "sign-off log of \(run.scope.describe(tip: run.report.tip)), in acceptance order")
        try Output.emit(view, format, command: "log")
    }
}
