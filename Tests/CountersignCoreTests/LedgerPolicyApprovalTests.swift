import CountersignCore
import Foundation
import TestSupport
import Testing

/// Spec section 2, the two-person rule: with `policy_approvals: 2`, a policy change reaches the log
/// only inside a merge whose branch holds a second owner's `Policy-Approved:` commit, signed with
/// that owner's own key. A trusted committer's signature never stands in for it.
@Suite("ledger: the two-person rule for policy changes")
struct LedgerPolicyApprovalTests {
    enum Approval: String, CaseIterable, Sendable {
        case none, otherBlob = "for another blob", trustedCommitter = "signed by a trusted committer", secondOwner = "by the second owner"
    }

    static let forge: SSHKey = {
        // swiftlint:disable:next force_try
        try! SSHKey(.ed25519, comment: "forge")
    }()

    /// A scenario whose policy has two owners, frank and grace, and asks for two of them.
    static func twoOwners() throws -> ReviewScenario {
        let policy = Fixtures.policyYAML(extra: Fixtures.trustedCommitter(forge))
            .replacingOccurrences(of: "policy_owners: [frank]", with: "policy_owners: [frank, grace]\npolicy_approvals: 2")
        return try ReviewScenario(policy: policy)
    }

    static func raisedThreshold(_ scenario: ReviewScenario) throws -> String {
        try scenario.repository.read("countersign.yaml").replacingOccurrences(of: "threshold: 12", with: "threshold: 15")
    }

    @Test("a policy change committed on the log itself is refused")
    func direct() throws {
        let scenario = try Self.twoOwners()
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": try Self.raisedThreshold(scenario)], message: "Raise the threshold")
        expectViolation(try scenario.ledger().violations, "policy.unauthorized-change", ["on the log itself, but policy_approvals is 2"])
    }

    @Test("a merged policy change needs the second owner's own approval of its blob", arguments: Approval.allCases)
    func merged(_ approval: Approval) throws {
        let scenario = try Self.twoOwners()
        let git = scenario.repository
        try git.git(["switch", "-q", "-c", "policy"])
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": try Self.raisedThreshold(scenario)], message: "Raise the threshold")
        let blob = try git.git(["rev-parse", "HEAD:countersign.yaml"])
        switch approval {
        case .none: break
        case .otherBlob: try scenario.commit(as: Cast.grace, files: [:], message: "Approve\n\nPolicy-Approved: \(String(repeating: "0", count: 40))")
        case .trustedCommitter: try scenario.commit(as: Cast.grace, files: [:], message: "Approve\n\nPolicy-Approved: \(blob)", signingKey: Self.forge)
        case .secondOwner: try scenario.commit(as: Cast.grace, files: [:], message: "Approve\n\nPolicy-Approved: \(blob)")
        }
        try git.git(["switch", "-q", "main"])
        try git.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "--no-ff", "-S", "-m", "Merge the policy change", "policy"],
                    environment: Cast.frank.gitEnvironment)
        let run = try scenario.ledger()
        if approval == .secondOwner {
            expectClean(run)
            #expect(try PolicyReader.parse(git.read("countersign.yaml")).get().risk.threshold == 15)
        } else {
            expectViolation(run.violations, "policy.unauthorized-change", ["needs approvals by 1 other policy owner(s) (approved by: none)", blob])
        }
    }

    @Test("policy_approvals above the owners with a key is invalid")
    func tooMany() throws {
        let text = Fixtures.policyYAML().replacingOccurrences(of: "policy_owners: [frank]", with: "policy_owners: [frank]\npolicy_approvals: 2")
        let error = try #require(PolicyReader.parse(text).failureValue)
        #expect(error.violations.contains { $0.message.contains("policy_approvals is 2 but only 1 policy owner(s) have a key") && $0.line == line(of: "policy_approvals", in: text) })
    }
}
