import CountersignCore
import Foundation
import Testing
import TestSupport

/// One anchored sign-off that breaks a rule of spec section 5 about its place in the review: who
/// signs, what it requires, its content and its round. `make` builds on a copy of the lifecycle
/// cut at `cut` and returns the tag name judged.
struct SignOffCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let rule: String
    let fragments: [String]
    var cut: (@Sendable (ReviewScenario.Lifecycle) -> String)?
    /// Other rules the same sign-off breaks (a round 2 opened for no reason, say).
    var also: [String] = []
    let make: @Sendable (ReviewScenario, ReviewScenario.Lifecycle) throws -> String

    static let cases: [SignOffCase] = [
        SignOffCase(testDescription: "a member who does not hold the step's role", rule: "signoff.not-authorized",
                    fragments: ["bob does not hold the role dpo; data-protection is signed by the DPO (erin)"], also: ["signoff.round"]) { scenario, life in
            try scenario.signOff(review: Example.review, step: "data-protection", as: Cast.bob, round: 2, requires: [life.assessment]).name
        },
        SignOffCase(testDescription: "a member of the role who is not assigned", rule: "signoff.not-authorized",
                    fragments: ["carol is not assigned to security in this review; assessment is signed by the security team (bob)"], also: ["signoff.round"]) { scenario, life in
            try scenario.signOff(review: Example.review, step: "assessment", as: Cast.carol, round: 2, requires: [life.intake]).name
        },
        SignOffCase(testDescription: "a step the policy does not define", rule: "signoff.not-applicable",
                    fragments: ["the policy has no step \"ethics\""]) { scenario, _ in
            try scenario.signOff(review: Example.review, step: "ethics", as: Cast.alice).name
        },
        SignOffCase(testDescription: "data-protection of a review without personal data", rule: "signoff.not-applicable",
                    fragments: ["step data-protection does not apply to this review", "personal_data is true"]) { scenario, _ in
            var files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"])
            files["system/context.yaml"] = (Fixtures.completeReview["system/context.yaml"] ?? "")
                .replacingOccurrences(of: "personal_data: true", with: "personal_data: false") + "\n"
            files["system/data-flows.yaml"] = "flows:\n  - id: F-1\n    from: catalogue\n    to: search\n    data: product texts\n    personal_data: false\n"
            try scenario.writeReview("catalogue-search", as: Cast.alice, files: files)
            return try scenario.signOff(review: "catalogue-search", step: "data-protection", as: Cast.erin).name
        },
        SignOffCase(testDescription: "a review that does not exist", rule: "signoff.not-applicable",
                    fragments: ["there is no review \"hr-screening\""]) { scenario, _ in
            try scenario.signOff(review: "hr-screening", step: "description", as: Cast.alice).name
        },
        SignOffCase(testDescription: "clearance before data-protection", rule: "signoff.out-of-order",
                    fragments: ["step \"data-protection\" has no current sign-off; the DPO (erin) must sign it first"],
                    cut: { $0.riskAcceptance.anchor }) { scenario, life in
            try scenario.writeReview(Example.review, as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
            return try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance],
                                        decision: "cleared-with-conditions").name
        },
        SignOffCase(testDescription: "Requires with another object id", rule: "signoff.out-of-order",
                    fragments: ["Requires: names \(Example.tag("description", 1, "alice")) as", "but its anchored tag object is"],
                    cut: { $0.description.anchor }) { scenario, life in
            let wrong = (name: life.description.name, objectID: life.description.target)
            let id = try scenario.tag(review: Example.review, step: "intake", member: Cast.bob, requires: [wrong])
            try scenario.anchor(id, step: "intake", member: Cast.bob)
            return Example.tag("intake", 1, "bob")
        },
        SignOffCase(testDescription: "Requires missing", rule: "signoff.out-of-order",
                    fragments: ["Requires: does not name description; name its current sign-off \(Example.tag("description", 1, "alice"))"],
                    cut: { $0.description.anchor }) { scenario, _ in
            try scenario.signOff(review: Example.review, step: "intake", as: Cast.bob).name
        },
        SignOffCase(testDescription: "Requires naming a step that is not a prerequisite", rule: "signoff.out-of-order",
                    fragments: ["but intake is not a prerequisite of risk-acceptance"], also: ["signoff.round"]) { scenario, life in
            try scenario.signOff(review: Example.review, step: "risk-acceptance", as: Cast.dana, round: 2,
                                 requires: [life.assessment, life.intake]).name
        },
        SignOffCase(testDescription: "Requires naming a sign-off that is stale at the target", rule: "signoff.out-of-order",
                    fragments: ["\(Example.tag("assessment", 1, "bob")) is stale at this commit: security/threats.yaml changed since",
                                "assessment must be signed again first"], also: ["signoff.round"]) { scenario, life in
            try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
            return try scenario.signOff(review: Example.review, step: "risk-acceptance", as: Cast.dana, round: 2, requires: [life.assessment]).name
        },
        SignOffCase(testDescription: "Requires naming a superseded round", rule: "signoff.out-of-order",
                    fragments: ["Requires: names \(Example.tag("assessment", 1, "bob")), which is not the latest valid round (2) of assessment"]) { scenario, life in
            try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
            try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
            return try scenario.signOff(review: Example.review, step: "risk-acceptance", as: Cast.dana, round: 2, requires: [life.assessment]).name
        },
        SignOffCase(testDescription: "a returned step signed again on content that does not descend from the disposition", rule: "signoff.out-of-order",
                    fragments: ["with gaps for assessment; sign a commit that descends from it"], cut: { $0.dataProtection.anchor }) { scenario, life in
            let git = scenario.repository
            try git.git(["branch", "side"])
            try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": ReviewScenario.returnedDisposition])
            try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                                 decision: "returned")
            try git.git(["checkout", "-q", "side"])
            try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
            let id = try scenario.tag("assessment", round: 2, by: Cast.bob, requires: [life.intake])
            try git.git(["checkout", "-q", "main"])
            try git.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "-S", "--no-ff", "-m", "Merge the new assessment", "side"], environment: Cast.frank.gitEnvironment)
            try scenario.anchor(id, step: "assessment", round: 2, member: Cast.bob)
            return Example.tag("assessment", 2, "bob")
        },
        SignOffCase(testDescription: "a step whose files are incomplete at the target", rule: "signoff.incomplete",
                    fragments: ["step assessment is not complete at the signed commit", "security.no-threats at reviews/support-assistant/security/threats.yaml"],
                    cut: { $0.intake.anchor }) { scenario, life in
            try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, requires: [life.intake]).name
        },
        SignOffCase(testDescription: "a covered file changed between target and anchor", rule: "signoff.stale-at-acceptance",
                    fragments: ["security/threats.yaml changed between the signed commit and the acceptance point; sign again"],
                    cut: { $0.intake.anchor }) { scenario, life in
            try scenario.writeReview(Example.review, as: Cast.bob, files: ReviewScenario.completeReviewFiles(["security/"]))
            let id = try scenario.tag("assessment", by: Cast.bob, requires: [life.intake])
            try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
            try scenario.anchor(id, step: "assessment", member: Cast.bob)
            return Example.tag("assessment", 1, "bob")
        },
        SignOffCase(testDescription: "a target on a side branch never merged", rule: "signoff.unreachable",
                    fragments: ["is not in the protected branch's history; push it (merge it with a merge commit) before anchoring"],
                    cut: { $0.intake.anchor }) { scenario, life in
            try scenario.repository.git(["checkout", "-q", "-b", "side"])
            try scenario.writeReview(Example.review, as: Cast.bob, files: ReviewScenario.completeReviewFiles(["security/"]))
            let id = try scenario.tag("assessment", by: Cast.bob, requires: [life.intake])
            try scenario.repository.git(["checkout", "-q", "main"])
            try scenario.anchor(id, step: "assessment", member: Cast.bob)
            return Example.tag("assessment", 1, "bob")
        },
        SignOffCase(testDescription: "a Decision that differs from the disposition", rule: "signoff.decision-mismatch",
                    fragments: ["Decision: cleared differs from authority/disposition.yaml (cleared-with-conditions) at the signed commit"], also: ["signoff.round"]) { scenario, life in
            try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 2,
                                 requires: [life.riskAcceptance, life.dataProtection], decision: "cleared").name
        },
        SignOffCase(testDescription: "round 3 after round 1", rule: "signoff.round",
                    fragments: ["round 3 neither co-signs round 1 nor opens round 2"]) { scenario, life in
            try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 3,
                                 requires: [life.riskAcceptance, life.dataProtection], decision: "cleared-with-conditions").name
        },
    ]
}

