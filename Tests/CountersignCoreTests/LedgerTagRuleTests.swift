import CountersignCore
import Foundation
import Testing
import TestSupport

/// One way to spoil the sign-off tag `signoff/support-assistant/clearance/2/frank` (or a name
/// beside it), made on a copy of the completed lifecycle; `make` returns the object id the ref
/// points at, which an anchor would name.
struct TagCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let rule: String
    /// The tag name the violation is about.
    let name: String
    let fragments: [String]
    /// False when no member could anchor it cleanly (its name does not parse, or names no member).
    var anchorable = true
    let make: @Sendable (ReviewScenario, ReviewScenario.Lifecycle) throws -> String

    static let second = Example.tag("clearance", 2, "frank")

    /// A well-formed, valid second clearance round by frank: what the cases spoil.
    @discardableResult
    static func proper(_ scenario: ReviewScenario, _ life: ReviewScenario.Lifecycle, as person: Person = Cast.frank,
                       signingKey: SSHKey? = nil, sign: Bool = true) throws -> String {
        try scenario.tag("clearance", round: 2, by: person, requires: [life.riskAcceptance, life.dataProtection],
                         decision: "cleared-with-conditions", signingKey: signingKey, sign: sign)
    }

    /// The trailers of the proper tag, with `change` applied to their lines.
    static func message(_ life: ReviewScenario.Lifecycle, _ change: (inout [String]) -> Void) -> String {
        var lines = ["Clearance for support-assistant", "", "Review: support-assistant", "Step: clearance", "Round: 2",
                     "Requires: \(life.riskAcceptance.name) \(life.riskAcceptance.tag)",
                     "Requires: \(life.dataProtection.name) \(life.dataProtection.tag)",
                     "Decision: cleared-with-conditions"]
        change(&lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Rewrites the tag object `id` with `transform` applied to it (split into payload and signature), and
    /// points `name`'s ref at the result.
    static func rewrite(_ scenario: ReviewScenario, _ id: String, name: String = second,
                        _ transform: (SignedObject) -> SignedObject) throws -> String {
        let object = SignedObject.split(try scenario.rawObject(id, type: "tag"), kind: .tag)
        let forged = try scenario.writeObject(transform(object).joined(), type: "tag")
        try scenario.setRef("refs/tags/\(name)", to: forged)
        return forged
    }

    static let malformed: [TagCase] = [
        TagCase(testDescription: "a lightweight tag", rule: "signoff.malformed", name: second,
                fragments: ["is not an annotated tag object", "sign with `countersign sign`"], anchorable: false) { scenario, _ in
            try scenario.lightweightTag(name: second)
        },
        TagCase(testDescription: "a tag pointing at a tag", rule: "signoff.malformed", name: second,
                fragments: ["not directly at a commit"]) { scenario, life in
            try scenario.rawTag(name: second, message: message(life) { _ in }, as: Cast.frank, target: life.clearance.tag)
        },
        TagCase(testDescription: "a missing Round trailer", rule: "signoff.malformed", name: second,
                fragments: ["the Round trailer is missing"]) { scenario, life in
            try scenario.rawTag(name: second, message: message(life) { $0.remove(at: 4) }, as: Cast.frank)
        },
        TagCase(testDescription: "a repeated Step trailer", rule: "signoff.malformed", name: second,
                fragments: ["trailer Step appears twice; keep one"]) { scenario, life in
            try scenario.rawTag(name: second, message: message(life) { $0.insert("Step: clearance", at: 4) }, as: Cast.frank)
        },
        TagCase(testDescription: "a non-canonical Round: 01", rule: "signoff.malformed", name: Example.tag("clearance", 1, "grace"),
                fragments: ["Round: 01 is not canonical", "plain number"]) { scenario, life in
            try scenario.rawTag(name: Example.tag("clearance", 1, "grace"), message: message(life) { $0[4] = "Round: 01" }, as: Cast.grace)
        },
        TagCase(testDescription: "trailers disagreeing with the name", rule: "signoff.malformed", name: second,
                fragments: ["the trailers say review support-assistant, step assessment, round 2", "disagree with the tag name"]) { scenario, life in
            try scenario.rawTag(name: second, message: message(life) { $0[3] = "Step: assessment" }, as: Cast.frank)
        },
        TagCase(testDescription: "a tag header that differs from its ref", rule: "signoff.malformed", name: Example.tag("clearance", 3, "frank"),
                fragments: ["the tag object's name is \"\(second)\"", "must not be renamed"]) { scenario, life in
            let id = try proper(scenario, life)
            try scenario.setRef("refs/tags/\(Example.tag("clearance", 3, "frank"))", to: id)
            try scenario.repository.git(["tag", "-d", second])
            return id
        },
        TagCase(testDescription: "a name that does not parse (round 02)", rule: "signoff.malformed",
                name: "signoff/support-assistant/clearance/02/frank",
                fragments: ["the name is not signoff/<review>/<step>/<round>/<member>"], anchorable: false) { scenario, life in
            try scenario.rawTag(name: "signoff/support-assistant/clearance/02/frank", message: message(life) { _ in }, as: Cast.frank)
        },
    ]

    static let signatures: [TagCase] = [
        TagCase(testDescription: "an unsigned tag", rule: "signoff.unsigned", name: second,
                fragments: ["the tag is not signed", "git tag -s"]) { scenario, life in
            try proper(scenario, life, sign: false)
        },
        TagCase(testDescription: "a payload altered after signing", rule: "signoff.bad-signature", name: second,
                fragments: ["the tag's signature does not verify"]) { scenario, life in
            try rewrite(scenario, try proper(scenario, life)) { object in
                let text = String(decoding: object.payload, as: UTF8.self).replacingOccurrences(of: "Clearance for", with: "Clearance, amended, for")
                return object.replacing(payload: Data(text.utf8))
            }
        },
        TagCase(testDescription: "another tag's signature spliced on", rule: "signoff.bad-signature", name: second,
                fragments: ["the tag's signature does not verify"]) { scenario, life in
            let donor = SignedObject.split(try scenario.rawObject(life.clearance.tag, type: "tag"), kind: .tag)
            return try rewrite(scenario, try proper(scenario, life)) { $0.replacing(signature: donor.signature) }
        },
        TagCase(testDescription: "another member's key", rule: "signoff.unknown-key", name: second,
                fragments: ["which is not one of frank's keys in the policy", "(it is grace's key)"]) { scenario, life in
            try proper(scenario, life, signingKey: Cast.grace.key)
        },
        TagCase(testDescription: "a key outside the policy", rule: "signoff.unknown-key", name: second,
                fragments: ["which is not one of frank's keys in the policy at the acceptance point"]) { scenario, life in
            try proper(scenario, life, signingKey: try SSHKey(.ed25519, comment: "stranger"))
        },
        TagCase(testDescription: "a tag in the name of someone outside the policy, with their own key", rule: "signoff.unknown-key",
                name: Example.tag("clearance", 2, "mallory"),
                fragments: ["mallory is not a member in the policy, so no key of theirs counts"], anchorable: false) { scenario, life in
            let key = try SSHKey(.ed25519, comment: "mallory")
            let mallory = Cast.grace.with(email: "mallory@example.net", key: key)
            let text = ReviewScenario.signOffMessage(summary: "Clearance", review: Example.review, step: "clearance", round: 2,
                                                     requires: [life.riskAcceptance.requirement, life.dataProtection.requirement],
                                                     decision: "cleared-with-conditions")
            return try scenario.rawTag(name: Example.tag("clearance", 2, "mallory"), message: text, as: mallory)
        },
        TagCase(testDescription: "a tagger email that is not the member's", rule: "signoff.identity-mismatch", name: second,
                fragments: ["the tagger email frank@home.example is not one of frank's emails (frank@example.org)"]) { scenario, life in
            try proper(scenario, life, as: Cast.frank.with(email: "frank@home.example"))
        },
    ]
}

/// The rules about the tag object itself (spec section 5): `verify` judges every tag under
/// `refs/tags/signoff/`, anchored or not.
@Suite("Ledger: sign-off tag rules")
struct LedgerTagRuleTests {
    @Test("a malformed or badly signed tag with no anchor is a violation of verify", arguments: TagCase.malformed + TagCase.signatures)
    func unanchored(_ spoiled: TagCase) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        _ = try spoiled.make(scenario, life)
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, spoiled.rule, [spoiled.name] + spoiled.fragments)
        #expect(violation?.ref?.hasSuffix(spoiled.name) == true)
        #expect(run.tags.notices.isEmpty)
        // The lifecycle's own sign-offs are untouched.
        #expect(try run.status().state == .clearedWithConditions)
    }

    @Test("the same tag, anchored, is rejected at its acceptance point",
          arguments: (TagCase.malformed + TagCase.signatures).filter(\.anchorable))
    func anchored(_ spoiled: TagCase) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let id = try spoiled.make(scenario, life)
        let name = try #require(SignOffName(spoiled.name))
        let anchor = try scenario.anchor(id, step: name.step, round: name.round, member: Cast.person(name.member))
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, spoiled.rule, ["\(spoiled.name): rejected (\(spoiled.rule))"] + spoiled.fragments, alone: false)
        // A spoiled second clearance round that gets past its signature also opens a round for no reason.
        #expect(Set(run.violations.map(\.rule.id)).subtracting([spoiled.rule]).isSubset(of: ["signoff.round"]), "\(run.violations)")
        #expect(violation?.commit == anchor)
        #expect(violation?.path == name.anchorPath)
        let signOff = try #require(run.signOff(spoiled.name))
        #expect(!signOff.isValid)
        #expect(signOff.acceptance?.hex == anchor)
        #expect(try run.status().step("clearance")?.signoffs.map(\.round) == [1])
    }

    @Test("a key past its valid_before at the tagger date is expired, anchored or not", arguments: [false, true])
    func expiredKey(anchored: Bool) throws {
        let alice = Cast.alice
        let policy = Example.policy(replacingKeyOf: alice, with: "- key: \(alice.key.publicKeyLine)\n        valid_before: 2090-01-01T00:00:00Z")
        let scenario = try ReviewScenario(policy: policy)
        try scenario.writeReview(Example.review, as: alice, files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]))
        let id = try scenario.tag("description", by: alice, taggerDate: "@3818448000 +0000")
        if anchored { try scenario.anchor(id, step: "description", member: alice) }
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.expired-key",
                        ["\(Example.tag("description", 1, "alice")): rejected (signoff.expired-key)",
                         "is outside its validity at the tagger date 2091-01-01T00:00:00Z"])
        #expect(run.report.state.signOffs.isEmpty)
        #expect(try run.status().step("description")?.state == (anchored ? .missing : .pending))
    }

    @Test("a well-formed tag with no anchor is a notice that fails nothing; the step shows it as pending")
    func unanchoredNotice() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dpoContent })
        try scenario.tag("data-protection", by: Cast.erin, requires: [life.assessment])
        let run = try scenario.ledger()
        expectClean(run)
        #expect(run.tags.notices.map(\.rule.id) == ["signoff.unanchored"])
        #expect(run.tags.notices.first?.message == "no anchor yet; it counts once its anchor lands on main")
        #expect(run.tags.notices.first?.description == "notice (signoff.unanchored): \(Example.tag("data-protection", 1, "erin")): no anchor yet; it counts once its anchor lands on main")
        #expect(run.tags.notices.first?.path == ReviewScenario.anchorPath(review: Example.review, step: "data-protection", round: 1, member: "erin"))
        let status = try run.status()
        #expect(status.step("data-protection")?.state == .pending)
        #expect(status.step("data-protection")?.signoffs.map(\.member) == ["erin"])
        #expect(status.state == .inReview)
    }

    @Test("a tag that would be rejected if anchored now is still only a notice, saying why")
    func unanchoredWouldFail() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        _ = try TagCase.proper(scenario, life, as: Cast.grace)
        let run = try scenario.ledger()
        expectClean(run)
        let notice = try #require(run.tags.notices.first)
        #expect(notice.rule.id == "signoff.unanchored")
        #expect(notice.message.contains("no anchor yet; if anchored now it would be rejected"))
        #expect(notice.message.contains("grace is not assigned to authority in this review"))
    }

    @Test("a forged tag never anchored (a key outside the policy) is a violation, not a notice")
    func forgedUnanchored() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        _ = try TagCase.proper(scenario, life, signingKey: try SSHKey(.ed25519, comment: "mallory"))
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.unknown-key", [TagCase.second, "not one of frank's keys"])
        #expect(run.tags.notices.isEmpty)
    }
}
