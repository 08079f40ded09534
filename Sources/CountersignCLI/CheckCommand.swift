import ArgumentParser
import CountersignCore
import Foundation

/// `countersign check <base>..<head>`: the pre-receive rules over a pull request's range.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Apply the server's rules to a range, for pull-request CI.")

    @Argument(help: "The range, e.g. origin/main..HEAD.")
    var range: String

    @Option(help: "text, json, github, sarif or junit.")
    var format: FindingsReport.Format = .text

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let report = try RangeCheck(workspace: workspace).run(range)
        let violations = report.violations
        let summary = "checked \(report.history.count) commits and \(report.signOffs.count) sign-offs of \(range): "
            + (violations.isEmpty ? "ok" : "\(violations.count) violation\(violations.count == 1 ? "" : "s")")
        print(try FindingsReport.render(violations, format: format, summary: summary))
        if violations.contains(where: { $0.rule == "signoff.missing-tag" }) {
            Output.error("tag objects named by anchors are missing; fetch them with `git fetch origin 'refs/tags/signoff/*:refs/tags/signoff/*'`")
            throw ExitCode(ExitStatus.unusable)
        }
        if !violations.isEmpty { throw ExitCode(ExitStatus.failed) }
    }
}

extension FindingsReport.Format: ExpressibleByArgument {}
