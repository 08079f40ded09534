import CountersignCore
import Foundation
import TestSupport
import Testing

/// The 1-based line of the first line of `text` containing `needle`.
func line(of needle: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
}

/// One way to break the example policy: what to replace, the line that must be named, and the message.
struct PolicyBreak: CustomTestStringConvertible, Sendable {
    let name: String
    let replace: String
    let with: String
    /// The text of the line the error must name, after the replacement.
    let lineText: String
    let message: String
    var testDescription: String { name }
}

@Suite("policy checks")
struct PolicyReaderTests {
    static let breaks: [PolicyBreak] = [
        PolicyBreak(name: "a cycle", replace: "intake:          {role: security, requires: [description]}",
                    with: "intake:          {role: security, requires: [assessment]}",
                    lineText: "intake:", message: "the steps form a cycle: intake → assessment → intake"),
        PolicyBreak(name: "an unknown step in requires", replace: "requires: [intake]", with: "requires: [intak]",
                    lineText: "assessment:", message: "requires the unknown step \"intak\""),
        PolicyBreak(name: "a role with no members", replace: "dpo:          {members: [erin]", with: "dpo:          {members: []",
                    lineText: "dpo:          {", message: "role dpo has no members"),
        PolicyBreak(name: "an unknown member", replace: "members: [dana]", with: "members: [dana, zoe]",
                    lineText: "governance:   {", message: "unknown member \"zoe\""),
        PolicyBreak(name: "a bad id", replace: "  grace:\n", with: "  Grace:\n",
                    lineText: "  Grace:", message: "member id \"Grace\" is not valid"),
        PolicyBreak(name: "a step of an unknown role", replace: "{role: dpo,", with: "{role: privacy,",
                    lineText: "data-protection:", message: "unknown role \"privacy\""),
        PolicyBreak(name: "overlapping owns", replace: "owns: [\"dpo/**\"]", with: "owns: [\"dpo/**\", \"security/evidence/**\"]",
                    lineText: "dpo:          {", message: "roles security and dpo both own \"security/evidence/"),
        PolicyBreak(name: "a glob no role could own", replace: "owns: [\"authority/**\"]", with: "owns: [\"../authority/**\"]",
                    lineText: "authority:    {", message: "owns \"../authority/**\", which has an empty, \".\" or \"..\" folder"),
        PolicyBreak(name: "a glob in ledger", replace: "owns: [\"authority/**\"]", with: "owns: [\"ledger/**\"]",
                    lineText: "authority:    {", message: "lies in ledger/"),
        PolicyBreak(name: "a misspelt key", replace: "policy_owners: [frank]", with: "policy_owners: [frank]\npolicy_ownrs: [grace]",
                    lineText: "policy_ownrs", message: "unknown key \"policy_ownrs\" in the policy; did you mean \"policy_owners\"?"),
        PolicyBreak(name: "an unknown policy owner", replace: "policy_owners: [frank]", with: "policy_owners: [frankie]",
                    lineText: "policy_owners:", message: "policy_owners names the unknown member \"frankie\""),
        PolicyBreak(name: "a threshold above the role's size", replace: "threshold: 1", with: "threshold: 3",
                    lineText: "clearance:", message: "needs 3 signers but role authority has 2 member(s)"),
        PolicyBreak(name: "separation naming an unknown role", replace: "- [security, governance]", with: "- [security, legal]",
                    lineText: "- [security, legal]", message: "separation_of_duties names the unknown role \"legal\""),
        PolicyBreak(name: "a wrong type", replace: "require_signed_commits: true", with: "require_signed_commits: always",
                    lineText: "require_signed_commits", message: "require_signed_commits must be true or false, found \"always\""),
        PolicyBreak(name: "a duplicated key", replace: "policy_owners: [frank]", with: "policy_owners: [frank]\npolicy_owners: [grace]",
                    lineText: "policy_owners: [frank]", message: "appears twice in one mapping"),
        PolicyBreak(name: "malformed YAML", replace: "risk:\n  scale: 5", with: "risk:\n  scale: [5",
                    lineText: "threshold: 12", message: "YAML does not parse"),
        PolicyBreak(name: "an unknown when", replace: "when: personal_data", with: "when: biometrics",
                    lineText: "data-protection:", message: "use one of personal_data"),
        PolicyBreak(name: "a YAML 1.1 boolean", replace: "require_signed_commits: true", with: "require_signed_commits: yes",
                    lineText: "require_signed_commits", message: "require_signed_commits must be true or false, found \"yes\""),
        PolicyBreak(name: "a YAML anchor", replace: "policy_owners: [frank]", with: "policy_owners: &owners [frank]",
                    lineText: "policy_owners:", message: "YAML anchors (&name) are refused"),
        PolicyBreak(name: "a YAML alias", replace: "authority:    {members: [frank, grace]", with: "authority:    {members: *owners",
                    lineText: "authority:    {", message: "YAML aliases (*name) are refused"),
        PolicyBreak(name: "a YAML merge key", replace: "risk:\n  scale: 5", with: "risk:\n  <<: {scale: 5}",
                    lineText: "<<:", message: "YAML merge keys (<<) are refused"),
        PolicyBreak(name: "a risk threshold beyond the scale", replace: "threshold: 12", with: "threshold: 30",
                    lineText: "threshold: 30", message: "risk.threshold is 30"),
    ]

