import ArgumentParser
import CountersignCore
import Foundation

/// `countersign validate [<review>…]`: schema and gap items of the working tree, per step.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the schema and the gap items of reviews in the working tree.")

    @Argument(help: "Reviews to check (default: all).")
    var reviews: [String] = []

    @Option(help: "Only what this step needs: its gaps, and problems in its role's files.")
    var step: String?

    @Option(help: "Only what this role needs: the gaps of its steps, and problems in its files.")
    var role: String?

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "validate")
    }

    func run() throws {
        let workspace = try Workspace()
        let policy: Policy
        do {
            policy = try workspace.policy()
        } catch let error as PolicyError {
            // The policy's own violations, in the report's shape, then exit 2: nothing can be validated.
            if format == .json { print(try ValidationView(ValidationReport(reviews: [], violations: error.violations), steps: []).rendered(format, command: "validate")) }
            throw error
        }
        var report = try Validation(source: try workspace.workingTree, policy: policy).run(reviews: reviews)
        if step != nil || role != nil { report = try report.limited(step: step, role: role, policy: policy) }
        try Output.emit(ValidationView(report, steps: policy.steps), format, command: "validate")
    }
}
