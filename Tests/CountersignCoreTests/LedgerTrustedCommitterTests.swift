import CountersignCore
import Foundation
import TestSupport
import Testing

/// A forge's web-flow key listed under `trusted_committers` signs commits on an author's behalf:
/// the author email then names the member whose ownership is judged.
@Suite("ledger with a trusted committer")
struct LedgerTrustedCommitterTests {
    @Test("a commit signed by the forge's key counts as its author's; the author must still be a member and an owner")
    func forgeKey() throws {
        let forge = try SSHKey(.ed25519, comment: "forge")
        let policy = Fixtures.policyYAML(extra: Fixtures.trustedCommitter(forge))
        let scenario = try ReviewScenario(policy: policy)
        let files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"])
        try scenario.writeReview("support-assistant", as: Cast.alice, files: files, message: "Merged through the forge", signingKey: forge)
        var run = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        #expect(run.violations.isEmpty, "\(run.violations)")

        let wrongOwner = try scenario.writeReview("support-assistant", as: Cast.bob, files: ["system/architecture.md": "# Changed by security\n"],
                                                  message: "Edit through the forge", signingKey: forge)
        run = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        let violation = try #require(run.violations.first { $0.commit == wrongOwner })
        #expect(violation.rule == .commitNotOwner)
        #expect(violation.message.contains("owned by system-owner"))

        let outsider = Cast.alice.with(email: "someone@elsewhere.example", key: forge)
        let stranger = try scenario.writeReview("support-assistant", as: outsider, files: ["system/architecture.md": "# From outside\n"],
                                                message: "Edit by a stranger", signingKey: forge)
        run = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        #expect(run.violations.contains { $0.commit == stranger && $0.rule.id == "commit.identity-mismatch" && $0.message.contains("someone@elsewhere.example, which is no member's email") })
    }

    @Test("a trusted committer's signature never stands in for a policy change or an assignment change")
    func notForPolicyOrAssignments() throws {
        let forge = try SSHKey(.ed25519, comment: "forge")
        let policy = Fixtures.policyYAML(extra: Fixtures.trustedCommitter(forge))
        let scenario = try ReviewScenario(policy: policy)
        let files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"])
        try scenario.writeReview("support-assistant", as: Cast.alice, files: files, message: "Describe")
        let raised = policy.replacingOccurrences(of: "threshold: 12", with: "threshold: 15")
        let policyChange = try scenario.commit(as: Cast.frank, files: ["countersign.yaml": raised], message: "Merged through the forge", signingKey: forge)
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [bob, carol]") + "\n"
        let assignment = try scenario.writeReview("support-assistant", as: Cast.frank, files: ["review.yaml": manifest], message: "Assign carol", signingKey: forge)
        let run = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        #expect(run.violations.contains { $0.commit == policyChange && $0.rule.id == "policy.unauthorized-change" && $0.message.contains("never a trusted committer's") }, "\(run.violations)")
        #expect(run.violations.contains { $0.commit == assignment && $0.rule == .commitNotOwner && $0.message.contains("under a trusted committer's signature") }, "\(run.violations)")
    }

    @Test("offline, a tagger date later than the forge-signed acceptance point is capped by it")
    func forgeCapsTheClaimedDate() throws {
        let forge = try SSHKey(.ed25519, comment: "forge")
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.securityContent })
        let bob = Cast.bob
        let members = Fixtures.membersYAML().replacingOccurrences(of: "- \(bob.key.publicKeyLine)", with: "- key: \(bob.key.publicKeyLine)\n        valid_after: 2030-01-01")
        let policy = Fixtures.policyYAML(members: members, extra: Fixtures.trustedCommitter(forge))
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "bob's new key counts from 2030")
        let claimed = Int(ISO8601DateFormatter().date(from: "2030-01-02T00:00:00Z")?.timeIntervalSince1970 ?? 0)
        let tag = try scenario.tag("assessment", by: bob, requires: [life.intake], taggerDate: "@\(claimed) +0000")
        // The forge lands the anchor today, on bob's behalf.
        try scenario.anchor(tagObjectID: tag, name: (Example.review, "assessment", 1, "bob"), as: bob, signingKey: forge)
        expectViolation(try scenario.ledger().violations, "signoff.expired-key", ["outside its validity"])
    }
}

