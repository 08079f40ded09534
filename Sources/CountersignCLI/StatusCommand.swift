import ArgumentParser
import CountersignCore
import Foundation

/// `countersign status`: each review's state, each step's state, and who signs next.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each review's state, each step's state, and who is next.")

    @Argument(help: "The review (default: all).")
    var review: String?

    @OptionGroup var revision: RevisionOption

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "status")
    }

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision)
        let statuses = try run.statusBuilder.statuses(reviews: review.map { [$0] } ?? [])
        // The text's header: the revision shown, and how it stands to the remote.
        var header: [String] = []
        if format == .text {
            header.append("at \(run.scope.describe(tip: run.report.tip))")
            if run.scope.merging == nil, let drift = try workspace.remoteDrift(branch: run.report.branch, tip: run.report.tip) {
                header.append("note: \(drift)")
            }
        }
        let view = StatusView(statuses, policy: try run.context.policyInForce(at: run.report.tip), header: header)
        try Output.emit(view, format, command: "status")
    }
}
