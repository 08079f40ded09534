import ArgumentParser
import CountersignCore
import Foundation
import GitKit

/// `countersign hook pre-commit | pre-receive`: what the installed hooks run.
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Run a hook: pre-commit (the staged change), pre-receive (a push, on the server) or post-receive (records what a push brought).")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case preCommit = "pre-commit", preReceive = "pre-receive", postReceive = "post-receive"
    }

    @Argument(help: "pre-commit, pre-receive or post-receive.")
    var kind: Kind

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "hook")
    }

    func run() throws {
        do {
            switch kind {
            case .preCommit: try preCommit()
            case .preReceive: try preReceive()
            case .postReceive: try postReceive()
            }
        } catch let error as ExitCode {
            throw error
        } catch where Self.prefix.isEmpty == false {
            // GitLab shows the pusher only prefixed lines, so unusable input is prefixed too.
            let message = error is PolicyError ? "the policy is invalid:\n\(error)" : "\(error)"
            for line in message.split(separator: "\n") {
                FileHandle.standardError.write(Data("\(Self.prefix)countersign: \(line)\n".utf8))
            }
            throw ExitCode(ExitStatus.unusable)
        }
    }

    /// `GL-HOOK-ERR: ` under GitLab (which sets `GL_ID`): only lines with it reach the pusher.
    static var prefix: String {
        ProcessInfo.processInfo.environment["GL_ID"] != nil ? "GL-HOOK-ERR: " : ""
    }

    private func preCommit() throws {
        let workspace = try Workspace(repository: Repository.openFromEnvironment())
        let author = try StagedChange.author(in: workspace)
        let report = try StagedChange(workspace: workspace, author: author).judge()
        for warning in report.warnings { Output.error(warning.description) }
        try emit(report.violations, summary: "the staged change", rejectedVerb: "commit")
    }

    private func preReceive() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let repository = try Repository.openFromEnvironment()
        let updates = try RefUpdate.parse(input)
        let violations = try PushJudge(context: LedgerContext(repository: repository)).judge(updates)
        try emit(violations, summary: "the push", rejectedVerb: "push")
    }

    /// After an accepted push: records the first arrival of each sign-off it brought.
    private func postReceive() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        try SignOffArrivals(repository: Repository.openFromEnvironment()).record(RefUpdate.parse(input))
    }

    /// Prints violations to standard error (where git relays them to the pusher) and fails the hook.
    private func emit(_ violations: [Finding], summary: String, rejectedVerb: String) throws {
        let prefix = Self.prefix
        if format != .text {
            let report = FindingsReport(findings: violations, summary: summary, title: "countersign hook", formats: ReportFormat.textAndJSON)
            print(try report.rendered(format, command: "hook"))
        } else {
            for violation in violations {
                FileHandle.standardError.write(Data("\(prefix)countersign: \(violation)\n".utf8))
            }
        }
        guard violations.isEmpty else {
            FileHandle.standardError.write(Data("\(prefix)countersign: \(rejectedVerb) rejected: \(FindingsReport.count(violations.count, "violation")) in \(summary)\n".utf8))
            throw ExitCode(ExitStatus.failed)
        }
    }
}
