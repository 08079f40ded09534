import ArgumentParser
import CountersignCore
import Foundation

/// `countersign check <base>..<head>` or `check --target <branch> <head>`: what the server would
/// say to the push that merges a pull request, for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge a pull request as its merge into the target branch, as the server would judge that push.",
        discussion: "The base is the target branch's tip (never the merge base); run it from the target branch's definition of the job.")

    @Argument(help: "<base>..<head> (e.g. origin/main..HEAD), or the head alone with --target.")
    var range: String

    @Option(help: "The branch the pull request merges into (its local or origin/ tip is the base).")
    var target: String?

    @Option(help: "merge (a merge commit, the default) or ff (a fast-forward).")
    var method: Ledger.Method = .merge

    @Option(help: "text, json, github, sarif, junit, markdown or codequality.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.findings, for: "check")
    }

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let check = RangeCheck(workspace: workspace)
        let (base, head) = try target.map { (try check.target($0), range) } ?? RangeCheck.split(range)
        let verdict = try check.run(base: base, head: head, method: method)
        let violations = verdict.violations
        // The base as people name it: main for refs/heads/main, origin/main for refs/remotes/origin/main.
        let shown = ["refs/heads/", "refs/remotes/"].first(where: base.hasPrefix).map { String(base.dropFirst($0.count)) } ?? base
        let landing = method == .merge ? "merging \(head) into \(shown)" : "fast-forwarding \(shown) to \(head)"
        let summary = verdict.alreadyMerged
            ? "\(head) is already in the history of \(shown): nothing to land"
            : "checked \(landing): \(FindingsReport.count(verdict.report.history.count, "first-parent commit")) and \(FindingsReport.count(verdict.report.signOffs.count, "sign-off")): "
                + (violations.isEmpty ? "ok" : FindingsReport.count(violations.count, "violation"))
        let report = FindingsReport(findings: violations + verdict.notices, summary: summary, title: "countersign check")
        try Output.emit(report, format, command: "check")
    }
}

extension Ledger.Method: ExpressibleByArgument {}
