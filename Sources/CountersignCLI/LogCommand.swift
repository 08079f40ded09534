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
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision)
        let entries = (run.report.signOffs + run.tags.unanchored)
            .filter { review == nil || $0.name.review == review }
            .map(LogEntry.init)
        switch format {
        case .json:
            try Output.json(["signoffs": entries])
        case .text:
            print("sign-off log of \(run.scope.describe(tip: run.report.tip)), in acceptance order")
            for entry in entries { print(entry.text) }
            if entries.isEmpty { print("no sign-offs yet") }
        }
    }
}

/// One line of the log.
struct LogEntry: Encodable {
    var tag: String
    var review: String
    var step: String
    var round: Int
    var member: String
    @NullWhenAbsent var role: String?
    @NullWhenAbsent var key: String?
    var verdict: String
    @NullWhenAbsent var signedAt: String?
    @NullWhenAbsent var target: String?
    @NullWhenAbsent var anchor: String?
    @NullWhenAbsent var landedBy: String?
    var violations: [Finding]

    enum CodingKeys: String, CodingKey {
        case tag, review, step, round, member, role, key, verdict, target, anchor, violations
        case landedBy = "landed_by"
        case signedAt = "signed_at"
    }

    init(_ signOff: SignOff) {
        let summary = SignOffSummary(signOff)
        tag = summary.tag
        review = signOff.name.review
        step = signOff.name.step
        round = signOff.name.round
        member = signOff.name.member
        role = signOff.role
        key = summary.key
        verdict = !signOff.isAnchored ? "unanchored" : signOff.isValid ? "valid" : "rejected"
        signedAt = summary.signedAt
        target = summary.target
        anchor = summary.anchor
        landedBy = summary.landedBy
        violations = signOff.violations
    }

    var text: String {
        let rules = violations.map(\.rule.rawValue).joined(separator: ", ")
        let verdictText = verdict == "rejected" ? "REJECTED (\(rules))" : verdict
        var line = "\(signedAt ?? "????-??-??T??:??:??Z")  \(review)  \(step) r\(round)  \(member) (\(role ?? "?"))  \(verdictText)"
        line += "\n    key \(key ?? "-")  target \(target?.prefix(10) ?? "-")  accepted at \(anchor?.prefix(10) ?? "-")"
        if let landedBy { line += " (landed by \(landedBy))" }
        for violation in violations { line += "\n    \(violation.description)" }
        return line
    }
}
