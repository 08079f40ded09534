import Foundation
import TestSupport
import Testing

/// Spec section 6: a pull request passes `check` when, and only when, its merge would pass the
/// server. Each case builds a pull request (a branch `feature` forked from `main`, and perhaps
/// commits that land on `main` meanwhile); then `check --target main feature` and the server's
/// verdict on the push of frank's signed merge commit must name the same rule ids.
@Suite("pull requests: check and the server agree on the merge")
struct PullRequestDifferentialTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let base: Breach.Base
        /// Rule ids both must name (each of them; they must agree on the rest too).
        let rules: [String]
        /// Builds the pull request in the team's clone, which is on `feature`; `main` moves only
        /// through `onMain`, which commits there and pushes `main` to the server.
        let make: @Sendable (_ team: ReviewScenario, _ onMain: (() throws -> Void) throws -> Void) throws -> Void

        var testDescription: String { label }
    }

    static var evidence: String { "security/evidence/late.md" }

    /// The policy at the clone's current commit with one edit.
    static func policy(_ team: ReviewScenario, replacing old: String, with new: String) throws -> [String: String?] {
        let before = try team.repository.read("countersign.yaml")
        let after = before.replacingOccurrences(of: old, with: new)
        try #require(after != before, "the policy edit changed nothing")
        return ["countersign.yaml": after]
    }

    /// frank swaps bob's key for a fresh one on main.
    static func rotateBobsKey(_ team: ReviewScenario) throws {
        let fresh = try SSHKey(.ed25519, comment: "bob@new-laptop")
        try team.commit(as: Cast.frank, files: policy(team, replacing: Cast.bob.key.publicKeyLine, with: fresh.publicKeyLine),
                        message: "bob's laptop was lost: his old key is removed")
    }

    /// frank removes bob from the security role on main.
    static func revokeBob(_ team: ReviewScenario) throws {
        try team.commit(as: Cast.frank, files: policy(team, replacing: "members: [bob, carol]", with: "members: [carol]"),
                        message: "bob leaves the security team")
    }

    /// bob's assessment on the branch: the tag on its head and the anchor commit.
    static func signAssessment(_ team: ReviewScenario) throws {
        let tag = try team.tag(review: review, step: "assessment", member: Cast.bob,
                               requires: [signOffTag("intake", "bob").requirement(in: team.repository)])
        try team.anchor(tagObjectID: tag, name: (review, "assessment", 1, "bob"), as: Cast.bob)
    }

    static let cases: [Case] = [
        Case(label: "a commit by a member who does not own the files", base: .assessing, rules: ["commit.not-owner"]) { team, _ in
            try team.writeReview(review, as: Cast.dana, files: [evidence: "dana's notes\n"])
        },
        Case(label: "a branch forked before its author lost the role", base: .assessing, rules: ["commit.not-owner"]) { team, onMain in
            try team.writeReview(review, as: Cast.bob, files: [evidence: "late evidence\n"])
            try onMain { try revokeBob(team) }
        },
        Case(label: "a branch forked before its author's key was removed", base: .assessing, rules: ["commit.unknown-key"]) { team, onMain in
            try team.writeReview(review, as: Cast.bob, files: [evidence: "late evidence\n"])
            try onMain { try rotateBobsKey(team) }
        },
        Case(label: "a sign-off out of order", base: .assessing, rules: ["signoff.out-of-order"]) { team, _ in
            let tag = try team.tag(review: review, step: "risk-acceptance", member: Cast.dana,
                                   requires: [signOffTag("intake", "bob").requirement(in: team.repository)])
            try team.anchor(tagObjectID: tag, name: (review, "risk-acceptance", 1, "dana"), as: Cast.dana)
        },
        Case(label: "a sign-off by a member who lost the role before the merge", base: .assessing,
             rules: ["signoff.not-authorized"]) { team, onMain in
            try signAssessment(team)
            try onMain { try revokeBob(team) }
        },
        Case(label: "a sign-off whose key was removed before the merge", base: .assessing,
             rules: ["signoff.unknown-key", "commit.unknown-key"]) { team, onMain in
            try signAssessment(team)
            try onMain { try rotateBobsKey(team) }
        },
        Case(label: "a sign-off made stale by a change that landed on main first", base: .assessing,
             rules: ["signoff.stale-at-acceptance"]) { team, onMain in
            try signAssessment(team)
            try onMain {
                let threats = try team.repository.read("reviews/\(review)/security/threats.yaml")
                try team.writeReview(review, as: Cast.bob, files: ["security/threats.yaml": threats.replacingOccurrences(of: "likelihood: 4", with: "likelihood: 5")])
            }
        },
        Case(label: "a merge inside the pull request by someone who is no member, with a change of its own", base: .assessing,
             rules: ["commit.identity-mismatch"]) { team, onMain in
            try team.writeReview(review, as: Cast.bob, files: [evidence: "late evidence\n"])
            try onMain { try team.commit(as: Cast.alice, files: [:], message: "A note on main") }
            let mallory = try Person.outsider(id: "mallory", name: "Mallory Grey")
            try team.repository.git(["merge", "-q", "--no-ff", "--no-commit", "main"], environment: mallory.gitEnvironment)
            try team.repository.write("reviews/\(review)/\(evidence)", "evidence, edited in the merge\n")
            try team.repository.git(["add", "reviews/\(review)/\(evidence)"])
            try team.repository.git(mallory.key.gitSigningArguments + ["commit", "-q", "-S", "-m", "Merge main"], environment: mallory.gitEnvironment)
        },
    ]

    @Test("check of the pull request and the push of its merge name the same rules", arguments: cases)
    func sameVerdict(_ breach: Case) throws {
        let server = try Server(copying: try breach.base.template, over: .file)
        defer { server.stop() }
        let team = try ReviewScenario.clone(from: server.repository)
        try team.repository.git(["switch", "-q", "-c", "feature"])
        try breach.make(team) { change in
            try team.repository.git(["switch", "-q", "main"])
            try change()
            let pushed = try server.push(from: team, ["refs/heads/main"])
            try #require(pushed.succeeded, "main: \(pushed.stderr)")
            try team.repository.git(["switch", "-q", "feature"])
        }

        let check = try Binary.run(["check", "--target", "main", "feature", "--format", "json"], in: team.repository.url,
                                   environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        let checked = Set(try FindingsFormat.json.findings(in: check.stdout).map(\.rule))

        try team.repository.git(["switch", "-q", "main"])
        try team.repository.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "--no-ff", "-S", "-m", "Merge feature", "feature"],
                                environment: Cast.frank.gitEnvironment)
        let before = try server.snapshot()
        let pushed = try server.push(from: team, ["refs/heads/main"])
        #expect(!pushed.succeeded)
        let refused = Set(Servers.rules(in: pushed.stderr))
        #expect(refused == checked, "server:\n\(pushed.stderr)\ncheck:\n\(check.stdout)")
        for rule in breach.rules {
            #expect(refused.contains(rule), "\(pushed.stderr)")
        }
        #expect(try server.snapshot() == before)
    }
}
