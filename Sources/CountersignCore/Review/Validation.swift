import Foundation

/// What `validate` reports: per review, its gap items; and every schema or path violation.
public struct ValidationReport: Sendable {
    public struct ReviewGaps: Sendable {
        public var id: String
        public var gaps: [GapItem]
    }

    public var reviews: [ReviewGaps]
    public var violations: [Finding]
    public var ok: Bool { violations.isEmpty && reviews.allSatisfy { $0.gaps.isEmpty } }

    public init(reviews: [ReviewGaps], violations: [Finding]) {
        self.reviews = reviews
        self.violations = violations
    }

    /// Only what one role (with `step`, one step of it) must mend: the gaps of its steps, and the
    /// violations of files it owns or of no review file — so a role can check that its own step
    /// is ready while others are still at work. Unknown names are an `InputError`.
    public func limited(step: String?, role: String?, policy: Policy) throws -> ValidationReport {
        if let step, policy.step(step) == nil { throw NameHint.unknownStep(step, steps: policy.steps.map(\.id)) }
        if let role, policy.role(role) == nil {
            let hint = NameHint.suggestion(for: role, among: policy.roles.map(\.id)).map { "did you mean \"\($0)\"? " } ?? ""
            throw InputError("the policy has no role \"\(role)\"; \(hint)roles: \(policy.roles.map(\.id).joined(separator: ", "))", path: Policy.path)
        }
        let owner = role ?? step.flatMap { policy.step($0)?.role }
        let steps = Set(policy.steps.filter { step == nil ? $0.role == owner : $0.id == step }.map(\.id))
        var copy = self
        copy.reviews = reviews.map { ReviewGaps(id: $0.id, gaps: $0.gaps.filter { steps.contains($0.step) }) }
        copy.violations = violations.filter { violation in
            guard let path = violation.path, let (_, relative) = ReviewLayout.split(path) else { return true }
            return policy.owners(of: relative).contains { $0.id == owner }
        }
        return copy
    }
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
            let diagnostics = FindingCollector()
            let review = try ReviewReader(source: source, diagnostics: diagnostics).read(id)
            violations += diagnostics.violations
            reports.append(.init(id: id, gaps: GapAnalysis(policy: policy, review: review, asOf: asOf).all()))
        }
        return ValidationReport(reviews: reports, violations: violations)
    }
}
