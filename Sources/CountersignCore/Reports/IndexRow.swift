/// One review in the index of `audit --all`.
public struct IndexRow: Encodable, Sendable {
    public var id: String
    @NullWhenAbsent public var title: String?
    public var state: ReviewStatus.State
    public var holds: Bool
    @NullWhenAbsent public var lastDecision: String?
    @NullWhenAbsent public var lastClearedAt: String?
    public var gaps: Int
    public var checklistOpen: Int
    public var violations: Int
    public var file: String

    enum CodingKeys: String, CodingKey {
        case id, title, state, holds, gaps, violations, file
        case lastDecision = "last_decision", lastClearedAt = "last_clearance_at", checklistOpen = "checklist_open"
    }

    public init(_ record: GovernanceRecord, file: String) {
        id = record.review.id
        title = record.review.title
        state = record.state
        holds = record.verdict.holds
        lastDecision = record.clearances.last?.decision
        lastClearedAt = record.clearances.last?.acceptedAt
        gaps = record.gaps.count
        checklistOpen = record.checklist.filter { !$0.holds }.count
        violations = record.violations.count
        self.file = file
    }

    /// "3 gap items, 1 checklist item open", or "nothing".
    public var open: String {
        let parts = [(gaps, "gap item", ""), (checklistOpen, "checklist item", " open"), (violations, "violation", "")]
            .filter { $0.0 > 0 }.map { FindingsReport.count($0.0, $0.1) + $0.2 }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}
