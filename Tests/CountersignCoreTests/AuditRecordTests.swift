import CountersignCore
import Foundation
import Testing
import TestSupport

/// The governance record `audit` renders, as the builder derives it from real histories.
@Suite("Audit: the governance record from the ledger")
struct AuditRecordTests {
    func record(_ scenario: ReviewScenario, now: Date = Date()) throws -> GovernanceRecord {
        let run = try scenario.ledger(now: now)
        return try #require(try RecordBuilder(run: run).records(reviews: [Example.review]).first)
    }

    @Test("a returned-then-cleared review: every sign-off, both clearance rounds, the answer to the returned item, and a checklist that holds")
    func returnedThenCleared() throws {
        let (scenario, ids) = try ReviewScenario.returnedThenCleared()
        let run = try scenario.ledger()
        let record = try #require(try RecordBuilder(run: run).records(reviews: [Example.review]).first)

        #expect(record.signoffs.map(\.tag) == ids.signOffs.map(\.name))
        #expect(record.signoffs.map(\.object) == ids.signOffs.map(\.tag))
        #expect(record.signoffs.allSatisfy { $0.verdict == "valid" && $0.anchor != nil && $0.acceptedAt != nil })
        let superseded = Set(record.signoffs.filter(\.superseded).map(\.tag))
        #expect(superseded == Set([ids.lifecycle.assessment, ids.lifecycle.riskAcceptance, ids.lifecycle.dataProtection, ids.returned].map(\.name)))
        let returnedEntry = try #require(record.signoffs.first { $0.tag == ids.returned.name })
        #expect(returnedEntry.decision == "returned")
        #expect(returnedEntry.message.contains("the output filter needs a date"))
        #expect(returnedEntry.requires.map(\.tag) == [ids.lifecycle.riskAcceptance.name, ids.lifecycle.dataProtection.name])
        #expect(returnedEntry.landedBy == "frank")

        #expect(record.clearances.map(\.round) == [1, 2])
        let first = record.clearances[0], second = record.clearances[1]
        #expect(first.decision == "returned" && !first.current)
        #expect(first.rationale == "T-2 has no control and no date")
        #expect(first.returned.map(\.item) == [ReviewScenario.returnedItem])
        #expect(first.returned.first?.answeredBy == [ids.assessment.name])
        #expect(first.returned.first?.path == "reviews/\(Example.review)/authority/disposition.yaml")
        #expect(second.decision == "cleared-with-conditions" && second.current)
        #expect(second.conditions == ["output filter before general availability"])
        #expect(second.relies == [ids.riskAcceptance.name, ids.dataProtection.name])
        #expect(second.target == ids.cleared.target)

        #expect(record.checklist.map(\.id) == ["system-description", "threat-model", "risks", "triggers", "dpo"])
        #expect(record.checklist.allSatisfy { $0.holds }, "\(record.checklist)")
        #expect(record.checklist.allSatisfy { !$0.evidence.isEmpty })
        let risks = try #require(record.checklist.first { $0.id == "risks" })
        #expect(risks.evidence.contains { $0.text.contains("T-2") && $0.text.contains("accepted by dana") && $0.path?.hasSuffix("governance/risk-acceptance.yaml") == true && $0.line != nil })
        let dpo = try #require(record.checklist.first { $0.id == "dpo" })
        #expect(dpo.evidence.contains { $0.signoff == ids.dataProtection.name })
        #expect(dpo.evidence.contains { $0.text.contains("accepted before the clearance") })

        #expect(record.state == .clearedWithConditions)
        #expect(record.verdict.holds, "\(record.verdict.problems)")
        #expect(record.exitStatus == 0)
        #expect(record.steps.map(\.step) == ["description", "intake", "assessment", "risk-acceptance", "data-protection", "clearance"])
        #expect(record.steps.first { $0.step == "data-protection" }?.when == "personal_data")
        #expect(record.provenance.root == run.report.history.first?.hex)
        #expect(record.provenance.verifyCommand == "countersign verify --rev \(run.report.tip.hex) --trust-root \(run.report.history[0].hex)")
        #expect(record.acceptances.map(\.threat) == ["T-2"] && record.acceptances.allSatisfy { !$0.expired })
        #expect(record.triggers.map(\.id) == ["model-change", "yearly"] && record.triggers.allSatisfy { !$0.fired })
        #expect(record.controls.first?.conditions.isEmpty == true)
        #expect(record.violations.isEmpty && record.gaps.isEmpty)
    }

