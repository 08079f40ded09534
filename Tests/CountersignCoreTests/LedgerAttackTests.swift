import CountersignCore
import Foundation
import Testing
import TestSupport

/// Forged and misordered histories that the ledger must refuse (spec sections 3 and 5): each
/// builds the attack with real git objects and expects the contract's rule id and message.
@Suite("ledger: attacks on returned and rejected reviews, the ledger folder, paths and assignments")
struct LedgerAttackTests {
    /// The example's disposition with another decision.
    static func disposition(_ decision: String) -> String {
        (Fixtures.completeReview["authority/disposition.yaml"] ?? "")
            .replacingOccurrences(of: "decision: cleared-with-conditions", with: "decision: \(decision)") + "\n"
    }

    @Test("after a returned clearance, a clearance naming the old rounds is out of order")
    func clearanceAfterReturnNamesOldRounds() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": ReviewScenario.returnedDisposition])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                             decision: "returned")
        expectClean(try scenario.ledger())
        try scenario.writeReview(Example.review, as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 2, requires: [life.riskAcceptance, life.dataProtection],
                             decision: "cleared-with-conditions")
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.out-of-order",
                        ["returned by \(Example.tag("clearance", 1, "frank")) with gaps for assessment; assessment needs a new round"])
        #expect(try run.status().state == .returned)
    }

    @Test("after a rejected clearance, no later sign-off counts")
    func clearedAfterRejected() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": Self.disposition("rejected")])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                             decision: "rejected")
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": Self.disposition("cleared")])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 2, requires: [life.riskAcceptance, life.dataProtection],
                             decision: "cleared")
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.not-applicable", ["rejected is final"])
        #expect(try run.status().state == .rejected)
    }

    @Test("a threshold-2 prerequisite named twice by one co-signer's tag is out of order")
    func thresholdNamedTwice() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.securityContent })
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "requires: [intake], covers: [\"security/**\"]}",
                                                                with: "requires: [intake], covers: [\"security/**\"], threshold: 2}")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Two assessors")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [bob, carol]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["review.yaml": manifest], message: "carol co-assesses")
        let bob = try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, requires: [life.intake])
        try scenario.signOff(review: Example.review, step: "assessment", as: Cast.carol, requires: [life.intake])
        try scenario.writeReview(Example.review, as: Cast.dana, files: ReviewScenario.completeReviewFiles(["governance/"]))
        try scenario.signOff(review: Example.review, step: "risk-acceptance", as: Cast.dana, requires: [bob, bob])
        let violations = try scenario.ledger().violations
        expectViolation(violations, "signoff.out-of-order", ["names a sign-off of assessment more than once"])
        expectViolation(violations, "signoff.out-of-order", ["names 1 distinct sign-off(s) of assessment, which needs 2"])
    }

    @Test("ledger/ holds nothing but anchors of their own names", arguments: ["ledger/README", "ledger/sub/clearance.1.frank", "ledger/clearance.2.frank/x"])
    func ledgerJunk(_ relative: String) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.dana, files: [relative: "not an anchor\n"])
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, "signoff.malformed", ["ledger/ holds only anchors"])
        #expect(violation?.path == Example.path(relative))
        #expect(try run.status().state == .clearedWithConditions, "the junk voids nothing that was signed")
    }

    @Test("a tree entry git refuses under reviews/ is a bad path", arguments: ["..", ".git", ".GIT"])
    func refusedEntry(_ name: String) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.commitForgedEntry(name, text: "forged\n", in: "reviews/\(Example.review)/security", as: Cast.bob, message: "Evidence")
        let violation = expectViolation(try scenario.ledger().violations, "commit.bad-path", ["which git itself refuses"])
        #expect(violation?.path == Example.path("security/\(name)"))
    }

    @Test("a root folder that differs from reviews/ only by case is a bad path")
    func caseOnlyRoot() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.commit(as: Cast.alice, files: ["Reviews/\(Example.review)/system/description.md": "# another description\n"], message: "Describe")
        let violation = expectViolation(try scenario.ledger().violations, "commit.bad-path", ["Reviews/ differs from reviews/ only by case"])
        #expect(violation?.path == "Reviews/\(Example.review)/system/description.md")
    }

    @Test("deleting review.yaml and re-creating it with other assignees is a change, not a creation")
    func recreatedAssignments() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle(at: { $0.securityContent })
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["review.yaml": nil], message: "Start over")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [carol]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["review.yaml": manifest], message: "Describe again")
        let violations = try scenario.ledger().violations
        let recreated = violations.filter { $0.rule == .commitNotOwner && $0.message.contains("changes who is assigned to security") }
        #expect(recreated.count == 2, "the deletion and the re-creation each change the assignment: \(violations)")
    }

    @Test("an assignment made in the commit that anchors the sign-off does not count for it")
    func assignmentInTheAnchorCommit() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.securityContent })
        let tag = try scenario.tag("assessment", by: Cast.carol, requires: [life.intake])
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [bob, carol]") + "\n"
        try scenario.repository.write("reviews/\(Example.review)/review.yaml", manifest)
        try scenario.repository.git(["add", "reviews/\(Example.review)/review.yaml"])
        try scenario.anchor(tag, step: "assessment", member: Cast.carol)
        expectViolation(try scenario.ledger().violations, "signoff.not-authorized", ["carol is not assigned to security"])
    }
}

