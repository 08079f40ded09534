import CountersignCore
import Foundation
import Testing
import TestSupport

/// One commit on top of the completed lifecycle that breaks a rule of spec section 6; `make`
/// returns the id of the commit the violation must name.
struct CommitCase: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let rule: String
    let fragments: [String]
    /// The other rules the same commit breaks, if any.
    var also: [String] = []
    var path: String?
    let make: @Sendable (ReviewScenario) throws -> String

    static let controls = "status/controls.yaml"
    static let verified = "controls:\n  C-1: verified\n"

    /// Commits what is staged as `person`, signed.
    static func commitStaged(_ scenario: ReviewScenario, as person: Person, message: String) throws -> String {
        try scenario.commit(as: person, files: [:], message: message)
    }

    static let cases: [CommitCase] = [
        CommitCase(testDescription: "a non-owner edits security/threats.yaml", rule: "commit.not-owner",
                   fragments: ["by alice changes \(Example.path("security/threats.yaml")), owned by security; alice is not assigned to security in this review (only bob may change it)"],
                   path: Example.path("security/threats.yaml")) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: ["security/threats.yaml": Example.changedThreats])
        },
        CommitCase(testDescription: "an assignment changed by someone not allowed", rule: "commit.not-owner",
                   fragments: ["changes who is assigned to security, which only a member of security or a policy owner may do"],
                   path: Example.path("review.yaml")) { scenario in
            let manifest = (Fixtures.completeReview["review.yaml"] ?? "").replacingOccurrences(of: "security: [bob]", with: "security: [carol]") + "\n"
            return try scenario.writeReview(Example.review, as: Cast.alice, files: ["review.yaml": manifest])
        },
        CommitCase(testDescription: "a file no role owns", rule: "commit.not-owner",
                   fragments: ["changes \(Example.path("notes.txt")), which no role owns; move it under a role's folder"],
                   path: Example.path("notes.txt")) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: ["notes.txt": "to do\n"])
        },
        CommitCase(testDescription: "an anchor added by someone other than its member", rule: "commit.not-owner",
                   fragments: ["adds the anchor of erin's sign-off, but only erin may add it (authored as frank)"], also: ["signoff.round"],
                   path: ReviewScenario.anchorPath(review: Example.review, step: "data-protection", round: 2, member: "erin")) { scenario in
            let life = ReviewScenario.completedLifecycle.lifecycle
            let id = try scenario.tag("data-protection", round: 2, by: Cast.erin, requires: [life.assessment])
            return try scenario.anchor(id, step: "data-protection", round: 2, member: Cast.erin, by: Cast.frank)
        },
        CommitCase(testDescription: "a merge whose own change edits a file its author does not own", rule: "commit.not-owner",
                   fragments: ["by alice changes \(Example.path("security/threats.yaml")), owned by security"],
                   path: Example.path("security/threats.yaml")) { scenario in
            let git = scenario.repository
            try git.git(["checkout", "-q", "-b", "side"])
            try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats])
            try git.git(["checkout", "-q", "main"])
            try scenario.writeReview(Example.review, as: Cast.alice, files: [controls: verified])
            try git.git(["merge", "-q", "--no-ff", "--no-commit", "side"], environment: Cast.alice.gitEnvironment)
            let resolved = Example.changedThreats.replacingOccurrences(of: "and attachments", with: "and uploads")
            return try scenario.writeReview(Example.review, as: Cast.alice, files: ["security/threats.yaml": resolved], message: "Merge side")
        },
        CommitCase(testDescription: "an unsigned commit", rule: "commit.unsigned",
                   fragments: ["is not signed; sign it with `git commit -S` (the policy requires signed commits)"]) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: [controls: verified], sign: false)
        },
        CommitCase(testDescription: "a commit altered after signing", rule: "commit.bad-signature",
                   fragments: ["does not verify"]) { scenario in
            let signed = try scenario.writeReview(Example.review, as: Cast.alice, files: [controls: verified], message: "C-1 verified")
            let object = SignedObject.split(try scenario.rawObject(signed, type: "commit"), kind: .commit)
            let text = String(decoding: object.payload, as: UTF8.self).replacingOccurrences(of: "C-1 verified", with: "C-1 verified by the red team")
            let forged = try scenario.writeObject(object.replacing(payload: Data(text.utf8)).joined(), type: "commit")
            try scenario.setRef("refs/heads/main", to: forged)
            return forged
        },
        CommitCase(testDescription: "a commit signed with another member's key", rule: "commit.unknown-key",
                   fragments: ["is signed with bob's key SHA256:", "but authored as alice@example.org; sign your own commits"]) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: [controls: verified], signingKey: Cast.bob.key)
        },
        CommitCase(testDescription: "a commit signed with a key outside the policy", rule: "commit.unknown-key",
                   fragments: ["which is neither the author's key nor a trusted committer's"]) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: [controls: verified], signingKey: try SSHKey(.ed25519, comment: "stranger"))
        },
        CommitCase(testDescription: "an author email that is no member's", rule: "commit.identity-mismatch",
                   fragments: ["is authored by alice@home.example, which is no member's email; commit with the email listed for you in countersign.yaml"],
                   also: ["commit.unknown-key", "commit.not-owner"]) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice.with(email: "alice@home.example"), files: [controls: verified])
        },
        CommitCase(testDescription: "a symlink under reviews/", rule: "commit.bad-path",
                   fragments: ["adds \(Example.path("system/overview.md")) as a symlink; only regular files are allowed under reviews/"],
                   path: Example.path("system/overview.md")) { scenario in
            let link = scenario.repository.url.appendingPathComponent(Example.path("system/overview.md"))
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "description.md")
            try scenario.repository.git(["add", "--", Example.path("system/overview.md")])
            return try commitStaged(scenario, as: Cast.alice, message: "Link the overview")
        },
        CommitCase(testDescription: "an executable file under reviews/", rule: "commit.bad-path",
                   fragments: ["adds \(Example.path("system/setup.sh")) as an executable file; only regular files are allowed under reviews/"],
                   path: Example.path("system/setup.sh")) { scenario in
            try scenario.repository.write(Example.path("system/setup.sh"), "#!/bin/sh\necho set up\n")
            try scenario.repository.git(["add", "--chmod=+x", "--", Example.path("system/setup.sh")])
            return try commitStaged(scenario, as: Cast.alice, message: "Add the setup script")
        },
        CommitCase(testDescription: "a submodule under reviews/", rule: "commit.bad-path",
                   fragments: ["adds \(Example.path("system/vendor")) as a submodule; only regular files are allowed under reviews/"],
                   path: Example.path("system/vendor")) { scenario in
            try scenario.repository.git(["update-index", "--add", "--cacheinfo", "160000,\(scenario.root),\(Example.path("system/vendor"))"])
            return try commitStaged(scenario, as: Cast.alice, message: "Vendor a submodule")
        },
        CommitCase(testDescription: "two paths that differ only by case", rule: "commit.bad-path",
                   fragments: ["\(Example.path("system/notes.md")) and \(Example.path("system/NOTES.md")) differ only by case or Unicode normalisation"],
                   path: Example.path("system/notes.md")) { scenario in
            try scenario.writeReview(Example.review, as: Cast.alice, files: ["system/NOTES.md": "a\n", "system/notes.md": "b\n"])
        },
        CommitCase(testDescription: "two paths that differ only by Unicode normalisation", rule: "commit.bad-path",
                   fragments: ["differ only by case or Unicode normalisation; they collide on some systems, so rename one"]) { scenario in
            // Swift compares strings by canonical equivalence, so the two names go to git one by one.
            for (name, text) in [("caf\u{E9}.md", "a\n"), ("cafe\u{301}.md", "b\n")] {
                try scenario.repository.write(Example.path("system/\(name)"), text)
                try scenario.repository.git(["--literal-pathspecs", "add", "--", Example.path("system/\(name)")])
            }
            #expect(try scenario.repository.git(["ls-files", "-z", "--", Example.path("system")]).split(separator: "\0").count == 7)
            return try commitStaged(scenario, as: Cast.alice, message: "Notes about the cafe")
        },
        CommitCase(testDescription: "a merge bringing in an unrelated history", rule: "commit.foreign-root",
                   fragments: ["a second root commit; the protected branch has one root"]) { scenario in
            try scenario.repository.git(["checkout", "-q", "--orphan", "vendor"])
            try scenario.repository.git(["rm", "-r", "-q", "-f", "."])
            let foreign = try scenario.commit(as: Cast.alice, files: ["vendor/README.md": "notes\n"], message: "Vendor notes")
            try scenario.repository.git(["checkout", "-q", "main"])
            try scenario.repository.git(["merge", "-q", "--no-ff", "--allow-unrelated-histories", "-m", "Merge vendor notes", "vendor"],
                                        environment: Cast.frank.gitEnvironment)
            return foreign
        },
        CommitCase(testDescription: "a non-owner edits countersign.yaml", rule: "policy.unauthorized-change",
                   fragments: ["changes countersign.yaml but alice is not a policy owner; ask frank to make the change"],
                   path: "countersign.yaml") { scenario in
            try scenario.commit(as: Cast.alice, files: ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "threshold: 12", with: "threshold: 16")],
                                message: "Raise the threshold")
        },
        CommitCase(testDescription: "a policy owner's unsigned policy change", rule: "policy.unauthorized-change",
                   fragments: ["changes countersign.yaml without a valid signature by its author's own key; policy changes must be signed by a policy owner (frank) with their own key"],
                   also: ["commit.unsigned"], path: "countersign.yaml") { scenario in
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "threshold: 12", with: "threshold: 16")],
                                message: "Raise the threshold", sign: false)
        },
        CommitCase(testDescription: "a policy change that breaks the policy", rule: "policy.invalid",
                   fragments: ["makes the policy invalid:", "assurance"], path: "countersign.yaml") { scenario in
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Fixtures.policyYAML().replacingOccurrences(of: "requires: [description]", with: "requires: [assurance]")],
                                message: "Intake needs assurance")
        },
        CommitCase(testDescription: "deleting the policy", rule: "policy.invalid",
                   fragments: ["deletes countersign.yaml; the policy can be changed but never removed"], path: "countersign.yaml") { scenario in
            let deletion = try scenario.commit(as: Cast.frank, files: ["countersign.yaml": nil], message: "Drop the policy")
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Fixtures.policyYAML()], message: "Restore the policy")
            return deletion
        },
        CommitCase(testDescription: "a policy re-added after a deletion by a non-owner", rule: "policy.unauthorized-change",
                   fragments: ["changes countersign.yaml but alice is not a policy owner; ask frank to make the change"],
                   also: ["policy.invalid"], path: "countersign.yaml") { scenario in
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": nil], message: "Drop the policy")
            let takeover = Fixtures.policyYAML().replacingOccurrences(of: "policy_owners: [frank]", with: "policy_owners: [alice]")
            return try scenario.commit(as: Cast.alice, files: ["countersign.yaml": takeover], message: "A policy of my own")
        },
        CommitCase(testDescription: "a review file with a misspelt key", rule: "schema.invalid",
                   fragments: ["unknown key \"personal_dat\"", "did you mean \"personal_data\"?"],
                   path: Example.path("system/context.yaml")) { scenario in
            let context = (Fixtures.completeReview["system/context.yaml"] ?? "").replacingOccurrences(of: "personal_data:", with: "personal_dat:") + "\n"
            return try scenario.writeReview(Example.review, as: Cast.alice, files: ["system/context.yaml": context])
        },
    ]
}

