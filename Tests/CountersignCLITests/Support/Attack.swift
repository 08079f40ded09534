import Foundation
import TestSupport
import Testing

/// One attack of the suite: how it is built with real git objects in a clone of a template
/// server, and the rule ids the hook, `check` and `verify` must name for it.
struct Attack: Sendable, CustomTestStringConvertible {
    let label: String
    let base: Breach.Base
    /// Rule ids the hook must name; empty when git's own object checks (`receive.fsckObjects`)
    /// refuse the push before the hook runs.
    let hook: [String]
    /// Rule ids `check --target main feature --method ff` must name; nil when the attack is no
    /// range (a ref, a tag, a date only the server's clock sees).
    let check: [String]?
    /// Rule ids `verify --known-tip <old main>` on a clone must name; empty when offline the
    /// attack is only a claim (spec section 5, "Time") and `verify` accepts it.
    let verify: [String]
    /// Builds the attack in the clone, on branch `feature`; returns what to push.
    let make: @Sendable (ReviewScenario) throws -> [String]

    var testDescription: String { label }
}

extension Attack {

    static let branch = "HEAD:refs/heads/main"
    static var thirtyDaysAgo: String { "@\(Int(Date().timeIntervalSince1970) - 30 * 86_400) +0000" }

    /// bob's assessment tag (on the assessing template), dated `date` when given.
    static func assessmentTag(_ clone: ReviewScenario, date: String? = nil) throws -> String {
        try clone.tag(review: review, step: "assessment", member: Cast.bob,
                      requires: [signOffTag("intake", "bob").requirement(in: clone.repository)], taggerDate: date)
    }

    /// The disposition of the example with another decision and gaps.
    static func disposition(_ decision: String, gaps: String = "[]") -> String {
        "decision: \(decision)\nrationale: the residual risk needs another look\nconditions: []\ngaps: \(gaps)\n"
    }

    /// The nested-alias key bomb: 549 bytes that held a hook for more than 45 s before anchors were refused.
    static var bomb: String {
        var text = "? &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n: x\n"
        for level in 1..<7 {
            text += "? &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n: x\n"
        }
        return text
    }

