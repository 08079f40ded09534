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
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace()
        let policy: Policy
        do {
            policy = try workspace.policy()
        } catch let error as PolicyError {
            if format == .json {
                try Output.json(ValidationJSON(ok: false, reviews: [], violations: error.violations))
            }
            throw error
        }
        var report = try Validation(source: try workspace.workingTree, policy: policy).run(reviews: reviews)
        if step != nil || role != nil { report = try report.limited(step: step, role: role, policy: policy) }
        switch format {
        case .json:
            try Output.json(ValidationJSON(ok: report.ok, reviews: report.reviews.map { .init(id: $0.id, gaps: $0.gaps) }, violations: report.violations))
        case .text:
            printText(report, policy: policy)
        }
        if !report.ok { throw ExitCode(ExitStatus.failed) }
    }

    private func printText(_ report: ValidationReport, policy: Policy) {
        for violation in report.violations {
            print("\(violation)")
        }
        for review in report.reviews {
            if review.gaps.isEmpty {
                print("\(review.id): complete, every step can be signed")
                continue
            }
            print("\(review.id): \(review.gaps.count) gap item\(review.gaps.count == 1 ? "" : "s")")
            for step in policy.steps {
                let gaps = review.gaps.filter { $0.step == step.id }
                guard !gaps.isEmpty else { continue }
                print("  \(step.id) (\(step.role)):")
                for gap in gaps { print("    \(gap)") }
            }
        }
        if report.reviews.isEmpty, report.violations.isEmpty {
            print("no reviews yet; start one with `countersign new <review>`")
        }
    }
}

/// The JSON of `validate` (spec section 7).
struct ValidationJSON: Encodable {
    struct ReviewEntry: Encodable {
        var id: String
        var gaps: [GapItem]
    }

    var ok: Bool
    var reviews: [ReviewEntry]
    var violations: [Finding]
}
