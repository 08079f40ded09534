import Foundation
import TestSupport
import Testing

/// `countersign sign` run as each person, with their own key in git's signing configuration.
@Suite("sign: the signed tag and its anchor commit")
struct SignCommandTests {
    /// Variables that make every git run of `person` sign with their SSH key, as their config would.
    static func signing(_ person: Person) -> [String: String] {
        person.gitEnvironment.merging([
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_CONFIG_COUNT": "2",
            "GIT_CONFIG_KEY_0": "gpg.format", "GIT_CONFIG_VALUE_0": "ssh",
            "GIT_CONFIG_KEY_1": "user.signingkey", "GIT_CONFIG_VALUE_1": person.key.privateKeyPath,
        ]) { $1 }
    }

    static func sign(_ scenario: ReviewScenario, _ person: Person, _ step: String, _ extra: [String] = []) throws -> RunResult {
        try Binary.run(["sign", "support-assistant", step, "--format", "json"] + extra, in: scenario.repository.url, environment: signing(person))
    }

    static func json(_ result: RunResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    /// A scenario whose review holds the system owner's and security's files, committed by them.
    static func described() throws -> ReviewScenario {
        let scenario = try ReviewScenario()
        try scenario.writeReview("support-assistant", as: Cast.alice,
                                 files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]))
        return scenario
    }

    @Test("sign makes a valid tag and anchor that verify accepts, with Requires written for the signer")
    func signsInOrder() throws {
        let scenario = try Self.described()
        let description = try Self.sign(scenario, Cast.alice, "description")
        #expect(description.status == 0, "\(description.stderr)")
        let made = try Self.json(description)
        #expect(made["tag"] as? String == "signoff/support-assistant/description/1/alice")
        #expect(made["anchor_path"] as? String == "reviews/support-assistant/ledger/description.1.alice")
        let tagObject = try #require(made["tag_object"] as? String)
        let anchor = "reviews/support-assistant/ledger/description.1.alice"
        #expect(try scenario.repository.read(anchor) == scenario.repository.git(["cat-file", "tag", tagObject]) + "\n")
        #expect(try scenario.repository.git(["hash-object", "-t", "tag", anchor]) == tagObject)
        #expect(try scenario.repository.git(["log", "-1", "--format=%ae %G?"]) .hasPrefix("alice@example.org "))

        let intake = try Self.sign(scenario, Cast.bob, "intake")
        #expect(intake.status == 0, "\(intake.stderr)")
        #expect(try Self.json(intake)["requires"] as? [String] == ["signoff/support-assistant/description/1/alice \(tagObject)"])
        let message = try scenario.repository.git(["cat-file", "tag", "signoff/support-assistant/intake/1/bob"])
        #expect(message.contains("Review: support-assistant\nStep: intake\nRound: 1\nRequires: signoff/support-assistant/description/1/alice \(tagObject)"))

        let verify = try Binary.run(["verify"], in: scenario.repository.url)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("2 anchored sign-offs (2 valid)"))
    }

    @Test("sign refuses a clearance before its prerequisites, naming who must sign first, and keeps nothing")
    func refusesOutOfOrder() throws {
        let scenario = try Self.described()
        try scenario.writeReview("support-assistant", as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
        let head = try scenario.head()
        let result = try Self.sign(scenario, Cast.frank, "clearance")
        #expect(result.status == 1)
        let reasons = try #require(try Self.json(result)["reasons"] as? [String])
        #expect(reasons.contains { $0.contains("step \"data-protection\" has no current sign-off; the DPO (erin) must sign it first") })
        #expect(reasons.contains { $0.contains("the AI governance lead (dana) must sign it first") })
        #expect(try scenario.head() == head)
        #expect(try scenario.repository.git(["tag", "--list", "signoff/*"]).isEmpty)
    }

    @Test("sign refuses a step with gap items and lists them with file and line")
    func refusesGaps() throws {
        let scenario = try ReviewScenario()
        var files = ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"])
        files["system/description.md"] = "# Support assistant\n"
        try scenario.writeReview("support-assistant", as: Cast.alice, files: files, message: "Describe, briefly")
        let result = try Self.sign(scenario, Cast.alice, "description")
        #expect(result.status == 1)
        let reasons = try #require(try Self.json(result)["reasons"] as? [String])
        #expect(reasons.contains { $0.contains("reviews/support-assistant/system/description.md: the system description is empty") && $0.contains("system.description-empty") })
        #expect(try scenario.repository.git(["tag", "--list", "signoff/*"]).isEmpty)
    }

    @Test("sign refuses someone who does not hold the step's role")
    func refusesNonMember() throws {
        let scenario = try Self.described()
        let result = try Self.sign(scenario, Cast.bob, "description")
        #expect(result.status == 1)
        let reasons = try #require(try Self.json(result)["reasons"] as? [String])
        #expect(reasons.contains { $0.contains("bob does not hold the role system-owner") })
        #expect(try scenario.repository.git(["tag", "--list", "signoff/*"]).isEmpty)
    }
}
