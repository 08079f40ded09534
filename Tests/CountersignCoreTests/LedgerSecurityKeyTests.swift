import CountersignCore
import Foundation
import Testing
import TestSupport

/// FIDO security keys in the policy (section 2): a member's `sk-ssh-ed25519@openssh.com` key signs
/// commits the ledger accepts; with `verify_required: true`, only signatures that verified the user.
@Suite("ledger: FIDO security keys")
struct LedgerSecurityKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let kind: SoftwareSecurityKey.Kind
        let verifyRequired: Bool
        let flags: UInt8
        var accepted: Bool { flags & 0x01 != 0 && (!verifyRequired || flags & 0x04 != 0) }
        var testDescription: String { "\(kind.rawValue), verify_required \(verifyRequired), flags \(flags)" }
    }

    static let cases: [Case] = SoftwareSecurityKey.Kind.allCases.flatMap { kind in
        [(false, UInt8(0x01)), (true, UInt8(0x01)), (true, UInt8(0x05)), (false, UInt8(0x00))].map { Case(kind: kind, verifyRequired: $0.0, flags: $0.1) }
    }

    @Test("a security key's commits and sign-offs count; presence is required, and verification with verify_required", arguments: cases)
    func securityKey(_ check: Case) throws {
        let token = SoftwareSecurityKey(check.kind)
        let entry = check.verifyRequired ? "- key: \(token.line)\n        verify_required: true" : "- \(token.line)"
        let scenario = try ReviewScenario(policy: Example.policy(replacingKeyOf: Cast.alice, with: entry))
        let files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]).compactMapValues { $0 }
        let commit = try scenario.commitSigned(byKey: token, flags: check.flags, review: Example.review, files: files, as: Cast.alice, message: "Describe")
        // The description's sign-off, signed by the same token, anchored in a commit it signs too.
        let tag = try scenario.tagSigned(byKey: token, flags: check.flags, review: Example.review, step: "description", as: Cast.alice)
        let anchor = String(decoding: try scenario.rawObject(tag, type: "tag"), as: UTF8.self)
        try scenario.commitSigned(byKey: token, flags: check.flags, review: Example.review, files: ["ledger/description.1.alice": anchor],
                                  as: Cast.alice, message: "Sign off the description")
        let run = try scenario.ledger()
        if check.accepted {
            expectClean(run)
            #expect(run.signOff(Example.tag("description", 1, "alice"))?.isValid == true)
        } else {
            expectViolation(run.violations, "commit.bad-signature", [String(commit.prefix(10))], alone: false)
            expectViolation(run.violations, "signoff.bad-signature", [Example.tag("description", 1, "alice")], alone: false)
        }
    }

    @Test("verify_required on a key that is no security key is invalid")
    func verifyRequiredOnPlainKey() throws {
        let text = Example.policy(replacingKeyOf: Cast.alice, with: "- key: \(Cast.alice.key.publicKeyLine)\n        verify_required: true")
        let error = try #require(PolicyReader.parse(text).failureValue)
        #expect(error.violations.contains { $0.message.contains("verify_required applies to FIDO security keys") }, "\(error.violations)")
    }
}
