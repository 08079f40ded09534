import Foundation

/// The state of one review at one revision, as `status` shows it (docs/reference.md#json-output).
public struct ReviewStatus: Sendable, Encodable {
    public enum State: String, Sendable, Encodable {
        case draft, inReview = "in-review", cleared, clearedWithConditions = "cleared-with-conditions", returned, rejected
        case reassessmentRequired = "reassessment-required"
    }

    /// One step's state and the sign-offs of its current round.
    public struct StepStatus: Sendable, Encodable {
        public enum State: String, Sendable, Encodable {
            case signed, partial, pending, stale, missing, returned, notApplicable = "not-applicable"
        }

        public var id: String
        public var role: String
        public var state: State
        public var signoffs: [SignOffSummary]
        /// Why the step is stale or returned; not part of the JSON of docs/reference.md#json-output.
        public var detail: String?

        enum CodingKeys: String, CodingKey { case id, role, state, signoffs }
    }

    /// Who signs next: a step whose prerequisites are all signed.
    public struct Next: Sendable, Encodable {
        public var step: String
        public var role: String
        public var members: [String]
    }

    public var id: String
    public var state: State
    public var reasons: [String]
    public var steps: [StepStatus]
    public var gaps: [GapItem]
    public var next: [Next]
    /// Controls past their due date and not verified (status/controls.yaml).
    public var overdue: [String] = []
}

/// A sign-off as status and log print it.
public struct SignOffSummary: Sendable, Encodable {
    public var tag: String
    public var member: String
    public var round: Int
    @NullWhenAbsent public var target: String?
    @NullWhenAbsent public var anchor: String?
    @NullWhenAbsent public var key: String?
    @NullWhenAbsent public var signedAt: String?
    /// The member (or email) who authored the acceptance point.
    @NullWhenAbsent public var landedBy: String?

    enum CodingKeys: String, CodingKey {
        case tag, member, round, target, anchor, key
        case signedAt = "signed_at", landedBy = "landed_by"
    }

    public init(_ signOff: SignOff) {
        tag = signOff.name.description
        member = signOff.name.member
        round = signOff.name.round
        target = signOff.target?.hex
        anchor = signOff.acceptance?.hex
        key = signOff.keyFingerprint
        signedAt = signOff.tagger.map { ISO8601DateFormatter().string(from: $0.date) }
        landedBy = signOff.landedBy
    }
}
