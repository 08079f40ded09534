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
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision)
        let statuses = try run.statusBuilder.statuses(reviews: review.map { [$0] } ?? [])
        switch format {
        case .json:
            try Output.json(["reviews": statuses])
        case .text:
            let policy = try run.context.policyInForce(at: run.report.tip)
            print("at \(run.scope.describe(tip: run.report.tip))")
            if run.scope.merging == nil, let drift = try workspace.remoteDrift(branch: run.report.branch, tip: run.report.tip) {
                print("note: \(drift)")
            }
            for status in statuses { StatusText.print(status, policy: policy) }
            if statuses.isEmpty { print("no reviews yet; start one with `countersign new <review>`") }
        }
    }
}

/// The text form of a review's status: one line per step, then gaps and who is next.
enum StatusText {
    static func print(_ status: ReviewStatus, policy: Policy?) {
        Swift.print("\n\(status.id): \(status.state.rawValue)")
        for reason in status.reasons { Swift.print("  ! \(reason)") }
        for step in status.steps {
            let signers = step.signoffs.map { signOff in
                "\(signOff.member) r\(signOff.round)\(signOff.signedAt.map { " \($0.prefix(10))" } ?? "")"
                    + (signOff.anchor.map { " accepted at \($0.prefix(10))" } ?? "") + (signOff.landedBy.map { " by \($0)" } ?? "")
            }.joined(separator: ", ")
            let mark = switch step.state {
            case .signed: "✓"
            case .stale, .returned: "!"
            case .partial, .pending: "…"
            case .missing: "·"
            case .notApplicable: "-"
            }
            var line = "  \(mark) \(step.id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(step.role.padding(toLength: 13, withPad: " ", startingAt: 0)) \(step.state.rawValue)"
            if !signers.isEmpty { line += "  \(signers)" }
            if let detail = step.detail { line += "  (\(detail))" }
            Swift.print(line)
        }
        if !status.gaps.isEmpty {
            Swift.print("  gaps:")
            for gap in status.gaps { Swift.print("    \(gap.step): \(gap)") }
        }
        for next in status.next {
            let who = policy?.describe(role: next.role, members: next.members) ?? "\(next.role) (\(next.members.joined(separator: ", ")))"
            Swift.print("  next: \(who) signs \(next.step)")
        }
    }
}