/// Spec section 2: a commit that fails section 6 but lands anyway (a forge without hooks) is void
/// for the log — the policy it brings never comes into force, and its anchors do not count.
@Suite("ledger: void commits")
struct LedgerVoidCommitTests {
    @Test("a policy change by a non-owner grants nothing to the commits after it")
    func voidPolicy() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "security:     {members: [bob, carol]", with: "security:     {members: [bob, carol, alice]")
        try scenario.commit(as: Cast.alice, files: ["countersign.yaml": policy], message: "Join security")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [bob, alice]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["review.yaml": manifest], message: "Assign myself")
        let violations = try scenario.ledger().violations
        expectViolation(violations, "policy.unauthorized-change", ["alice is not a policy owner"], alone: false)
        expectViolation(violations, "commit.not-owner", ["changes who is assigned to security"], alone: false)
    }

    @Test("an anchor in a commit that breaks the rules does not count")
    func voidAnchor() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.securityContent })
        let tag = try scenario.tag("assessment", by: Cast.bob, requires: [life.intake])
        try scenario.anchor(tagObjectID: tag, name: (Example.review, "assessment", 1, "bob"), as: Cast.bob, sign: false)
        let run = try scenario.ledger()
        expectViolation(run.violations, "commit.unsigned", ["is not signed"])
        #expect(run.notices.contains { $0.rule.id == "signoff.void" }, "\(run.notices)")
        #expect(try run.status().step("assessment")?.state != .signed)
    }
}

/// Spec section 5, "Rounds" and "Triggers": a new round needs a reason, and a trigger fires on any
/// change since the clearance's target.
@Suite("ledger: rounds need a reason; triggers fire from the clearance's target")
struct LedgerRoundReasonTests {
    @Test("signing the same content again opens no round, and the clearance stays current")
    func sameContentAgain() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let again = try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        let run = try scenario.ledger()
        expectViolation(run.violations, "signoff.round", ["\(again.name): rejected (signoff.round)", "a new round opens only for a reason"])
        #expect(try run.status().state == .clearedWithConditions)
    }

    @Test("a fired trigger is a reason for a new round")
    func triggerIsAReason() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        try scenario.commit(as: Cast.alice, files: ["deploy/support-assistant/model.txt": "model v2\n"], message: "Deploy model v2")
        #expect(try scenario.ledger().status().state == .reassessmentRequired)
        try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        expectClean(try scenario.ledger())
    }

    @Test("a trigger path changed between the clearance's target and its anchor fires the trigger")
    func triggerBetweenTargetAndAcceptance() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.authorityContent })
        let tag = try scenario.tag("clearance", by: Cast.frank, requires: [life.riskAcceptance, life.dataProtection], decision: "cleared-with-conditions")
        try scenario.commit(as: Cast.alice, files: ["deploy/support-assistant/model.txt": "model v2\n"], message: "Deploy model v2")
        try scenario.anchor(tag, step: "clearance", member: Cast.frank)
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.reasons.contains { $0.contains("trigger model-change fired: deploy/support-assistant/model.txt changed between the clearance's target") }, "\(status.reasons)")
    }

    @Test("a change to the policy's steps calls for reassessment")
    func stepsChanged() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "requires: [intake], covers: [\"security/**\"]}",
                                                                with: "requires: [intake], covers: [\"security/**\", \"system/**\"]}")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "The assessment covers the system too")
        let status = try scenario.ledger().status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.reasons.contains("the policy's steps changed since the clearance"), "\(status.reasons)")
    }
}
