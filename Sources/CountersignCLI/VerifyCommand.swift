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

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision, trustRoot: trustRoot)
        var violations = run.violations
        if run.scope.merging == nil, let known = try workspace.knownTip(knownTip, branch: run.report.branch),
           let violation = try workspace.knownTipViolation(known, tip: run.report.tip, branch: run.report.branch, context: run.context) {
            violations.insert(violation, at: 0)
        }
        switch format {
        case .json:
            print(try FindingsReport.render(violations, format: .json, summary: ""))
        case .text:
            for violation in violations { print(violation.description) }
            for notice in run.notices { print(notice.description) }
            let valid = run.report.state.signOffs.count
            let verdict = violations.isEmpty ? "ok" : "\(violations.count) violation\(violations.count == 1 ? "" : "s")"
            if let trusted = try workspace.trustedRoot(of: run.report) {
                let how = trustRoot == nil ? "trusted on first use; compare both with the values you recorded, or pin the root with --trust-root" : "pinned with --trust-root"
                print("root commit \(trusted.root.hex), policy blob \(trusted.policy?.hex ?? "none"): \(how)")
            }
            print("verified \(run.report.history.count) commits and \(run.report.signOffs.count) anchored sign-offs (\(valid) valid) of \(run.report.branch) at \(run.report.tip.hex.prefix(10)): \(verdict)")
        }
        if !violations.isEmpty { throw ExitCode(ExitStatus.failed) }
    }
}
