import Foundation

/// What `validate` reports: per review, its gap items; and every schema or path violation.
public struct ValidationReport: Sendable {
    public struct ReviewGaps: Sendable {
        public var id: String
        public var gaps: [GapItem]
    }

    public var reviews: [ReviewGaps]
    public var violations: [Violation]
    public var ok: Bool { violations.isEmpty && reviews.allSatisfy { $0.gaps.isEmpty } }
}

/// Schema and gap items of a tree, per review and per step: the `validate` command's work,
/// and the content check a sign-off's target commit gets.
public struct Validation {
    public let source: FileSource
    public let policy: Policy

    public init(source: FileSource, policy: Policy) {
        self.source = source
        self.policy = policy
    }

    /// Validates `ids` (all reviews when empty); an unknown id is an `InputError`.
    public func run(reviews ids: [String] = [], asOf: Date = Date()) throws -> ValidationReport {
        let existing = try Review.ids(in: source)
        for id in ids where !existing.contains(id) {
            throw NameHint.unknownReview(id, known: existing, at: "in \(source.label)")
        }
        let selected = ids.isEmpty ? existing : ids
        let entries = try source.entries(under: Review.root)
        var violations = ReviewLayout(policy: policy).check(entries.filter { entry in
            guard let (id, _) = ReviewLayout.split(entry.path) else { return ids.isEmpty }
            return selected.contains(id)
        })
        var reports: [ValidationReport.ReviewGaps] = []
        for id in selected where PolicyChecker.isValidID(id) {
            let diagnostics = Diagnostics()
            let review = try ReviewReader(source: source, diagnostics: diagnostics).read(id)
            violations += diagnostics.violations
            reports.append(.init(id: id, gaps: GapAnalysis(policy: policy, review: review, asOf: asOf).all()))
        }
        return ValidationReport(reviews: reports, violations: violations)
    }
}
