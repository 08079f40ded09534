import CountersignCore
import Foundation
import TestSupport
import Testing

/// A member who signs with an OpenPGP key made by gpg: commits, sign-off tags and anchors signed
/// by git with that key are verified against a keyring made only from the policy's keys.
@Suite("ledger with OpenPGP signatures", .serialized)
struct LedgerOpenPGPTests {
    /// The example policy with alice's SSH key replaced by `key`'s armored public key.
    static func policy(alice key: GPGKey) -> String {
        let armored = key.armoredPublicKey.split(separator: "\n").map { "          \($0)" }.joined(separator: "\n")
        let others = Fixtures.membersYAML(Cast.people.filter { $0.id != "alice" })
        let alice = "  alice:\n    name: Alice Martin\n    emails: [alice@example.org]\n    keys:\n      - openpgp: |\n\(armored)\n"
        return Fixtures.policyYAML(members: alice + others)
    }

    /// Commits `files` as alice, signed by git with `key`.
    static func commit(_ scenario: ReviewScenario, _ files: [String: String], key: GPGKey, message: String) throws -> String {
        for (path, text) in files { try scenario.repository.write(path, text) }
        try scenario.repository.git(["add", "--"] + files.keys.sorted())
        try scenario.repository.git(key.gitSigningArguments + ["commit", "-q", "-S", "-m", message],
                                    environment: key.environment.merging(Cast.alice.gitEnvironment) { $1 })
        return try scenario.head()
    }

    @Test("alice's gpg-signed commits, tag and anchor verify; a commit signed with another gpg key does not")
    func openPGPSignOff() throws {
        let key = try GPGKey(name: "Alice Martin", email: "alice@example.org")
        defer { key.stopAgent() }
        let scenario = try ReviewScenario(policy: Self.policy(alice: key))
        var files: [String: String] = [:]
        for (path, text) in Fixtures.completeReview where path == "review.yaml" || path.hasPrefix("system/") {
            files["reviews/support-assistant/\(path)"] = text + "\n"
        }
        _ = try Self.commit(scenario, files, key: key, message: "Describe the support assistant")
        let name = ReviewScenario.tagName(review: "support-assistant", step: "description", round: 1, member: "alice")
        let message = ReviewScenario.signOffMessage(summary: "Description", review: "support-assistant", step: "description", round: 1)
        try scenario.repository.git(key.gitSigningArguments + ["tag", "-s", "-m", message, name],
                                    environment: key.environment.merging(Cast.alice.gitEnvironment) { $1 })
        let tag = try scenario.repository.revParse("refs/tags/\(name)")
        let anchor = ReviewScenario.anchorPath(review: "support-assistant", step: "description", round: 1, member: "alice")
        _ = try Self.commit(scenario, [anchor: try scenario.anchorText(tag)], key: key, message: "Sign off the description")

        let run = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        #expect(run.violations.isEmpty, "\(run.violations)")
        let signOff = try #require(run.report.state.signOffs.first)
        #expect(signOff.name.description == name)
        #expect(signOff.keyFingerprint == key.fingerprint)

        let stranger = try GPGKey(name: "Alice Martin", email: "alice@example.org")
        defer { stranger.stopAgent() }
        let forged = try Self.commit(scenario, ["reviews/support-assistant/system/architecture.md": "# Changed\n\nBy someone else.\n"],
                                     key: stranger, message: "Edit the architecture")
        let after = try Workspace(from: scenario.repository.url, needsWorkTree: false).runLedger()
        let violation = try #require(after.violations.first { $0.commit == forged })
        #expect(violation.rule.id == "commit.unknown-key")
        #expect(violation.message.contains("neither the author's nor a trusted committer's"))
    }
}
