import Foundation

/// The governance record of one review at one revision (docs/reference.md#the-governance-record):
/// everything `audit` writes, derived from the ledger once; every format renders this and reads
/// nothing else.
public struct GovernanceRecord: Sendable, Encodable {
    /// The version of this JSON form; a field is only ever added under the same version.
    public var schema = "countersign.audit/1"
    public var review: ReviewContext
    public var state: ReviewStatus.State
    /// Why a cleared review must be assessed again.
    public var reasons: [String]
    /// Whether the record shows a cleared review with everything holding, and if not why not.
    public var verdict: Verdict
    public var provenance: Provenance
    /// The hand-offs, one per step of the policy in its order.
    public var steps: [HandOff]
    /// Every sign-off of the review, in acceptance order; unanchored tags last.
    public var signoffs: [SignOffEntry]
    public var clearances: [ClearanceRound]
    public var checklist: [ChecklistItem]
    public var acceptances: [AcceptanceEntry]
    public var triggers: [TriggerEntry]
    public var controls: [ControlEntry]
    public var policyChanges: [PolicyChange]
    /// The history's violations that concern this review, or no review in particular.
    public var violations: [Finding]
    /// The open gap items at the revision.
    public var gaps: [GapItem]

    enum CodingKeys: String, CodingKey {
        case schema, review, state, reasons, verdict, provenance, steps, signoffs, clearances, checklist
        case acceptances, triggers, controls, violations, gaps
        case policyChanges = "policy_changes"
    }

    /// The exit status of `audit`: 0 only when the review is cleared and everything holds.
    public var exitStatus: Int32 { verdict.holds ? 0 : 1 }

    /// Whether the review has any anchored sign-off.
    public var hasSignOffs: Bool { signoffs.contains { $0.anchor != nil } }

    /// How a clearance round stands: in force, superseded by a later round, or not yet in force
    /// (the latest round, short of its threshold).
    public func standing(of round: ClearanceRound) -> String {
        if round.current { return "in force" }
        if let later = clearances.first(where: { $0.round > round.round }) { return "superseded by round \(later.round)" }
        return "not in force: fewer signers than the threshold so far"
    }
}

extension GovernanceRecord {
    /// The review, its system and deployment context, as the files at the revision say.
    public struct ReviewContext: Sendable, Encodable {
        public var id: String
        @NullWhenAbsent public var title: String?
        /// `system/description.md` as written (Markdown, never interpreted by a renderer).
        @NullWhenAbsent public var description: String?
        @NullWhenAbsent public var userPopulation: String?
        @NullWhenAbsent public var operationalConsequence: String?
        @NullWhenAbsent public var dataClassification: String?
        @NullWhenAbsent public var personalData: Bool?
        /// Members assigned to each role in `review.yaml`.
        public var assignments: [String: [String]]

        enum CodingKeys: String, CodingKey {
            case id, title, description, assignments
            case userPopulation = "user_population", operationalConsequence = "operational_consequence"
            case dataClassification = "data_classification", personalData = "personal_data"
        }
    }

    /// The overall answer and the reasons it is not "holds".
    public struct Verdict: Sendable, Encodable {
        public var holds: Bool
        public var summary: String
        public var problems: [String]
    }

    /// What the record was made from, and how to make it again.
    public struct Provenance: Sendable, Encodable {
        public var branch: String
        /// The commit the record describes.
        public var revision: String
        /// "main 1a2b3c4d5e", or a branch as if merged.
        public var scope: String
        @NullWhenAbsent public var root: String?
        /// The blob id of `countersign.yaml` at the root: the policy trusted on first use.
        @NullWhenAbsent public var rootPolicy: String?
        /// The blob id of `countersign.yaml` in the revision's tree (when a void commit brought it,
        /// the record's violations say so and the policy before it is the one that judged).
        @NullWhenAbsent public var policy: String?
        /// The time expiries and dates were judged at.
        public var asOf: String
        public var commits: Int
        /// The command that re-derives the ledger this record is made from.
        public var verifyCommand: String
        /// The command that writes this record again.
        public var auditCommand: String

        enum CodingKeys: String, CodingKey {
            case branch, revision, scope, root, policy, commits
            case rootPolicy = "root_policy", asOf = "as_of"
            case verifyCommand = "verify_command", auditCommand = "audit_command"
        }
    }

    /// One step of the hand-off picture: its role, order, state and current signers.
    public struct HandOff: Sendable, Encodable {
        public var step: String
        public var role: String
        public var requires: [String]
        /// `personal_data` for a step that applies only when personal data is in scope.
        @NullWhenAbsent public var when: String?
        public var state: ReviewStatus.StepStatus.State
        @NullWhenAbsent public var detail: String?
        /// The sign-offs of the step's current round.
        public var signoffs: [SignOffSummary]
    }

    /// One sign-off as the log shows it, with what the member wrote and whether a later round replaced it.
    public struct SignOffEntry: Sendable, Encodable {
        public struct Requirement: Sendable, Encodable {
            public var tag: String
            public var object: String
        }

