import CountersignCore
import Foundation
import Testing
import TestSupport

/// FIDO security keys in the policy (section 2): a member's `sk-ssh-ed25519@openssh.com` key signs
/// commits the ledger accepts; with `verify_required: true`, only signatures that verified the user.
@Suite("ledger: FIDO security keys")
struct LedgerSecurityKeyTests {
    @Test("a security key's commit counts; verify_required asks for user verification", arguments: [
        (verifyRequired: false, flags: UInt8(0x01), accepted: true),
        (verifyRequired: true, flags: UInt8(0x01), accepted: false),
        (verifyRequired: true, flags: UInt8(0x05), accepted: true),
        (verifyRequired: false, flags: UInt8(0x00), accepted: false),
    ])
    func securityKey(verifyRequired: Bool, flags: UInt8, accepted: Bool) throws {
        let token = SoftwareSecurityKey()
        let entry = verifyRequired ? "- key: \(token.line)\n        verify_required: true" : "- \(token.line)"
        let scenario = try ReviewScenario(policy: Example.policy(replacingKeyOf: Cast.alice, with: entry))
        let files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]).compactMapValues { $0 }
        let commit = try scenario.commitSigned(byKey: token, flags: flags, review: Example.review, files: files, as: Cast.alice, message: "Describe")
        let run = try scenario.ledger()
        if accepted {
            expectClean(run)
        } else {
            expectViolation(run.violations, "commit.bad-signature", [String(commit.prefix(10))])
        }
    }

    @Test("verify_required on a key that is no security key is invalid")
    func verifyRequiredOnPlainKey() throws {
        let text = Example.policy(replacingKeyOf: Cast.alice, with: "- key: \(Cast.alice.key.publicKeyLine)\n        verify_required: true")
        let error = try #require(PolicyReader.parse(text).failureValue)
        #expect(error.violations.contains { $0.message.contains("verify_required applies to FIDO security keys") }, "\(error.violations)")
    }
}