    @Test("each policy error names countersign.yaml, the line and the fix", arguments: breaks)
    func policyError(_ broken: PolicyBreak) throws {
        let original = Fixtures.policyYAML()
        #expect(original.contains(broken.replace), "the fixture must contain what the case replaces")
        let text = original.replacingOccurrences(of: broken.replace, with: broken.with)
        let error = try #require(PolicyReader.parse(text).failureValue)
        let expectedLine = try #require(line(of: broken.lineText, in: text))
        let match = error.violations.first { $0.message.contains(broken.message) }
        #expect(match != nil, "no violation says \(broken.message); got \(error.violations)")
        #expect(match?.rule == .policyInvalid)
        #expect(match?.path == "countersign.yaml")
        #expect(match?.line == expectedLine, "\(error.violations)")
    }

    @Test("the example policy is valid and orders steps by their requirements")
    func examplePolicy() throws {
        let policy = try PolicyReader.parse(Fixtures.policyYAML()).get()
        #expect(policy.steps.map(\.id) == ["description", "intake", "assessment", "risk-acceptance", "data-protection", "clearance"])
        #expect(policy.member(email: "ERIN@example.org")?.id == "erin")
        #expect(policy.owners(of: "security/evidence/a.pdf").map(\.id) == ["security"])
        #expect(policy.steps(covering: "system/context.yaml").map(\.id) == ["description"])
        #expect(policy.separates("security", "governance"))
        #expect(!policy.separates("security", "dpo"))
        #expect(policy.risk == RiskSettings(scale: 5, threshold: 12))
    }

    @Test("a member without a key is refused")
    func memberWithoutKey() throws {
        let members = Fixtures.membersYAML() + "  zoe:\n    name: Zoe\n    emails: [zoe@example.org]\n"
        let text = Fixtures.policyYAML(members: members)
        let error = try #require(PolicyReader.parse(text).failureValue)
        let violation = try #require(error.violations.first { $0.message.contains("member zoe has no key") })
        #expect(violation.line == line(of: "  zoe:", in: text))
    }

    @Test("an unparsable key line is refused with its line")
    func unparsableKey() throws {
        let members = Fixtures.membersYAML() + "  zoe:\n    name: Zoe\n    emails: [zoe@example.org]\n    keys:\n      - ssh-ed25519 AAAAnotbase64!!\n"
        let text = Fixtures.policyYAML(members: members)
        let error = try #require(PolicyReader.parse(text).failureValue)
        let violation = try #require(error.violations.first { $0.message.contains("the key of member zoe is not a usable OpenSSH public key") })
        #expect(violation.line == line(of: "AAAAnotbase64", in: text))
    }

    @Test("one key or one email under two members is refused: one person could count twice")
    func sharedKeyOrEmail() throws {
        let dana = Cast.dana
        let sharedKey = Fixtures.membersYAML() + "  zoe:\n    name: Zoe\n    emails: [zoe@example.org]\n    keys:\n      - \(dana.key.publicKeyLine)\n"
        var text = Fixtures.policyYAML(members: sharedKey)
        var error = try #require(PolicyReader.parse(text).failureValue)
        let zoeKeyLine = text.split(separator: "\n", omittingEmptySubsequences: false).lastIndex { $0.contains(dana.key.publicKeyLine) }.map { $0 + 1 }
        let keyViolation = try #require(error.violations.first { $0.message.contains("is listed under both dana and zoe") })
        #expect(keyViolation.message.contains("the key SHA256:"))
        #expect(keyViolation.line == zoeKeyLine)

        let sharedEmail = Fixtures.membersYAML() + "  zoe:\n    name: Zoe\n    emails: [Dana@example.org]\n    keys:\n      - \(try SSHKey().publicKeyLine)\n"
        text = Fixtures.policyYAML(members: sharedEmail)
        error = try #require(PolicyReader.parse(text).failureValue)
        let violation = try #require(error.violations.first { $0.message.contains("the email Dana@example.org is listed under both dana and zoe") })
        #expect(violation.line == line(of: "  zoe:", in: text))
    }

    @Test("a missing policy is unusable input, not a pass")
    func missingPolicy() throws {
        let folder = try TempDirectory()
        #expect(throws: InputError.self) { try PolicyReader.load(from: WorkingTreeSource(root: folder.url)) }
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
