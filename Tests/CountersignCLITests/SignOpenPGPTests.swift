import Foundation
import TestSupport
import Testing

/// `countersign sign` for a member whose key is an OpenPGP key made by gpg: its own judgement
/// uses the policy's OpenPGP keys, and `verify` accepts what it made.
@Suite("sign with an OpenPGP key", .serialized)
struct SignOpenPGPTests {
    @Test("alice signs the description with her gpg key; verify accepts the sign-off")
    func signsWithOpenPGP() throws {
        let key = try GPGKey(name: "Alice Martin", email: "alice@example.org")
        defer { key.stopAgent() }
        let armored = key.armoredPublicKey.split(separator: "\n").map { "          \($0)" }.joined(separator: "\n")
        let others = Fixtures.membersYAML(Cast.people.filter { $0.id != "alice" })
        let alice = "  alice:\n    name: Alice Martin\n    emails: [alice@example.org]\n    keys:\n      - openpgp: |\n\(armored)\n"
        let scenario = try ReviewScenario(policy: Fixtures.policyYAML(members: alice + others))
        for (path, text) in Fixtures.completeReview where path == "review.yaml" || path.hasPrefix("system/") || path.hasPrefix("status/") {
            try scenario.repository.write("reviews/support-assistant/\(path)", text + "\n")
        }
        try scenario.repository.git(["add", "reviews"])
        try scenario.repository.git(key.gitSigningArguments + ["commit", "-q", "-S", "-m", "Describe the support assistant"],
                                    environment: key.environment.merging(Cast.alice.gitEnvironment) { $1 })
        let environment = key.environment.merging(Cast.alice.gitEnvironment) { $1 }.merging([
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "gpg.format", "GIT_CONFIG_VALUE_0": "openpgp",
            "GIT_CONFIG_KEY_1": "user.signingkey", "GIT_CONFIG_VALUE_1": key.fingerprint,
        ]) { $1 }
        let signed = try Binary.run(["sign", "support-assistant", "description"], in: scenario.repository.url, environment: environment)
        #expect(signed.status == 0, "\(signed.stdout)\(signed.stderr)")
        #expect(signed.stdout.contains("signed signoff/support-assistant/description/1/alice"), "\(signed.stdout)")
        let verify = try Binary.run(["verify"], in: scenario.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("1 anchored sign-offs (1 valid)"), "\(verify.stdout)")
        let log = try Binary.run(["log"], in: scenario.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(log.stdout.contains("key \(key.fingerprint)"), "\(log.stdout)")
    }
}