/// The rules of spec section 5 about a sign-off's place in its review, each broken by a real
/// anchored sign-off and seen by the ledger at its acceptance point.
@Suite("Ledger: sign-off rules at the acceptance point")
struct LedgerSignOffRuleTests {
    @Test("a sign-off breaking a rule is rejected, with the rule and what to do", arguments: SignOffCase.cases)
    func rejected(_ broken: SignOffCase) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: broken.cut)
        let name = try broken.make(scenario, life)
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, broken.rule, ["\(name): rejected (\(broken.rule))"] + broken.fragments, alone: broken.also.isEmpty)
        #expect(Set(run.violations.map(\.rule.id)) == Set([broken.rule] + broken.also), "\(run.violations)")
        #expect(violation?.ref == name)
        #expect(violation?.commit == (try scenario.head()))
        #expect(run.signOff(name)?.isValid == false)
    }

    @Test("a member holding two roles kept apart may not sign steps of both in one review")
    func separationOfDuties() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "security:     {members: [bob, carol]", with: "security:     {members: [bob, carol, dana]")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Dana joins the security team")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [bob, dana]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.dana, files: ["review.yaml": manifest], message: "Dana helps assess")
        try scenario.writeReview(Example.review, as: Cast.dana, files: ["security/threats.yaml": Example.changedThreats])
        let signed = try scenario.signOff(review: Example.review, step: "assessment", as: Cast.dana, round: 2, requires: [life.intake])
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, "signoff.separation-of-duties",
                                        ["\(signed.name): rejected (signoff.separation-of-duties)",
                                         "dana already signed risk-acceptance as governance, a role the policy keeps apart from security in one review"])
        #expect(violation?.commit == signed.anchor)
    }

    @Test("a key removed from the policy before the anchor landed is unknown at acceptance")
    func keyRemovedBeforeAcceptance() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dpoContent })
        let tag = try scenario.tag("data-protection", by: Cast.erin, requires: [life.assessment])
        let rotated = try SSHKey(.ed25519, comment: "erin@new-laptop")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Example.policy(rotating: Cast.erin, to: rotated)],
                            message: "Rotate erin's key")
        let anchor = try scenario.anchor(tagObjectID: tag, name: (Example.review, "data-protection", 1, "erin"), as: Cast.erin, signingKey: rotated)
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, "signoff.unknown-key",
                                        ["\(Example.tag("data-protection", 1, "erin")): rejected (signoff.unknown-key)",
                                         "which is not one of erin's keys in the policy at the acceptance point"])
        #expect(violation?.commit == anchor)
        #expect(try run.status().step("data-protection")?.state == .missing)
    }

    @Test("an anchor edited or deleted is anchor-changed", arguments: [false, true])
    func anchorChanged(deleted: Bool) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let commit = try scenario.commit(as: Cast.frank, files: [life.clearance.anchorPath: deleted ? nil : life.riskAcceptance.tag + "\n"],
                                         message: "Tidy the ledger")
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, "signoff.anchor-changed",
                                        ["commit \(commit.prefix(10)) \(deleted ? "deletes" : "changes") the anchor \(life.clearance.anchorPath)",
                                         "anchors are append-only, so sign a new round instead"])
        #expect(violation?.path == life.clearance.anchorPath)
        // The sign-off was accepted when its anchor landed; rewriting the file does not undo it.
        #expect(run.signOff(life.clearance.name)?.isValid == true)
    }

    @Test("co-signing a complete round is refused: the round is closed")
    func completeRound() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "authority: [frank]", with: "authority: [frank, grace]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["review.yaml": manifest], message: "Grace co-decides")
        let grace = try scenario.signOff(review: Example.review, step: "clearance", as: Cast.grace, round: 1,
                                         requires: [life.riskAcceptance, life.dataProtection], decision: "cleared-with-conditions")
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.round", ["\(grace.name): rejected (signoff.round)", "round 1 of clearance is complete; open round 2"])
    }
}