/// The commit rules of spec section 6, as `verify` sees them over the protected branch's history.
@Suite("Ledger: commit rules")
struct LedgerCommitRuleTests {
    @Test("a commit breaking a rule is a violation naming the commit, with what to do", arguments: CommitCase.cases)
    func rejected(_ broken: CommitCase) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let commit = try broken.make(scenario)
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, broken.rule, broken.fragments, alone: broken.also.isEmpty)
        #expect(Set(run.rules) == Set([broken.rule] + broken.also))
        #expect(violation?.commit == commit)
        #expect(violation?.ref == "refs/heads/main")
        if let path = broken.path { #expect(violation?.path == path) }
    }

    @Test("a policy violation names the line of countersign.yaml")
    func policyLine() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let text = Fixtures.policyYAML().replacingOccurrences(of: "requires: [description]", with: "requires: [assurance]")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": text], message: "Intake needs assurance")
        let run = try scenario.ledger()
        let violation = try #require(run.violations.first { $0.rule.id == "policy.invalid" })
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("intake:") }) + 1
        #expect(violation.line == line)
    }

    @Test("--trust-root pins the root: the real root verifies, another commit is a foreign root", arguments: [false, true])
    func trustRoot(pinOther: Bool) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let pinned = pinOther ? life.systemContent : scenario.root
        let run = try scenario.ledger(trustRoot: pinned)
        if pinOther {
            let violation = expectViolation(run.violations, "commit.foreign-root",
                                            ["the history of main starts at \(scenario.root.prefix(10)), not at the pinned root \(life.systemContent.prefix(10))"])
            #expect(violation?.commit == scenario.root)
        } else {
            expectClean(run)
        }
    }

    enum Revocation: String, CaseIterable, Sendable { case none, key, role }

    @Test("a branch forked before a revocation is judged by the policy at the merge's first parent", arguments: Revocation.allCases)
    func mergeAfterRevocation(_ revocation: Revocation) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let git = scenario.repository
        try git.git(["checkout", "-q", "-b", "side"])
        let onSide = try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats],
                                              message: "Sharpen T-1")
        try git.git(["checkout", "-q", "main"])
        switch revocation {
        case .none:
            try scenario.writeReview(Example.review, as: Cast.alice, files: [CommitCase.controls: CommitCase.verified])
        case .key:
            let policy = Example.policy(rotating: Cast.bob, to: try SSHKey(.ed25519, comment: "bob@new-laptop"))
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Revoke bob's old key")
        case .role:
            let policy = Fixtures.policyYAML().replacingOccurrences(of: "security:     {members: [bob, carol]", with: "security:     {members: [carol]")
            try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Bob leaves the security team")
        }
        try git.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "-S", "--no-ff", "-m", "Merge side", "side"], environment: Cast.frank.gitEnvironment)
        let run = try scenario.ledger()
        switch revocation {
        case .none:
            expectClean(run)
        case .key:
            let violation = expectViolation(run.violations, "commit.unknown-key",
                                            ["commit \(onSide.prefix(10)) is signed with", "which is neither the author's key nor a trusted committer's"])
            #expect(violation?.commit == onSide)
        case .role:
            let violation = expectViolation(run.violations, "commit.not-owner",
                                            ["commit \(onSide.prefix(10)) by bob changes \(Example.path("security/threats.yaml")), owned by security",
                                             "bob is not a member of security in countersign.yaml any more, though still assigned to it in this review"])
            #expect(violation?.commit == onSide)
        }
    }
}
