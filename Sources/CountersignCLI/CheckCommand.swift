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

    @Option(help: "text, json, github, sarif or junit.")
    var format: FindingsReport.Format = .text

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let check = RangeCheck(workspace: workspace)
        let (base, head) = try target.map { (try check.target($0), range) } ?? RangeCheck.split(range)
        let verdict = try check.run(base: base, head: head, method: method)
        let violations = verdict.violations
        let landing = method == .merge ? "merging \(head) into \(base)" : "fast-forwarding \(base) to \(head)"
        let summary = verdict.alreadyMerged
            ? "\(head) is already in the history of \(base): nothing to land"
            : "checked \(landing): \(Self.count(verdict.report.history.count, "first-parent commit")) and \(Self.count(verdict.report.signOffs.count, "sign-off")): "
                + (violations.isEmpty ? "ok" : "\(violations.count) violation\(violations.count == 1 ? "" : "s")")
        print(try FindingsReport.render(violations, format: format, summary: summary))
        if format == .text {
            for notice in verdict.notices { FileHandle.standardError.write(Data("\(notice.description)\n".utf8)) }
        }
        if !violations.isEmpty { throw ExitCode(ExitStatus.failed) }
    }
}

extension CheckCommand {
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

extension FindingsReport.Format: ExpressibleByArgument {}
extension Ledger.Method: ExpressibleByArgument {}
