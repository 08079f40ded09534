/// `validate`'s report: per review its gap items by step, and the schema and path violations.
public struct ValidationView: Report {
    public var report: ValidationReport
    /// The steps in the policy's order, to group gap items by; empty when the policy is unusable.
    public var steps: [Step]

    public init(_ report: ValidationReport, steps: [Step]) {
        self.report = report
        self.steps = steps
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }
    public var exitStatus: Int32 { report.ok ? 0 : 1 }

    public func render(_ format: ReportFormat) throws -> String {
        format == .json ? try JSONText.encode(json) : text
    }

    /// `{"ok", "reviews": [{"id", "gaps"}], "violations"}`.
    struct JSON: Encodable {
        struct ReviewEntry: Encodable {
            var id: String
            var gaps: [GapItem]
        }

        var ok: Bool
        var reviews: [ReviewEntry]
        var violations: [Finding]
    }

    var json: JSON {
        JSON(ok: report.ok, reviews: report.reviews.map { .init(id: $0.id, gaps: $0.gaps) }, violations: report.violations)
    }

    var text: String {
        var lines = report.violations.map(\.description)
        for review in report.reviews {
            if review.gaps.isEmpty {
                lines.append("\(review.id): complete, every step can be signed")
                continue
            }
            lines.append("\(review.id): \(FindingsReport.count(review.gaps.count, "gap item"))")
            for step in steps {
                let gaps = review.gaps.filter { $0.step == step.id }
                guard !gaps.isEmpty else { continue }
                lines.append("  \(step.id) (\(step.role)):")
                lines += gaps.map { "    \($0)" }
            }
        }
        if report.reviews.isEmpty, report.violations.isEmpty {
            lines.append("no reviews yet; start one with `countersign new <review>`")
        }
        return lines.joined(separator: "\n")
    }
}
