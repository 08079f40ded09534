@testable import CountersignCore
import GitKit

/// A governance record built by hand, for the renderers' tests: a support-assistant review that
/// was returned at its first clearance, cleared with conditions at its second, and has since
/// fallen due for reassessment (a trigger fired, an acceptance expired, a control is overdue).
enum SampleRecord {
    static let review = "support-assistant"

    /// A stand-in object id of 40 hex digits, distinct for each seed.
    static func hex(_ seed: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<40).map { digits[(seed * 7 + $0 * (seed + 3)) % 16] })
    }

    static func tag(_ step: String, _ round: Int, _ member: String) -> String { "signoff/\(review)/\(step)/\(round)/\(member)" }

    static func key(_ member: String) -> String { "SHA256:\(member)Q2x0bWZ1c2VyLWtleS1maW5nZXJwcmludA0" }

    /// A sign-off as the hand-off picture shows it.
    static func summary(_ step: String, _ round: Int, _ member: String, signedAt: String, seed: Int) -> SignOffSummary {
        var summary = SignOffSummary(SignOff(name: SignOffName(review: review, step: step, round: round, member: member), tagID: .zero))
        summary.signedAt = signedAt
        summary.target = hex(seed)
        summary.anchor = hex(seed + 1)
        summary.key = key(member)
        summary.landedBy = member
        return summary
    }

    /// One log entry; `requires` names the prerequisite sign-offs by tag.
    static func entry(_ step: String, _ round: Int, _ member: String, role: String, signedAt: String, acceptedAt: String,
                      seed: Int, requires: [String] = [], decision: String? = nil, message: String = "",
                      superseded: Bool = false, violations: [Finding] = []) -> GovernanceRecord.SignOffEntry {
        GovernanceRecord.SignOffEntry(
            tag: tag(step, round, member), object: hex(seed + 2), step: step, round: round, member: member, role: role, key: key(member),
            verdict: violations.isEmpty ? "valid" : "rejected", signedAt: signedAt, target: hex(seed), anchor: hex(seed + 1),
            acceptedAt: acceptedAt, landedBy: member, requires: requires.enumerated().map { .init(tag: $1, object: hex(seed + 10 + $0)) },
            decision: decision, message: message, superseded: superseded, violations: violations)
    }

    static let disposition = "reviews/\(review)/authority/disposition.yaml"
    static let returnedItem = "name the condition under which T-2 stays accepted"
    static let conditions = ["C-3 output filter live before general availability", "re-assess when the model vendor changes"]
    static let separation = Finding(rule: .signoffSeparationOfDuties, ref: "refs/tags/\(tag("risk-acceptance", 2, "bob"))",
                                    message: "bob signed assessment as security in this review; security and governance are separated")

    static func returnedThenCleared(title: String = "Customer support assistant") -> GovernanceRecord {
        let steps = [
            GovernanceRecord.HandOff(step: "description", role: "system-owner", requires: [], state: .signed,
                                     signoffs: [summary("description", 1, "alice", signedAt: "2025-01-06T09:12:00Z", seed: 1)]),
            GovernanceRecord.HandOff(step: "assessment", role: "security", requires: ["description"], state: .signed,
                                     signoffs: [summary("assessment", 1, "bob", signedAt: "2025-01-09T15:40:00Z", seed: 4)]),
            GovernanceRecord.HandOff(step: "risk-acceptance", role: "governance", requires: ["assessment"], state: .signed,
                                     signoffs: [summary("risk-acceptance", 2, "dana", signedAt: "2025-01-20T11:05:00Z", seed: 7)]),
            GovernanceRecord.HandOff(step: "data-protection", role: "dpo", requires: ["assessment"], when: "personal_data", state: .signed,
                                     signoffs: [summary("data-protection", 1, "erin", signedAt: "2025-01-13T10:30:00Z", seed: 10)]),
            GovernanceRecord.HandOff(step: "clearance", role: "authority", requires: ["risk-acceptance", "data-protection"], state: .signed,
                                     signoffs: [summary("clearance", 2, "frank", signedAt: "2025-01-22T16:00:00Z", seed: 13)]),
        ]
        let signoffs = [
            entry("description", 1, "alice", role: "system-owner", signedAt: "2025-01-06T09:12:00Z", acceptedAt: "2025-01-06T09:20:11Z", seed: 1,
                  message: "system description and deployment context complete"),
            entry("assessment", 1, "bob", role: "security", signedAt: "2025-01-09T15:40:00Z", acceptedAt: "2025-01-09T16:02:45Z", seed: 4,
                  requires: [tag("description", 1, "alice")], message: "threat model covers prompt injection and data leakage"),
            entry("risk-acceptance", 1, "dana", role: "governance", signedAt: "2025-01-10T08:55:00Z", acceptedAt: "2025-01-10T09:01:30Z", seed: 16,
                  requires: [tag("assessment", 1, "bob")], superseded: true),
            entry("data-protection", 1, "erin", role: "dpo", signedAt: "2025-01-13T10:30:00Z", acceptedAt: "2025-01-13T10:41:02Z", seed: 10,
                  requires: [tag("assessment", 1, "bob")], message: "DPIA done; personal data limited to ticket text"),
            entry("clearance", 1, "frank", role: "authority", signedAt: "2025-01-15T14:00:00Z", acceptedAt: "2025-01-15T14:12:09Z", seed: 19,
                  requires: [tag("risk-acceptance", 1, "dana"), tag("data-protection", 1, "erin")], decision: "returned",
                  message: "T-2 is accepted without a condition", superseded: true),
            entry("risk-acceptance", 2, "bob", role: "governance", signedAt: "2025-01-17T12:00:00Z", acceptedAt: "2025-01-17T12:03:40Z", seed: 22,
                  requires: [tag("assessment", 1, "bob")], message: "signing for dana while she is away", violations: [separation]),
            entry("risk-acceptance", 2, "dana", role: "governance", signedAt: "2025-01-20T11:05:00Z", acceptedAt: "2025-01-20T11:10:27Z", seed: 7,
                  requires: [tag("assessment", 1, "bob")], message: "T-2 accepted on condition that C-3 is live before general availability"),
            entry("clearance", 2, "frank", role: "authority", signedAt: "2025-01-22T16:00:00Z", acceptedAt: "2025-01-22T16:09:51Z", seed: 13,
                  requires: [tag("risk-acceptance", 2, "dana"), tag("data-protection", 1, "erin")], decision: "cleared-with-conditions",
                  message: "cleared for the pilot; see the conditions"),
        ]
        let clearances = [
            GovernanceRecord.ClearanceRound(
                round: 1, decision: "returned", rationale: "T-2 is accepted without a condition or an expiry",
                conditions: [], returned: [.init(step: "risk-acceptance", item: returnedItem, path: disposition, line: 5,
                                                 answeredBy: [tag("risk-acceptance", 2, "dana")])],
                signoffs: [tag("clearance", 1, "frank")], relies: [tag("risk-acceptance", 1, "dana"), tag("data-protection", 1, "erin")],
                target: hex(19), acceptedAt: "2025-01-15T14:12:09Z", current: false),
            GovernanceRecord.ClearanceRound(
                round: 2, decision: "cleared-with-conditions", rationale: "residual risk is acceptable for a pilot\nwith the output filter in place",
                conditions: conditions, returned: [], signoffs: [tag("clearance", 2, "frank")],
                relies: [tag("risk-acceptance", 2, "dana"), tag("data-protection", 1, "erin")],
                target: hex(13), acceptedAt: "2025-01-22T16:09:51Z", current: true),
        ]
        let expiredGap = GapItem(code: .authorityExpiredAcceptance, step: "clearance", path: "reviews/\(review)/governance/risk-acceptance.yaml",
                                 line: 12, message: "the acceptance of T-4 expired on 2025-02-28")
        let checklist = [
            GovernanceRecord.ChecklistItem(id: "system-description", title: "system description complete", holds: true,
                                           evidence: [.init(text: "purpose, users and data flows described", path: "reviews/\(review)/system/description.md", line: 1,
                                                            signoff: tag("description", 1, "alice"))], gaps: [], open: []),
            GovernanceRecord.ChecklistItem(id: "threat-model", title: "threat model covers the deployment context", holds: true,
                                           evidence: [.init(text: "5 threats scored against the context", path: "reviews/\(review)/security/threats.yaml", line: 3)],
                                           gaps: [], open: []),
            GovernanceRecord.ChecklistItem(id: "risks", title: "every risk above the threshold controlled or accepted by name with a condition",
                                           holds: false, evidence: [.init(text: "T-2 accepted by dana on condition C-3", path: "reviews/\(review)/governance/risk-acceptance.yaml", line: 4)],
                                           gaps: [expiredGap], open: ["control C-3 is overdue"]),
            GovernanceRecord.ChecklistItem(id: "triggers", title: "reassessment triggers registered", holds: true,
                                           evidence: [.init(text: "2 triggers registered", path: "reviews/\(review)/governance/triggers.yaml", line: 1)], gaps: [], open: []),
            GovernanceRecord.ChecklistItem(id: "dpo", title: "DPO involved where personal data is in scope, before the clearance", holds: true,
                                           evidence: [.init(text: "data-protection accepted before the clearance", signoff: tag("data-protection", 1, "erin"))],
                                           gaps: [], open: []),
        ]
        let fired = "config/model.yaml changed in 7f3e2a91c4 after the clearance"
        let problems = ["the history breaks 1 rule (see the violations)", "the review is reassessment-required, not cleared",
                        "trigger model-change fired: \(fired)", "checklist: every risk above the threshold controlled or accepted by name with a condition does not hold",
                        "control C-3 is past its due date 2025-03-01 and not verified", "the acceptance of T-4 expired on 2025-02-28"]
        return GovernanceRecord(
            review: .init(id: review, title: title,
                          description: "# Support assistant\n\nAnswers customer tickets with a hosted language model.\nStaff review every answer <before> it is sent.",
                          userPopulation: "customers of the web shop", operationalConsequence: "a wrong answer reaches a customer",
                          dataClassification: "confidential", personalData: true,
                          assignments: ["system-owner": ["alice"], "security": ["bob"], "governance": ["dana"], "dpo": ["erin"], "authority": ["frank"]]),
            state: .reassessmentRequired, reasons: ["trigger model-change fired: \(fired)"],
            verdict: .init(holds: false, summary: "\(review) is reassessment-required: \(problems.count) problems", problems: problems),
            provenance: .init(branch: "main", revision: hex(30), scope: "main \(hex(30).prefix(10))", root: hex(31), rootPolicy: hex(32), policy: hex(33),
                              asOf: "2025-03-10T08:00:00Z", commits: 41, verifyCommand: "countersign verify --rev \(hex(30)) --trust-root \(hex(31))",
                              auditCommand: "countersign audit \(review) --rev \(hex(30))"),
            steps: steps, signoffs: signoffs, clearances: clearances, checklist: checklist,
            acceptances: [
                .init(threat: "T-2", acceptedBy: "dana", condition: "C-3 live before general availability", expires: "2025-12-31", expiresAt: "2025-12-31T00:00:00Z", expired: false,
                      path: "reviews/\(review)/governance/risk-acceptance.yaml", line: 4),
                .init(threat: "T-4", acceptedBy: "dana", condition: "pilot limited to 200 customers", expires: "2025-02-28", expiresAt: "2025-02-28T00:00:00Z", expired: true,
                      path: "reviews/\(review)/governance/risk-acceptance.yaml", line: 12),
            ],
            triggers: [
                .init(id: "model-change", description: "the hosted model or its version changes", paths: ["config/model.yaml"], reviewBy: nil,
                      fired: true, why: fired, path: "reviews/\(review)/governance/triggers.yaml", line: 2),
                .init(id: "yearly", description: "a year has passed since the clearance", paths: [], reviewBy: "2026-01-22",
                      fired: false, why: nil, path: "reviews/\(review)/governance/triggers.yaml", line: 6),
            ],
            controls: [
                .init(id: "C-1", title: "staff approve every answer", mitigates: ["T-1"], owner: "alice", gate: "pilot", status: "verified",
                      due: "2025-01-31", overdue: false, conditions: [], path: "reviews/\(review)/security/controls.yaml", line: 1),
                .init(id: "C-3", title: "output filter for personal data", mitigates: ["T-2"], owner: "bob", gate: "general-availability",
                      status: "implementing", due: "2025-03-01", overdue: true, conditions: [conditions[0]],
                      path: "reviews/\(review)/security/controls.yaml", line: 9),
            ],
            policyChanges: [.init(commit: hex(34), author: "frank", date: "2025-01-16T10:00:00Z", changes: ["grace added to the authority role"])],
            violations: [separation], gaps: [expiredGap])
    }
}
