import CountersignCore
import Foundation
import Testing
import TestSupport

/// The review every ledger test works on, and the names of its sign-offs.
enum Example {
    static let review = "support-assistant"

    /// `signoff/support-assistant/<step>/<round>/<member>`.
    static func tag(_ step: String, _ round: Int, _ member: String) -> String {
        ReviewScenario.tagName(review: review, step: step, round: round, member: member)
    }

    /// `reviews/support-assistant/<relative>`.
    static func path(_ relative: String) -> String { "reviews/\(review)/\(relative)" }

    /// The complete example's file at `relative`, changed by appending `line` (still valid YAML or Markdown).
    static func edited(_ relative: String, appending line: String) -> String {
        let text = Fixtures.completeReview[relative] ?? ""
        return (text.hasSuffix("\n") ? text : text + "\n") + line + "\n"
    }

    /// `security/threats.yaml` with T-1's title changed: a change the assessment covers.
    static let changedThreats = (Fixtures.completeReview["security/threats.yaml"] ?? "")
        .replacingOccurrences(of: "prompt injection through customer messages", with: "prompt injection through customer messages and attachments") + "\n"

    /// The example policy with `person`'s key line replaced by `keyYAML` (a `key:` mapping or another line).
    static func policy(replacingKeyOf person: Person, with keyYAML: String) -> String {
        Fixtures.policyYAML(members: Fixtures.membersYAML().replacingOccurrences(of: "- \(person.key.publicKeyLine)", with: keyYAML))
    }

    /// The example policy with `person` holding `key` instead of their own (a key rotation).
    static func policy(rotating person: Person, to key: SSHKey) -> String {
        policy(replacingKeyOf: person, with: "- \(key.publicKeyLine)")
    }
}

extension ReviewScenario {
    /// The ledger of `main` (or of `revision`) with its tags scanned, as `verify`, `status` and `log` build it.
    func ledger(revision: String? = nil, trustRoot: String? = nil, now: Date = Date()) throws -> LedgerRun {
        try Workspace(from: repository.url, needsWorkTree: false).runLedger(revision: revision, trustRoot: trustRoot, now: now)
    }

    /// Makes a sign-off tag (not anchored) with `requires` given as `SignOffIDs`.
    @discardableResult
    func tag(_ step: String, round: Int = 1, by person: Person, target: String = "HEAD", requires: [SignOffIDs] = [],
             decision: String? = nil, signingKey: SSHKey? = nil, taggerDate: String? = nil, sign: Bool = true) throws -> String {
        try tag(review: Example.review, step: step, round: round, member: person, target: target,
                requires: requires.map(\.requirement), decision: decision, signingKey: signingKey, taggerDate: taggerDate, sign: sign)
    }

    /// Anchors the tag object `tagID` as `<step>.<round>.<member>`, committed by `person` (the member by default).
    @discardableResult
    func anchor(_ tagID: String, step: String, round: Int = 1, member: Person, by person: Person? = nil) throws -> String {
        try anchor(tagObjectID: tagID, name: (Example.review, step, round, member.id), as: person ?? member)
    }
}

extension LedgerRun {
    /// The rule ids of every violation, in order.
    var rules: [String] { violations.map(\.rule.id) }

    /// The status of the example review at the ledger's tip.
    func status(_ review: String = Example.review) throws -> ReviewStatus {
        try #require(try statusBuilder.statuses(reviews: [review]).first)
    }

    /// The anchored sign-off with this tag name.
    func signOff(_ name: String) -> SignOff? {
        report.signOffs.first { $0.name.description == name }
    }
}

extension ReviewStatus {
    /// Each step's state, by step id.
    var stepStates: [String: StepStatus.State] {
        Dictionary(uniqueKeysWithValues: steps.map { ($0.id, $0.state) })
    }

    func step(_ id: String) -> StepStatus? { steps.first { $0.id == id } }
}

/// Expects a violation of `rule` whose message holds every fragment; with `alone`, that no
/// violation of another rule is there. Returns the violation found.
@discardableResult
func expectViolation(
    _ violations: [Finding], _ rule: String, _ fragments: [String], alone: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
) -> Finding? {
    let ofRule = violations.filter { $0.rule.id == rule }
    let match = ofRule.first { violation in fragments.allSatisfy { violation.description.contains($0) } }
    #expect(match != nil, "no \(rule) violation saying \(fragments) among:\n\(violations.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    if alone {
        let others = violations.filter { $0.rule.id != rule }
        #expect(others.isEmpty, "unexpected violations besides \(rule):\n\(others.map(\.description).joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }
    return match
}

/// Expects no violation at all.
func expectClean(_ run: LedgerRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.violations.isEmpty, "unexpected violations:\n\(run.violations.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
}