    static let all: [Attack] = [
        Attack(label: "1. a merge whose first parent is a side branch re-bases the log", base: .signedOff,
               hook: ["ref.non-fast-forward"], check: ["ref.non-fast-forward"], verify: ["ref.non-fast-forward"]) { clone in
            try clone.repository.git(["reset", "-q", "--hard", "HEAD~1"])
            try clone.writeReview(review, as: Cast.bob, files: ["security/evidence/side.md": "from the side\n"])
            try clone.repository.git(Cast.bob.key.gitSigningArguments + ["merge", "-q", "--no-ff", "-S", "-m", "Merge main", "main"],
                                     environment: Cast.bob.gitEnvironment)
            return [branch]
        },
        Attack(label: "2. a sign-off tag dated 30 days ago under refs/tags/carrier", base: .assessing,
               hook: ["signoff.tagger-date"], check: nil, verify: []) { clone in
            let tag = try assessmentTag(clone, date: thirtyDaysAgo)
            return ["\(tag):refs/tags/carrier"]
        },
        Attack(label: "2. a sign-off tag dated 30 days ago under refs/x/carrier", base: .assessing,
               hook: ["signoff.tagger-date"], check: nil, verify: []) { clone in
            let tag = try assessmentTag(clone, date: thirtyDaysAgo)
            return ["\(tag):refs/x/carrier"]
        },
        Attack(label: "2. a sign-off dated 30 days ago, anchored on a branch that is not protected", base: .assessing,
               hook: ["signoff.tagger-date"], check: nil, verify: []) { clone in
            let tag = try assessmentTag(clone, date: thirtyDaysAgo)
            try clone.anchor(tagObjectID: tag, name: (review, "assessment", 1, "bob"), as: Cast.bob)
            return ["HEAD:refs/heads/work"]
        },
        Attack(label: "2. a key past its valid_before signs a backdated commit", base: .assessing,
               hook: ["commit.unknown-key"], check: nil, verify: []) { clone in
            let line = Cast.bob.key.publicKeyLine
            let yesterday = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            let policy = try clone.repository.read("countersign.yaml")
                .replacingOccurrences(of: "- \(line)", with: "- key: \(line)\n        valid_before: \(yesterday)")
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "bob's key expires")
            let twoDaysAgo = "@\(Int(Date().timeIntervalSince1970) - 2 * 86_400) +0000"
            try clone.repository.write("reviews/\(review)/security/evidence/late.md", "late\n")
            try clone.repository.git(["add", "reviews/\(review)/security/evidence/late.md"])
            try clone.repository.git(Cast.bob.key.gitSigningArguments + ["commit", "-q", "-S", "-m", "Late evidence"],
                                     environment: Cast.bob.gitEnvironment.merging(["GIT_COMMITTER_DATE": twoDaysAgo, "GIT_AUTHOR_DATE": twoDaysAgo]) { $1 })
            return [branch]
        },
        Attack(label: "3. after a returned clearance, a clearance round naming the old rounds", base: .signedOff,
               hook: ["signoff.out-of-order"], check: ["signoff.out-of-order"], verify: ["signoff.out-of-order"]) { clone in
            let requires: [any SignOffReference] = [signOffTag("risk-acceptance", "dana"), signOffTag("data-protection", "erin")]
            try clone.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": disposition("returned", gaps: "[{step: assessment, item: T-2 needs a control}]")])
            try clone.signOff(review: review, step: "clearance", as: Cast.frank, round: 2, requires: requires, decision: "returned")
            try clone.writeReview(review, as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
            try clone.signOff(review: review, step: "clearance", as: Cast.frank, round: 3, requires: requires, decision: "cleared-with-conditions")
            return [branch]
        },
        Attack(label: "3. after a rejected clearance, a cleared round", base: .signedOff,
               hook: ["signoff.not-applicable"], check: ["signoff.not-applicable"], verify: ["signoff.not-applicable"]) { clone in
            let requires: [any SignOffReference] = [signOffTag("risk-acceptance", "dana"), signOffTag("data-protection", "erin")]
            try clone.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": disposition("rejected")])
            try clone.signOff(review: review, step: "clearance", as: Cast.frank, round: 2, requires: requires, decision: "rejected")
            try clone.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": disposition("cleared")])
            try clone.signOff(review: review, step: "clearance", as: Cast.frank, round: 3, requires: requires, decision: "cleared")
            return [branch]
        },
        Attack(label: "4. main removed from protected_branches by the policy owner", base: .signedOff,
               hook: ["policy.invalid"], check: ["policy.invalid"], verify: ["policy.invalid"]) { clone in
            let policy = try clone.repository.read("countersign.yaml").replacingOccurrences(of: "protected_branches: [main]", with: "protected_branches: [release]")
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Protect release instead")
            return [branch]
        },
        Attack(label: "5. review.yaml deleted and re-created with other assignees in one push", base: .assessing,
               hook: ["commit.not-owner"], check: ["commit.not-owner"], verify: ["commit.not-owner"]) { clone in
            let manifest = try clone.repository.read("reviews/\(review)/review.yaml").replacingOccurrences(of: "security: [bob]", with: "security: [carol]")
            try clone.writeReview(review, as: Cast.alice, files: ["review.yaml": nil], message: "Start over")
            try clone.writeReview(review, as: Cast.alice, files: ["review.yaml": manifest], message: "Describe again")
            return [branch]
        },
        Attack(label: "6. ledger/README added by a member with no role", base: .signedOff,
               hook: ["signoff.malformed"], check: ["signoff.malformed"], verify: ["signoff.malformed"]) { clone in
            try clone.writeReview(review, as: Cast.dana, files: ["ledger/README": "notes\n"])
            return [branch]
        },
        Attack(label: "6. a folder in ledger/ with an anchor's name", base: .signedOff,
               hook: ["signoff.malformed"], check: ["signoff.malformed"], verify: ["signoff.malformed"]) { clone in
            try clone.writeReview(review, as: Cast.dana, files: ["ledger/clearance.2.frank/x": "blocks round 2\n"])
            return [branch]
        },
        Attack(label: "7. a .. entry under reviews/, built with git mktree", base: .signedOff,
               hook: [], check: ["commit.bad-path"], verify: ["commit.bad-path"]) { clone in
            try clone.commitForgedEntry("..", text: "forged\n", in: "reviews/\(review)/security", as: Cast.bob, message: "Evidence")
            return [branch]
        },
        Attack(label: "8. a 549-byte alias bomb in threats.yaml", base: .signedOff,
               hook: ["schema.invalid"], check: ["schema.invalid"], verify: ["schema.invalid"]) { clone in
            try clone.writeReview(review, as: Cast.bob, files: ["security/threats.yaml": bomb])
            return [branch]
        },
        Attack(label: "8. an alias bomb in countersign.yaml by the policy owner", base: .signedOff,
               hook: ["policy.invalid"], check: ["policy.invalid"], verify: ["policy.invalid"]) { clone in
            let policy = try clone.repository.read("countersign.yaml") + "\nextra:\n" + bomb.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n") + "\n"
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Tune the policy")
            return [branch]
        },
        Attack(label: "9. a threshold-2 prerequisite named twice by one co-signer's tag", base: .assessing,
               hook: ["signoff.out-of-order"], check: ["signoff.out-of-order"], verify: ["signoff.out-of-order"]) { clone in
            let policy = try clone.repository.read("countersign.yaml").replacingOccurrences(of: "requires: [intake], covers: [\"security/**\"]}",
                                                                                      with: "requires: [intake], covers: [\"security/**\"], threshold: 2}")
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Two assessors")
            let manifest = try clone.repository.read("reviews/\(review)/review.yaml").replacingOccurrences(of: "security: [bob]", with: "security: [bob, carol]")
            try clone.writeReview(review, as: Cast.frank, files: ["review.yaml": manifest], message: "carol co-assesses")
            let intake: [any SignOffReference] = [signOffTag("intake", "bob")]
            let bob = try clone.signOff(review: review, step: "assessment", as: Cast.bob, requires: intake)
            try clone.signOff(review: review, step: "assessment", as: Cast.carol, requires: intake)
            try clone.writeReview(review, as: Cast.dana, files: ReviewScenario.completeReviewFiles(["governance/"]))
            try clone.signOff(review: review, step: "risk-acceptance", as: Cast.dana, requires: [bob, bob])
            return [branch]
        },
        Attack(label: "10. the same content signed again opens no round", base: .signedOff,
               hook: ["signoff.round"], check: ["signoff.round"], verify: ["signoff.round"]) { clone in
            try clone.signOff(review: review, step: "assessment", as: Cast.bob, round: 2, requires: [signOffTag("intake", "bob")])
            return [branch]
        },
        Attack(label: "10. an assignment made in the commit that anchors the sign-off", base: .assessing,
               hook: ["signoff.not-authorized"], check: ["signoff.not-authorized"], verify: ["signoff.not-authorized"]) { clone in
            let tag = try clone.tag(review: review, step: "assessment", member: Cast.carol,
                                    requires: [signOffTag("intake", "bob").requirement(in: clone.repository)])
            let manifest = try clone.repository.read("reviews/\(review)/review.yaml").replacingOccurrences(of: "security: [bob]", with: "security: [bob, carol]")
            try clone.repository.write("reviews/\(review)/review.yaml", manifest)
            try clone.repository.git(["add", "reviews/\(review)/review.yaml"])
            try clone.anchor(tagObjectID: tag, name: (review, "assessment", 1, "carol"), as: Cast.carol)
            return [branch]
        },
        Attack(label: "10. a policy change signed by a trusted committer", base: .signedOff,
               hook: ["policy.unauthorized-change"], check: ["policy.unauthorized-change"], verify: ["policy.unauthorized-change"]) { clone in
            let forge = try SSHKey(.ed25519, comment: "forge")
            let policy = try clone.repository.read("countersign.yaml") + "\n" + Fixtures.trustedCommitter(forge)
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Trust the forge")
            let raised = policy.replacingOccurrences(of: "threshold: 12", with: "threshold: 15")
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": raised], message: "Merged through the forge", signingKey: forge)
            return [branch]
        },
    ]
}
