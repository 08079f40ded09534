import Foundation
import TestSupport
import Testing

/// The local hook that `countersign hooks install` writes into a clone, run by real `git commit`s.
@Suite("pre-commit: the hook installed in a clone")
struct PreCommitTests {
    /// A clone of the signed-off review with the pre-commit hook installed.
    func cloneWithHook() throws -> ReviewScenario {
        let clone = try ReviewScenario.clone(from: try ServerTemplate.signedOff.get().bare)
        try Run.checked([Binary.path, "hooks", "install"], in: clone.repository.url, environment: clone.repository.environment)
        return clone
    }

    /// Writes `files` (nil deletes), stages them and runs `git commit` as `person`, unsigned (the hook
    /// cannot see a signature anyway).
    func commit(_ clone: ReviewScenario, as person: Person, files: [String: String?]) throws -> RunResult {
        for (path, text) in files {
            if let text { try clone.repository.write(path, text) } else { try clone.repository.remove(path) }
        }
        try clone.repository.git(["add", "-A"])
        return try clone.repository.tryGit(["commit", "-q", "-m", "Change"], environment: person.gitEnvironment)
    }

    static let rejected: [(String, String, [String: String?], String)] = [
        ("a non-owner", "dana", ["reviews/\(review)/security/evidence/notes.md": "dana's notes\n"], "commit.not-owner"),
        ("a non-owner changing an assignment", "dana", ["reviews/\(review)/review.yaml": Fixtures.completeReview["review.yaml"]!
            .replacingOccurrences(of: "security: [bob]", with: "security: [carol]") + "\n"], "commit.not-owner"),
        ("a policy change by a non-owner", "alice", ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "threshold: 12", with: "threshold: 20")],
         "policy.unauthorized-change"),
        ("a deleted anchor", "alice", [ReviewScenario.anchorPath(review: review, step: "description", round: 1, member: "alice"): nil],
         "signoff.anchor-changed"),
    ]

    @Test("git commit is stopped, naming the rule, and HEAD stays", arguments: rejected)
    func stopped(_ label: String, by person: String, files: [String: String?], rule: String) throws {
        let clone = try cloneWithHook()
        let head = try clone.head()
        let result = try commit(clone, as: Cast.person(person), files: files)
        #expect(result.status != 0, "\(label) was committed")
        #expect(Servers.rules(in: result.stderr).contains(rule), "\(result.stderr)")
        #expect(result.stderr.contains("commit rejected"), "\(result.stderr)")
        #expect(try clone.head() == head)
    }

    @Test("the owner commits a file no sign-off covers without a warning")
    func ownerCommits() throws {
        let clone = try cloneWithHook()
        let head = try clone.head()
        let result = try commit(clone, as: Cast.alice, files: ["reviews/\(review)/status/controls.yaml": "controls:\n  C-1: verified\n"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(try clone.repository.revParse("HEAD~1") == head)
    }

    @Test("an owner editing a covered file after sign-off is told which sign-offs will need a new round")
    func staleWarning() throws {
        let clone = try cloneWithHook()
        let head = try clone.head()
        let path = "reviews/\(review)/security/threats.yaml"
        let result = try commit(clone, as: Cast.bob, files: [path: try clone.repository.read(path) + "# reviewed again\n"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try clone.repository.revParse("HEAD~1") == head)
        #expect(result.stderr.contains("warning (commit.makes-stale): reviews/\(review): this edits security/threats.yaml of \(review): assessment (bob), risk-acceptance (dana), data-protection (erin) and clearance (frank) will need a new round"),
                "\(result.stderr)")
    }

    @Test("the author given by --author is the one judged")
    func authorOption() throws {
        let clone = try cloneWithHook()
        let head = try clone.head()
        try clone.repository.write("reviews/\(review)/security/evidence/notes.md", "notes\n")
        try clone.repository.git(["add", "-A"])
        let dana = Cast.dana
        let asDana = try clone.repository.tryGit(["commit", "-q", "-m", "Notes", "--author", "\(dana.name) <\(dana.email)>"],
                                                 environment: Cast.bob.gitEnvironment)
        #expect(asDana.status != 0)
        #expect(Servers.rules(in: asDana.stderr).contains("commit.not-owner"), "\(asDana.stderr)")
        #expect(try clone.head() == head)
        let bob = Cast.bob
        let asBob = try clone.repository.tryGit(["commit", "-q", "-m", "Notes", "--author", "\(bob.name) <\(bob.email)>"],
                                                environment: dana.gitEnvironment)
        #expect(asBob.status == 0, "\(asBob.stderr)")
    }

    @Test("git commit <path> is judged by what it commits, not by everything staged")
    func partialCommit() throws {
        let clone = try cloneWithHook()
        let own = "reviews/\(review)/governance/notes.md"
        try clone.repository.write("reviews/\(review)/security/evidence/notes.md", "dana's notes\n")
        try clone.repository.write(own, "dana's governance notes\n")
        try clone.repository.git(["add", "-A"])
        let result = try clone.repository.tryGit(["commit", "-q", "-m", "Notes", "--", own], environment: Cast.dana.gitEnvironment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try clone.repository.git(["show", "--name-only", "--format=", "HEAD"]) == own)
    }

    @Test("concluding a merge is not judged as the merger's own change")
    func mergeCommit() throws {
        let clone = try cloneWithHook()
        try clone.repository.git(["checkout", "-q", "-b", "bob-work"])
        try clone.writeReview(review, as: Cast.bob, files: ["security/evidence/notes.md": "bob's notes\n"])
        try clone.repository.git(["checkout", "-q", "main"])
        try clone.writeReview(review, as: Cast.alice, files: ["status/controls.yaml": "controls:\n  C-1: verified\n"])
        try clone.repository.git(["merge", "-q", "--no-ff", "--no-commit", "bob-work"], environment: Cast.alice.gitEnvironment)
        let result = try clone.repository.tryGit(["commit", "-q", "--no-edit"], environment: Cast.alice.gitEnvironment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try clone.repository.git(["rev-list", "--parents", "-n", "1", "HEAD"]).split(separator: " ").count == 3)

        // What the merger changes beyond what the merge brings in is still the merger's own change.
        try clone.repository.git(["reset", "-q", "--hard", "HEAD~1"])
        try clone.repository.git(["merge", "-q", "--no-ff", "--no-commit", "bob-work"], environment: Cast.alice.gitEnvironment)
        try clone.repository.write("reviews/\(review)/security/evidence/notes.md", "alice's version\n")
        try clone.repository.git(["add", "-A"])
        let evil = try clone.repository.tryGit(["commit", "-q", "--no-edit"], environment: Cast.alice.gitEnvironment)
        #expect(evil.status != 0)
        #expect(Servers.rules(in: evil.stderr).contains("commit.not-owner"), "\(evil.stderr)")
    }

    @Test("with no policy in force yet, the first valid policy may be committed, an invalid one is stopped")
    func firstPolicy() throws {
        let repository = try TestRepository(name: Cast.frank.name, email: Cast.frank.email)
        repository.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        try Run.checked([Binary.path, "hooks", "install"], in: repository.url, environment: repository.environment)
        try repository.write("countersign.yaml", Fixtures.policyYAML().replacingOccurrences(of: "requires: [description]", with: "requires: [nosuch]"))
        try repository.git(["add", "-A"])
        let invalid = try repository.tryGit(["commit", "-q", "-m", "Adopt"])
        #expect(invalid.status != 0)
        #expect(Servers.rules(in: invalid.stderr).contains("policy.invalid"), "\(invalid.stderr)")

        try repository.write("countersign.yaml", Fixtures.policyYAML())
        try repository.git(["add", "-A"])
        let valid = try repository.tryGit(["commit", "-q", "-m", "Adopt"])
        #expect(valid.status == 0, "\(valid.stderr)")
    }
}