    @Test("a review with no sign-offs: the record says so and does not hold")
    func noSignOffs() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle(at: { $0.systemContent })
        let record = try record(scenario)
        #expect(!record.hasSignOffs)
        #expect(record.signoffs.isEmpty && record.clearances.isEmpty)
        #expect(record.state == .draft)
        #expect(record.verdict.problems.first == "the review has no sign-offs")
        #expect(record.exitStatus == 1)
        let description = try #require(record.checklist.first)
        #expect(!description.holds && description.open == ["step description is missing"])
    }

    @Test("a trigger that fired after the clearance, an expired acceptance and an overdue control are flagged")
    func firedExpiredOverdue() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["status/controls.yaml": "controls:\n  C-1: {status: implemented, due: 2026-01-31}\n"])
        let change = try scenario.commit(as: Cast.alice, files: ["deploy/support-assistant/model.txt": "gpt-next\n"], message: "Change the model")
        let later = Date(timeIntervalSince1970: 4_102_444_800 + 200 * 86_400)
        let record = try record(scenario, now: later)
        let model = try #require(record.triggers.first { $0.id == "model-change" })
        #expect(model.fired && model.why?.contains(String(change.prefix(10))) == true, "\(model)")
        #expect(record.acceptances.first?.expired == true)
        let control = try #require(record.controls.first { $0.id == "C-1" })
        #expect(control.overdue && control.due == "2026-01-31" && control.status == "implemented")
        #expect(record.verdict.problems.contains("control C-1 is past its due date 2026-01-31 and not verified"))
        #expect(record.state == .reassessmentRequired && !record.verdict.holds)
        let status = try scenario.ledger(now: later).status()
        #expect(status.overdue == ["control C-1 was due on 2026-01-31 and is implemented, not verified"])
    }

    @Test("a key rotation while the review ran is a policy change of the record, with who and which commit")
    func policyChanges() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle(at: { $0.assessment.anchor })
        let rotation = try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Example.policy(rotating: Cast.bob, to: try SSHKey(.ed25519, comment: "bob@new-laptop"))],
                                           message: "Rotate bob's key")
        let record = try record(scenario)
        #expect(record.policyChanges.count == 1, "\(record.policyChanges)")
        let change = try #require(record.policyChanges.first)
        #expect(change.commit == rotation && change.author == "frank")
        #expect(change.changes.count == 2, "\(change.changes)")
        #expect(change.changes.contains { $0.hasPrefix("key SHA256:") && $0.hasSuffix(" added for bob") })
        #expect(change.changes.contains { $0.hasPrefix("key SHA256:") && $0.hasSuffix(" removed from bob") })
    }

    @Test("a returned item is answered only by a round signed on content after the disposition, as status judges it")
    func answeredOnlyAfterTheDisposition() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.assessment.anchor })
        let git = scenario.repository
        try git.git(["checkout", "-q", "-b", "side"])
        try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
        let assessment = try scenario.signOff(review: Example.review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": ReviewScenario.returnedDisposition])
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: [], decision: "returned")
        try git.git(["checkout", "-q", "main"])
        try git.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "-S", "--no-ff", "-m", "Merge the assessment and its return", "side"],
                    environment: Cast.frank.gitEnvironment)

        let run = try scenario.ledger()
        expectClean(run)
        #expect(try run.status().step("assessment")?.state == .returned)
        let record = try #require(try RecordBuilder(run: run).records(reviews: [Example.review]).first)
        // Accepted by the same merge as the return, but signed on content before it: no answer.
        #expect(record.signoffs.contains { $0.tag == assessment.name && $0.verdict == "valid" })
        let returned = try #require(record.clearances.first?.returned.first)
        #expect(returned.answeredBy.isEmpty, "\(returned.answeredBy)")
    }

    @Test("a clearance round short of its threshold is not in force, and its conditions bind no control")
    func partialClearance() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        let policy = Fixtures.policyYAML().replacingOccurrences(of: "covers: [\"authority/**\"], threshold: 1}", with: "covers: [\"authority/**\"], threshold: 2}")
        #expect(policy != Fixtures.policyYAML())
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Two authorities clear")
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "authority: [frank]", with: "authority: [frank, grace]") + "\n"
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["review.yaml": manifest], message: "Grace co-decides")
        let condition = "C-1 enforced before general availability"
        let disposition = "decision: cleared-with-conditions\nrationale: two authorities agree\nconditions: [\(condition)]\ngaps: []\n"
        try scenario.writeReview(Example.review, as: Cast.frank, files: ["authority/disposition.yaml": disposition], message: "Clear with conditions")
        let requires = [life.riskAcceptance, life.dataProtection]
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.frank, requires: requires, decision: "cleared-with-conditions")

        var run = try scenario.ledger()
        expectClean(run)
        #expect(try run.status().step("clearance")?.state == .partial)
        var record = try #require(try RecordBuilder(run: run).records(reviews: [Example.review]).first)
        #expect(record.clearances.map(\.round) == [1])
        #expect(record.clearances.map(\.current) == [false])
        #expect(record.clearances.map(record.standing) == ["not in force: fewer signers than the threshold so far"])
        #expect(record.clearances.first?.conditions == [condition])
        #expect(record.controls.first { $0.id == "C-1" }?.conditions == [])
        #expect(!record.verdict.holds)

        // Grace co-signs: the round is in force, and its condition is C-1's.
        try scenario.signOff(review: Example.review, step: "clearance", as: Cast.grace, requires: requires, decision: "cleared-with-conditions")
        run = try scenario.ledger()
        record = try #require(try RecordBuilder(run: run).records(reviews: [Example.review]).first)
        #expect(record.clearances.map(\.current) == [true])
        #expect(record.controls.first { $0.id == "C-1" }?.conditions == [condition])
    }
}
