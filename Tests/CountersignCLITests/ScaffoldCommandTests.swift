import Foundation
import TestSupport
import Testing

/// A repository with the example policy and the cast's identities.
func exampleRepository() throws -> TestRepository {
    let repo = try TestRepository(name: Cast.alice.name, email: Cast.alice.email)
    try repo.write("countersign.yaml", Fixtures.policyYAML())
    return repo
}

@Suite("init, new and validate on the command line")
struct ScaffoldCommandTests {
    @Test("new lays out the system owner's files and validate lists the gap codes as JSON")
    func newThenValidate() throws {
        let repo = try exampleRepository()
        let created = try Binary.run(["new", "support-assistant"], in: repo.url, environment: repo.environment)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("wrote reviews/support-assistant/review.yaml"))
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("reviews/support-assistant/security").path))
        #expect(try repo.read("reviews/support-assistant/review.yaml").contains("system-owner: [alice]"))

        let result = try Binary.run(["validate", "support-assistant", "--format", "json"], in: repo.url)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["ok"] as? Bool == false)
        let reviews = try #require(json["reviews"] as? [[String: Any]])
        #expect(reviews.first?["id"] as? String == "support-assistant")
        let gaps = try #require(reviews.first?["gaps"] as? [[String: Any]])
        let codes = Set(gaps.compactMap { $0["code"] as? String })
        #expect(codes.isSuperset(of: ["review.unassigned-role", "system.description-empty", "system.context-incomplete",
                                      "system.data-flows-missing", "security.no-threats", "authority.disposition-invalid"]))
        let first = try #require(gaps.first)
        #expect(Set(first.keys) == ["code", "step", "path", "line", "message"])
        #expect((json["violations"] as? [Any])?.isEmpty == true)
    }

    @Test("new --role lays out that role's folder once the review exists")
    func newRole() throws {
        let repo = try exampleRepository()
        try Binary.run(["new", "x"], in: repo.url, environment: repo.environment)
        let result = try Binary.run(["new", "x", "--role", "security"], in: repo.url, environment: repo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote reviews/x/security/threats.yaml"))
        let again = try Binary.run(["new", "x"], in: repo.url, environment: repo.environment)
        #expect(again.status == 2)
        #expect(again.stderr.contains("review x already exists"))
    }

    @Test("a complete review validates with exit 0")
    func completeReview() throws {
        let repo = try exampleRepository()
        try Fixtures.writeReview("support-assistant", under: repo.url)
        let result = try Binary.run(["validate"], in: repo.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("support-assistant: complete"))
    }

    @Test("a policy with a cycle exits 2 naming countersign.yaml:LINE and the cycle")
    func cycle() throws {
        let repo = try exampleRepository()
        let text = Fixtures.policyYAML().replacingOccurrences(of: "requires: [description]", with: "requires: [clearance]")
        try repo.write("countersign.yaml", text)
        let result = try Binary.run(["validate"], in: repo.url)
        #expect(result.status == 2)
        let expectedLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("intake:") }).advanced(by: 1)
        #expect(result.stderr.contains("countersign.yaml:\(expectedLine): the steps form a cycle: intake → clearance → risk-acceptance → assessment → intake"), "\(result.stderr)")

        let json = try Binary.run(["validate", "--format", "json"], in: repo.url)
        #expect(json.status == 2)
        #expect(json.stdout.contains("\"rule\" : \"policy.invalid\""))
    }

    @Test("init writes a policy for the git user and refuses to overwrite it")
    func initPolicy() throws {
        let repo = try TestRepository(name: "Alice Martin", email: "Alice.Martin@example.org")
        let key = Cast.alice.key
        try repo.git(["config", "user.signingkey", key.publicKeyPath])
        let result = try Binary.run(["init"], in: repo.url, environment: repo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try repo.read("countersign.yaml")
        #expect(text.contains("alice-martin:"))
        #expect(text.contains(key.publicKeyLine))
        #expect(try Binary.run(["validate"], in: repo.url).stdout.contains("no reviews yet"))
        let again = try Binary.run(["init"], in: repo.url, environment: repo.environment)
        #expect(again.status == 2)
        #expect(again.stderr.contains("countersign.yaml already exists"))
    }

    @Test("init protects the branch the repository is on and finds the usual key file when git names none")
    func initFindsBranchAndKey() throws {
        let repo = try TestRepository(name: "Bob Stone", email: "bob@example.org")
        try repo.git(["symbolic-ref", "HEAD", "refs/heads/master"])
        let home = try TempDirectory(prefix: "home")
        try FileManager.default.createDirectory(at: home.child(".ssh"), withIntermediateDirectories: true)
        try Data((Cast.bob.key.publicKeyLine + "\n").utf8).write(to: home.child(".ssh/id_ed25519.pub"))
        let result = try Binary.run(["init", "--no-hook"], in: repo.url, environment: repo.environment.merging(["HOME": home.path]) { $1 })
        #expect(result.status == 0, "\(result.stderr)")
        let text = try repo.read("countersign.yaml")
        #expect(text.contains("protected_branches: [master]"), "\(text)")
        #expect(text.contains(Cast.bob.key.publicKeyLine))
        #expect(result.stdout.contains("the sign-off log is the branch master"), "\(result.stdout)")
        #expect(result.stdout.contains("your key: ~/.ssh/id_ed25519.pub (no user.signingkey in git"), "\(result.stdout)")
        #expect(try Binary.run(["validate"], in: repo.url).stdout.contains("no reviews yet"))
    }

    @Test("init --key takes the key file it is given")
    func initWithKey() throws {
        let repo = try TestRepository(name: "Carol Diaz", email: "carol@example.org")
        let result = try Binary.run(["init", "--no-hook", "--key", Cast.carol.key.publicKeyPath], in: repo.url, environment: repo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.read("countersign.yaml").contains(Cast.carol.key.publicKeyLine))
        let other = try TestRepository(name: "Dana Kim", email: "dana@example.org")
        let missing = try Binary.run(["init", "--no-hook", "--key", "/nonexistent/key"], in: other.url, environment: other.environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the public key /nonexistent/key"), "\(missing.stderr)")
    }

    @Test("a copied binary still has its templates")
    func copiedBinary() throws {
        let folder = try TempDirectory()
        let copy = folder.child("countersign")
        try FileManager.default.copyItem(atPath: Binary.path, toPath: copy.path)
        let repo = try exampleRepository()
        let result = try Run.program([copy.path, "new", "moved"], in: repo.url, environment: repo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try repo.read("reviews/moved/system/context.yaml").contains("operational_consequence:"))
    }

    @Test("unusable input exits 2 with a message", arguments: [
        (["validate", "nope"], "no review \"nope\""),
        (["validate", "--format", "xml"], "--format"),
        (["frobnicate"], "frobnicate"),
        (["new", "Bad_Id"], "review id \"Bad_Id\" is not valid"),
        (["new", "x", "--role", "legal"], "the policy has no role \"legal\""),
    ])
    func unusable(_ row: ([String], String)) throws {
        let repo = try exampleRepository()
        let result = try Binary.run(row.0, in: repo.url, environment: repo.environment)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(row.1), "\(result.stderr)")
    }

    @Test("outside a repository, validate exits 2")
    func outsideRepository() throws {
        let folder = try TempDirectory()
        let result = try Binary.run(["validate"], in: folder.url, environment: ["GIT_CEILING_DIRECTORIES": folder.url.deletingLastPathComponent().path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not in a git repository"))
    }
}
