import ArgumentParser
import CountersignCore
import Foundation

/// `countersign verify`: every commit and sign-off of the protected branch, from scratch.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify every commit, signature and sign-off of the protected branch from scratch.")

    @OptionGroup var revision: RevisionOption

    @Option(name: .customLong("trust-root"), help: "The root commit whose policy is trusted (pins the root of trust).")
    var trustRoot: String?

    @Option(name: .customLong("known-tip"), help: "A tip of the protected branch seen before; a history that no longer holds it on its first-parent chain fails (default: the remote-tracking ref's previous value in the reflog).")
    var knownTip: String?

    @Option(help: "text, json, github, sarif, junit, markdown or codequality.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.findings, for: "verify")
    }

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision, trustRoot: trustRoot)
        var violations = run.violations
        if run.scope.merging == nil, let known = try workspace.knownTip(knownTip, branch: run.report.branch),
           let violation = try workspace.knownTipViolation(known, tip: run.report.tip, branch: run.report.branch, context: run.context) {
            violations.insert(violation, at: 0)
        }
        var details: [String] = []
        if let trusted = try workspace.trustedRoot(of: run.report) {
            let how = trustRoot == nil ? "trusted on first use; compare both with the values you recorded, or pin the root with --trust-root" : "pinned with --trust-root"
            details.append("root commit \(trusted.root.hex), policy blob \(trusted.policy?.hex ?? "none"): \(how)")
        }
        let verdict = violations.isEmpty ? "ok" : FindingsReport.count(violations.count, "violation")
        let summary = "verified \(run.report.history.count) commits and \(run.report.signOffs.count) anchored sign-offs (\(run.report.state.signOffs.count) valid) of \(run.report.branch) at \(run.report.tip.hex.prefix(10)): \(verdict)"
        let report = FindingsReport(findings: violations + run.notices, summary: summary, details: details, title: "countersign verify")
        try Output.emit(report, format, command: "verify")
    }
}
