import CountersignCore
import Foundation
import GitKit
import Testing
import TestSupport

/// What the ledger makes of a review's history: the lifecycle's states, staleness, triggers and rounds.
@Suite("Ledger: review and step states")
struct LedgerStatusTests {
    let steps = ["description", "intake", "assessment", "risk-acceptance", "data-protection", "clearance"]

    @Test("the whole lifecycle is cleared-with-conditions, every step signed, six valid sign-offs in hand-off order")
    func lifecycle() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let run = try scenario.ledger()
        expectClean(run)
        #expect(run.tags.notices.isEmpty)
        #expect(run.report.history.count == 12)

        let status = try run.status()
        #expect(status.state == .clearedWithConditions)
        #expect(status.reasons.isEmpty)
        #expect(status.steps.map(\.id) == steps)
        #expect(status.steps.allSatisfy { $0.state == .signed })
        #expect(status.gaps.isEmpty)
        #expect(status.next.isEmpty)

        // The log: each sign-off valid, in acceptance order, anchored where it was committed.
        #expect(run.report.signOffs.map(\.name.step) == steps)
        #expect(run.report.signOffs.allSatisfy { $0.isValid })
        #expect(run.report.state.signOffs.count == 6)
        for (signOff, made) in zip(run.report.signOffs, life.signOffs) {
            #expect(signOff.name.description == made.name)
            #expect(signOff.tagID.hex == made.tag)
            #expect(signOff.target?.hex == made.target)
            #expect(signOff.acceptance?.hex == made.anchor)
            #expect(signOff.keyFingerprint?.hasPrefix("SHA256:") == true)
            #expect(signOff.tagger?.email == "\(made.member)@example.org")
        }
        let clearance = try #require(status.step("clearance")?.signoffs.first)
        #expect(clearance.tag == life.clearance.name)
        #expect(clearance.member == "frank")
        #expect(clearance.anchor == life.clearance.anchor)
        #expect(clearance.target == life.clearance.target)
        #expect(try scenario.ledger().report.signOffs.first { $0.name.step == "clearance" }?.decision == .clearedWithConditions)
    }

    @Test("part-way through, the review is in review and names who signs next; before any sign-off it is a draft")
    func partWay() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.riskAcceptance.anchor })
        let status = try scenario.ledger().status()
        #expect(status.state == .inReview)
        #expect(status.stepStates == ["description": .signed, "intake": .signed, "assessment": .signed,
                                      "risk-acceptance": .signed, "data-protection": .missing, "clearance": .missing])
        #expect(status.next.map(\.step) == ["data-protection"])
        #expect(status.next.first?.members == ["erin"])

        // At an earlier revision, a tag whose anchor lands later is not judged: the log as of then.
        let earlier = try scenario.ledger(revision: life.systemContent).status()
        #expect(earlier.state == .draft)
        #expect(earlier.step("description")?.state == .missing)
        #expect(earlier.step("description")?.signoffs.isEmpty == true)

        let (described, _) = try ReviewScenario.forkLifecycle(at: { $0.systemContent })
        let draft = try described.ledger().status()
        #expect(draft.state == .draft)
        #expect(draft.next.map(\.step) == ["description"])
        #expect(draft.next.first?.members == ["alice"])
    }

    @Test("a change to a covered file after clearance makes that step and every later one stale, and names the stale step")
    func coveredChangeIsStale() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.stepStates == ["description": .signed, "intake": .signed, "assessment": .stale,
                                      "risk-acceptance": .stale, "data-protection": .stale, "clearance": .stale])
        let reason = "step assessment is stale: security/threats.yaml changed since \(Example.tag("assessment", 1, "bob")) signed it"
        #expect(status.reasons.contains(reason), "\(status.reasons)")
        #expect(status.reasons.contains { $0.hasPrefix("step clearance is stale") })
        #expect(status.next.map(\.step) == ["assessment"])
    }

    @Test("a change to a registered trigger's path fires it by id; the steps stay signed")
    func triggerFires() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let commit = try scenario.commit(as: Cast.alice, files: ["deploy/support-assistant/system-prompt.txt": "Be brief.\n"],
                                         message: "Shorter answers")
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.reasons == ["trigger model-change fired: commit \(commit.prefix(10)) changed deploy/support-assistant/system-prompt.txt"])
        #expect(status.steps.allSatisfy { $0.state == .signed })

        // A new clearance round after the change answers the trigger.
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 2,
                             requires: [life.riskAcceptance, life.dataProtection], decision: "cleared-with-conditions")
        let again = try scenario.ledger()
        expectClean(again)
        #expect(try again.status().state == .clearedWithConditions)
    }

    @Test("a change to the policy's risk settings after clearance requires reassessment, named")
    func riskSettingsChange() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "threshold: 12", with: "threshold: 9")],
                            message: "Lower the risk threshold")
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.reasons.contains("the policy's risk settings changed since the clearance (scale 5 → 5, threshold 12 → 9)"), "\(status.reasons)")
    }

    @Test("a deleted tag ref and a later revocation do not rewrite the log")
    func historyStands() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        try scenario.repository.git(["tag", "-d", life.assessment.name])
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "security:     {members: [bob, carol]", with: "security:     {members: [carol]")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Bob leaves the security team")
        let run = try scenario.ledger()
        expectClean(run)
        #expect(run.report.signOffs.allSatisfy { $0.isValid })
        let status = try run.status()
        #expect(status.state == .clearedWithConditions)
        #expect(status.step("assessment")?.state == .signed)
        #expect(status.step("assessment")?.signoffs.first?.member == "bob")
    }

    @Test("a change under status/ changes no state")
    func statusChange() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["status/controls.yaml": "controls:\n  C-1: verified\n"])
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .clearedWithConditions)
        #expect(status.reasons.isEmpty)
        #expect(status.steps.allSatisfy { $0.state == .signed })
    }

    @Test("a passed review_by date and an expired acceptance each require reassessment, named")
    func datesPass() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let later = try #require(ISO8601DateFormatter().date(from: "2100-01-01T00:00:00Z"))
        let status = try scenario.ledger(now: later).status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.reasons.contains("trigger yearly: the review_by date 2099-12-01 has passed"), "\(status.reasons)")
        #expect(status.reasons.contains("the acceptance of T-2 expired on 2099-06-30"), "\(status.reasons)")
    }

    @Test("a second round after a change signs the step again; later steps stay stale until they sign again too")
    func secondRound() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
        let assessment = try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])

        var run = try scenario.ledger()
        expectClean(run)
        var status = try run.status()
        #expect(status.state == .reassessmentRequired)
        #expect(status.step("assessment")?.state == .signed)
        #expect(status.step("assessment")?.signoffs.map(\.round) == [2])
        #expect(status.step("risk-acceptance")?.state == .stale)
        #expect(status.step("risk-acceptance")?.detail == "\(Example.tag("assessment", 1, "bob")) was superseded by round 2")
        #expect(Set(status.next.map(\.step)) == ["risk-acceptance", "data-protection"])

        let risk = try scenario.signOff(review: Example.review, step: "risk-acceptance", as: Cast.dana, round: 2, requires: [assessment])
        let dpo = try scenario.signOff(review: Example.review, step: "data-protection", as: Cast.erin, round: 2, requires: [assessment])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, round: 2, requires: [risk, dpo],
                             decision: "cleared-with-conditions")
        run = try scenario.ledger()
        expectClean(run)
        status = try run.status()
        #expect(status.state == .clearedWithConditions)
        #expect(status.steps.allSatisfy { $0.state == .signed })
        #expect(status.steps.filter { $0.id != "description" && $0.id != "intake" }.allSatisfy { $0.signoffs.map(\.round) == [2] })
        #expect(run.report.signOffs.count == 10)
    }

    @Test("reverting the content does not bring an older round back")
    func revertKeepsNewRound() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
        try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        try scenario.writeReview(Example.review, as: Cast.bob, files: ReviewScenario.completeReviewFiles(["security/threats.yaml"]))
        let status = try scenario.ledger().status()
        #expect(status.step("assessment")?.state == .stale)
        #expect(status.step("assessment")?.detail?.contains("security/threats.yaml changed since \(Example.tag("assessment", 2, "bob"))") == true)
        #expect(status.step("risk-acceptance")?.state == .stale)
        #expect(status.state == .reassessmentRequired)
    }
    @Test("a returned clearance marks the named step returned; a new round on later content signs it, and a new clearance clears")
    func returnedAndSignedAgain() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        let review = Example.review
        let disposition = try scenario.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": ReviewScenario.returnedDisposition])
        try scenario.signOff(review: review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection], decision: "returned")
        var run = try scenario.ledger()
        expectClean(run)
        var status = try run.status()
        #expect(status.state == .returned)
        #expect(status.step("assessment")?.state == .returned)
        #expect(status.step("assessment")?.detail == "returned by the sign-off authority at \(disposition.prefix(10))")
        #expect(status.next.map(\.step) == ["assessment"])
        #expect(status.next.first?.members == ["bob"])

        try scenario.writeReview(review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
        let assessment = try scenario.signOff(review: review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        run = try scenario.ledger()
        expectClean(run)
        status = try run.status()
        #expect(status.state == .returned)
        #expect(status.step("assessment")?.state == .signed)
        #expect(status.step("risk-acceptance")?.state == .stale)

        let risk = try scenario.signOff(review: review, step: "risk-acceptance", as: Cast.dana, round: 2, requires: [assessment])
        let dpo = try scenario.signOff(review: review, step: "data-protection", as: Cast.erin, round: 2, requires: [assessment])
        try scenario.writeReview(review, as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
        try scenario.signOff(review: review, step: "clearance", as: Cast.frank, round: 2, requires: [risk, dpo], decision: "cleared-with-conditions")
        run = try scenario.ledger()
        expectClean(run)
        status = try run.status()
        #expect(status.state == .clearedWithConditions)
        #expect(status.steps.allSatisfy { $0.state == .signed })
    }

    @Test("a rejected clearance is final: the review is rejected and nobody is next")
    func rejected() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        let disposition = "decision: rejected\nrationale: the residual risk is too high\nconditions: []\ngaps: []\n"
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": disposition])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                             decision: "rejected")
        let run = try scenario.ledger()
        expectClean(run)
        let status = try run.status()
        #expect(status.state == .rejected)
        #expect(status.next.isEmpty)
    }

    enum CoSign: String, CaseIterable, Sendable { case same, otherContent = "other-content", otherDecision = "other-decision" }

    @Test("with threshold 2, a round is pending until a second member co-signs the same content and decision", arguments: CoSign.allCases)
    func coSigning(_ variant: CoSign) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let review = Example.review
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "threshold: 1}", with: "threshold: 2}")],
                            message: "Two authorities clear")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "authority: [frank]", with: "authority: [frank, grace]") + "\n"
        try scenario.writeReview(review, as: Cast.frank, files: ["review.yaml": manifest], message: "Grace co-decides")
        let requires = [life.riskAcceptance, life.dataProtection]
        let frank = try scenario.signOff(review: review, step: "clearance", as: Cast.frank, round: 2, requires: requires, decision: "cleared-with-conditions")

        var run = try scenario.ledger()
        expectClean(run)
        var status = try run.status()
        #expect(status.step("clearance")?.state == .partial)
        #expect(status.step("clearance")?.detail == "1 of 2")
        #expect(status.next.first { $0.step == "clearance" }?.members == ["grace"])

        if variant == .otherContent {
            let changed = Example.edited("authority/disposition.yaml", appending: "# reviewed with grace")
            try scenario.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": changed])
        }
        let grace = try scenario.signOff(review: review, step: "clearance", as: Cast.grace, round: 2, requires: requires,
                                         decision: variant == .otherDecision ? "cleared" : "cleared-with-conditions")
        run = try scenario.ledger()
        status = try run.status()
        switch variant {
        case .same:
            expectClean(run)
            #expect(status.state == .clearedWithConditions)
            #expect(status.step("clearance")?.signoffs.map(\.member) == ["frank", "grace"])
        case .otherContent:
            expectViolation(run.violations, "signoff.round",
                            ["\(grace.name): rejected (signoff.round)", "co-signing round 2 needs the same content as frank's sign-off, but authority/disposition.yaml differ"])
            #expect(status.step("clearance")?.state == .partial)
        case .otherDecision:
            expectViolation(run.violations, "signoff.round",
                            ["co-signing round 2 needs the same Decision as frank's sign-off (cleared-with-conditions)"], alone: false)
            #expect(Set(run.rules) == ["signoff.round", "signoff.decision-mismatch"])
            #expect(status.step("clearance")?.signoffs.map(\.member) == [frank.member])
        }
    }

    @Test("two anchors in one commit are judged in step order")
    func twoAnchorsInOneCommit() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.description.anchor })
        try scenario.writeReview(Example.review, as: Cast.bob, files: ReviewScenario.completeReviewFiles(["security/"]))
        let intake = try scenario.tag("intake", by: Cast.bob, requires: [life.description])
        let assessment = try scenario.tag(review: Example.review, step: "assessment", member: Cast.bob,
                                          requires: [(Example.tag("intake", 1, "bob"), intake)])
        let anchors = [ReviewScenario.anchorPath(review: Example.review, step: "assessment", round: 1, member: "bob"): try scenario.anchorText(assessment),
                       ReviewScenario.anchorPath(review: Example.review, step: "intake", round: 1, member: "bob"): try scenario.anchorText(intake)]
        try scenario.commit(as: Cast.bob, files: anchors, message: "Anchor intake and assessment")
        let run = try scenario.ledger()
        expectClean(run)
        #expect(run.report.signOffs.map(\.name.step) == ["description", "intake", "assessment"])
        #expect(try run.status().step("assessment")?.state == .signed)
    }

    @Test("extending the ledger from a base agrees with building it from scratch")
    func incremental() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let commit = try scenario.writeReview(Example.review, as: Cast.alice, files: ["security/threats.yaml": Example.changedThreats])
        let repository = try Workspace(from: scenario.repository.url, needsWorkTree: false).repository
        let context = LedgerContext(repository: repository)
        let base = try repository.resolveCommit(life.riskAcceptance.anchor)
        let tip = try repository.resolveCommit("main")
        let report = try Ledger(context: context, branch: "main").extend(from: base, to: tip)
        #expect(report.signOffs.map(\.name.step) == ["data-protection", "clearance"])
        #expect(report.state.signOffs.count == 6)
        expectViolation(report.violations, "commit.not-owner", ["commit \(commit.prefix(10)) by alice changes"])
        let status = try #require(try StatusBuilder(context: context, report: report).statuses().first)
        #expect(status.step("assessment")?.state == .stale)
        #expect(status.state == .reassessmentRequired)
    }
}