        public var tag: String
        /// The id of the signed tag object; null for an anchor that holds no readable tag.
        @NullWhenAbsent public var object: String?
        public var step: String
        public var round: Int
        public var member: String
        @NullWhenAbsent public var role: String?
        @NullWhenAbsent public var key: String?
        /// valid, rejected or unanchored.
        public var verdict: String
        /// The tagger date: the signer's claim, as the tag says it; the acceptance point's date is `accepted_at`.
        @NullWhenAbsent public var signedAt: String?
        @NullWhenAbsent public var target: String?
        /// The acceptance point and its committer date.
        @NullWhenAbsent public var anchor: String?
        @NullWhenAbsent public var acceptedAt: String?
        @NullWhenAbsent public var landedBy: String?
        public var requires: [Requirement]
        @NullWhenAbsent public var decision: String?
        /// The tag message without its trailers.
        public var message: String
        /// A valid sign-off of an earlier round of a step that has a later valid round.
        public var superseded: Bool
        public var violations: [Finding]

        enum CodingKeys: String, CodingKey {
            case tag, object, step, round, member, role, key, verdict, target, anchor, requires, decision, message, superseded, violations
            case signedAt = "signed_at", acceptedAt = "accepted_at", landedBy = "landed_by"
        }
    }

    /// One round of the clearance: the decision, what the authority wrote, and what it relied on.
    public struct ClearanceRound: Sendable, Encodable {
        /// A step the round sent back, what it must fix, and the sign-offs that answered it.
        public struct Returned: Sendable, Encodable {
            public var step: String
            public var item: String
            public var path: String
            public var line: Int
            public var answeredBy: [String]

            enum CodingKeys: String, CodingKey {
                case step, item, path, line
                case answeredBy = "answered_by"
            }
        }

        public var round: Int
        @NullWhenAbsent public var decision: String?
        @NullWhenAbsent public var rationale: String?
        public var conditions: [String]
        public var returned: [Returned]
        /// The round's sign-offs.
        public var signoffs: [String]
        /// The prerequisite sign-offs its `Requires:` trailers name.
        public var relies: [String]
        @NullWhenAbsent public var target: String?
        @NullWhenAbsent public var acceptedAt: String?
        /// The round in force at the revision (a later round supersedes it otherwise).
        public var current: Bool

        enum CodingKeys: String, CodingKey {
            case round, decision, rationale, conditions, returned, signoffs, relies, target, current
            case acceptedAt = "accepted_at"
        }
    }

    /// One item of the sign-off authority's checklist, with what satisfies it or what does not.
    public struct ChecklistItem: Sendable, Encodable {
        /// A file, line or sign-off that satisfies the item.
        public struct Evidence: Sendable, Encodable {
            public var text: String
            @NullWhenAbsent public var path: String?
            @NullWhenAbsent public var line: Int?
            @NullWhenAbsent public var signoff: String?
        }

        public var id: String
        public var title: String
        public var holds: Bool
        public var evidence: [Evidence]
        /// The gap items that keep it from holding.
        public var gaps: [GapItem]
        /// Other reasons it does not hold: a step not signed, a sign-off in the wrong order.
        public var open: [String]
    }

    /// One risk acceptance: who accepted which threat, on what condition, until when.
    public struct AcceptanceEntry: Sendable, Encodable {
        public var threat: String
        @NullWhenAbsent public var acceptedBy: String?
        @NullWhenAbsent public var condition: String?
        /// The day it expires, as written.
        @NullWhenAbsent public var expires: String?
        /// The instant it expires (a day's start in UTC when only a day is written).
        @NullWhenAbsent public var expiresAt: String?
        public var expired: Bool
        public var path: String
        public var line: Int

        enum CodingKeys: String, CodingKey {
            case threat, condition, expires, expired, path, line
            case acceptedBy = "accepted_by", expiresAt = "expires_at"
        }
    }

    /// One registered trigger, and whether and why it fired since the clearance.
    public struct TriggerEntry: Sendable, Encodable {
        public var id: String
        @NullWhenAbsent public var description: String?
        public var paths: [String]
        @NullWhenAbsent public var reviewBy: String?
        public var fired: Bool
        @NullWhenAbsent public var why: String?
        public var path: String
        public var line: Int

        enum CodingKeys: String, CodingKey {
            case id, description, paths, fired, why, path, line
            case reviewBy = "review_by"
        }
    }

    /// One control: what it mitigates, its implementation status and schedule, and the
    /// clearance conditions that name it.
    public struct ControlEntry: Sendable, Encodable {
        public var id: String
        @NullWhenAbsent public var title: String?
        public var mitigates: [String]
        @NullWhenAbsent public var owner: String?
        @NullWhenAbsent public var gate: String?
        @NullWhenAbsent public var status: String?
        @NullWhenAbsent public var due: String?
        /// Past its due date and not verified.
        public var overdue: Bool
        public var conditions: [String]
        public var path: String
        public var line: Int
    }

    /// A commit that changed the policy while the review ran, and what it changed for the review's roles.
    public struct PolicyChange: Sendable, Encodable {
        public var commit: String
        public var author: String
        public var date: String
        public var changes: [String]
    }
}
