import Foundation
import TestSupport
import Testing

/// The project's own attack suite: forged, misordered and tampered histories built with real git
/// objects, each run against the installed hook over a real push (the server byte-identical after
/// a refusal), against `check` on the same range, and against `verify` on a clone of a server
/// without the hook (a forge that took the push).
@Suite("attacks: the hook, check and verify each refuse them")
struct AttackSuiteTests {
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

    static let attacks: [Attack] = [
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

    @Test("refused by the hook, check and verify", arguments: attacks)
    func refused(_ attack: Attack) throws {
        let template = try attack.base.template
        let server = try Server(copying: template, over: .file)
        let forge = try Server.forgeWithoutHooks(copying: template)
        let clone = try ReviewScenario.clone(from: template.bare)
        let knownTip = try clone.head()
        try clone.repository.git(["checkout", "-q", "-b", "feature"])
        let refspecs = try attack.make(clone)

        let before = try server.snapshot()
        let pushed = try server.push(from: clone, ["--force"] + refspecs)
        #expect(!pushed.succeeded, "the hook accepted it")
        let refused = Servers.rules(in: pushed.stderr)
        if attack.hook.isEmpty {
            #expect(pushed.stderr.contains("fsck") || pushed.stderr.contains("bad tree object"), "\(pushed.stderr)")
        }
        for rule in attack.hook {
            #expect(refused.contains(rule), "hook: \(pushed.stderr)")
        }
        #expect(try server.snapshot() == before, "the refused push changed the server")

        if let expected = attack.check {
            let check = try Binary.run(["check", "--target", "main", "feature", "--method", "ff", "--format", "json"],
                                       in: clone.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
            #expect(check.status == 1, "check: \(check.stdout)\(check.stderr)")
            let rules = try FindingsFormat.json.findings(in: check.stdout).map(\.rule)
            for rule in expected {
                #expect(rules.contains(rule), "check: \(check.stdout)")
            }
        }

        let landed = try clone.repository.tryGit(["push", "--force", forge.url] + refspecs)
        try #require(landed.succeeded, "the forge without hooks took it: \(landed.stderr)")
        let auditor = try TempDirectory(prefix: "auditor")
        let environment = ["GIT_CONFIG_GLOBAL": "/dev/null"]
        try Run.checked(["git", "-c", "fetch.fsckObjects=false", "-c", "transfer.fsckObjects=false", "clone", "-q", "--no-checkout", forge.url, auditor.path],
                        environment: environment)
        let verify = try Binary.run(["verify", "--known-tip", knownTip, "--format", "json"], in: auditor.url, environment: environment)
        let rules = try FindingsFormat.json.findings(in: verify.stdout).map(\.rule)
        if attack.verify.isEmpty {
            #expect(verify.status == 0, "offline this is the signer's claim: \(verify.stdout)\(verify.stderr)")
        } else {
            #expect(verify.status == 1, "verify: \(verify.stdout)\(verify.stderr)")
            for rule in attack.verify {
                #expect(rules.contains(rule), "verify: \(verify.stdout)")
            }
        }
    }

    @Test("a second protected branch starts at a commit of the log: an orphan or a side commit is refused")
    func newProtectedBranch() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        let policy = try clone.repository.read("countersign.yaml").replacingOccurrences(of: "protected_branches: [main]", with: "protected_branches: [main, release]")
        try clone.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Protect release")
        try #require(try server.push(from: clone, ["HEAD:refs/heads/main"]).succeeded)

        try clone.repository.git(["checkout", "-q", "--orphan", "orphan"])
        let own = policy.replacingOccurrences(of: "policy_owners: [frank]", with: "policy_owners: [dana]")
        try clone.repository.git(["rm", "-q", "-r", "--cached", "."])
        try clone.commit(as: Cast.dana, files: ["countersign.yaml": own], message: "A policy of my own")
        let before = try server.snapshot()
        let orphan = try server.push(from: clone, ["HEAD:refs/heads/release"])
        #expect(!orphan.succeeded)
        #expect(Servers.rules(in: orphan.stderr).contains("commit.foreign-root"), "\(orphan.stderr)")

        try clone.repository.git(["checkout", "-q", "-f", "main"])
        try clone.commit(as: Cast.alice, files: [:], message: "Not on main")
        let side = try server.push(from: clone, ["HEAD:refs/heads/release"])
        #expect(!side.succeeded)
        #expect(Servers.rules(in: side.stderr).contains("ref.non-fast-forward"), "\(side.stderr)")
        #expect(try server.snapshot() == before)

        #expect(try server.push(from: clone, ["HEAD~1:refs/heads/release"]).succeeded, "created at the log's tip")
    }

    @Test("a side branch whose own policy names itself neither protects itself nor unprotects main")
    func sideBranchCannotMoveTheLog() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        try clone.repository.git(["switch", "-q", "-c", "aaa"])
        let own = try clone.repository.read("countersign.yaml").replacingOccurrences(of: "protected_branches: [main]", with: "protected_branches: [aaa]")
        try clone.commit(as: Cast.alice, files: ["countersign.yaml": own], message: "My own log")
        try #require(try server.push(from: clone, ["HEAD:refs/heads/aaa"]).succeeded, "a side branch is only anchor-checked")
        try clone.commit(as: Cast.alice, files: [:], message: "More on my log")
        let rewound = try clone.repository.git(["rev-parse", "main~3"])
        let before = try server.snapshot()
        // In one push: aaa moves forward (its own policy names it the log) and main is rewound.
        let rewind = try server.push(from: clone, ["HEAD:refs/heads/aaa", "+\(rewound):refs/heads/main"])
        #expect(!rewind.succeeded)
        #expect(Servers.rules(in: rewind.stderr).contains("ref.non-fast-forward"), "\(rewind.stderr)")
        #expect(try server.snapshot() == before)
    }

    @Test("ordinary annotated tags, moved or on a tree, are judged without failing the hook")
    func ordinaryTags() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        try clone.repository.git(["tag", "-a", "-m", "release 1", "v1", "HEAD~1"], environment: Cast.frank.gitEnvironment)
        let first = try server.push(from: clone, ["refs/tags/v1"])
        #expect(first.succeeded, "\(first.stderr)")
        try clone.repository.git(["tag", "-f", "-a", "-m", "release 1, again", "v1", "HEAD"], environment: Cast.frank.gitEnvironment)
        let moved = try server.push(from: clone, ["--force", "refs/tags/v1"])
        #expect(moved.succeeded, "\(moved.stderr)")
        try clone.repository.git(["tag", "-a", "-m", "a tree", "tree-tag", "HEAD^{tree}"], environment: Cast.frank.gitEnvironment)
        let tree = try server.push(from: clone, ["refs/tags/tree-tag"])
        #expect(tree.succeeded, "\(tree.stderr)")
    }

    @Test("the installed hook runs the binary it was installed with, whatever COUNTERSIGN says")
    func environmentCannotSwapTheHook() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        try clone.writeReview(review, as: Cast.dana, files: ["security/evidence/notes.md": "dana's notes\n"])
        let before = try server.snapshot()
        let pushed = try clone.repository.tryGit(["push", server.url, "HEAD:refs/heads/main"], environment: ["COUNTERSIGN": "/bin/true"])
        #expect(!pushed.succeeded)
        #expect(Servers.rules(in: pushed.stderr).contains("commit.not-owner"), "\(pushed.stderr)")
        #expect(try server.snapshot() == before)
    }

    @Test("a sign-off the server has seen is not date-checked again when its merge lands later")
    func seenIsNotCheckedAgain() throws {
        let server = try Server(copying: try ServerTemplate.assessing.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        let hourAgo = "@\(Int(Date().timeIntervalSince1970) - 3600) +0000"
        let tag = try Self.assessmentTag(clone, date: hourAgo)
        try clone.anchor(tagObjectID: tag, name: (review, "assessment", 1, "bob"), as: Cast.bob)
        let late = try server.push(from: clone, ["HEAD:refs/heads/main"])
        #expect(!late.succeeded && Servers.rules(in: late.stderr).contains("signoff.tagger-date"), "\(late.stderr)")
        // As the post-receive hook records an arrival an hour ago, when the tag was first pushed.
        try server.repository.git(["update-ref", "refs/countersign/seen/\(tag)", "refs/heads/main"])
        let landed = try server.push(from: clone, ["HEAD:refs/heads/main"])
        #expect(landed.succeeded, "\(landed.stderr)")
    }

    @Test("the server's record of first arrivals cannot be pushed")
    func seenRefsArePrivate() throws {
        let server = try Server(copying: try ServerTemplate.assessing.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        let tag = try Self.assessmentTag(clone, date: Self.thirtyDaysAgo)
        let before = try server.snapshot()
        let pushed = try server.push(from: clone, ["\(tag):refs/countersign/seen/\(tag)"])
        #expect(!pushed.succeeded)
        #expect(Servers.rules(in: pushed.stderr).contains("ref.signoff-moved"), "\(pushed.stderr)")
        #expect(try server.snapshot() == before)
    }
}

/// Spec section 6 offline: a forge without hooks that rewrote its history is caught by the tip the
/// auditor's clone knew, the remote-tracking ref's value before the fetch.
@Suite("verify: a rewritten remote is caught by the reflog of its remote-tracking ref")
struct KnownTipTests {
    @Test("a fetch that rewinds origin/main makes verify fail; --known-tip does it by hand")
    func rewrittenRemote() throws {
        let forge = try Server.forgeWithoutHooks(copying: try ServerTemplate.signedOff.get())
        let environment = ["GIT_CONFIG_GLOBAL": "/dev/null"]
        let auditor = try TempDirectory(prefix: "auditor")
        try Run.checked(["git", "clone", "-q", forge.url, auditor.path], environment: environment)
        let first = try Binary.run(["verify"], in: auditor.url, environment: environment)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("root commit ") && first.stdout.contains("policy blob ") && first.stdout.contains("trusted on first use"), "\(first.stdout)")

        let known = try Run.checked(["git", "rev-parse", "HEAD"], in: auditor.url, environment: environment).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try forge.repository.git(["update-ref", "refs/heads/main", "refs/heads/main~1"])
        try Run.checked(["git", "fetch", "-q", "--force", "origin", "+refs/heads/main:refs/remotes/origin/main"], in: auditor.url, environment: environment)
        let second = try Binary.run(["verify"], in: auditor.url, environment: environment)
        #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("ref.non-fast-forward") && second.stdout.contains("from its reflog"), "\(second.stdout)")

        // One more ordinary fetch after the rewrite does not hide it.
        let writer = try ReviewScenario.clone(from: forge.repository)
        try writer.commit(as: Cast.alice, files: [:], message: "After the rewrite")
        try #require(try forge.push(from: writer, ["HEAD:refs/heads/main"]).succeeded)
        try Run.checked(["git", "fetch", "-q", "origin"], in: auditor.url, environment: environment)
        let third = try Binary.run(["verify"], in: auditor.url, environment: environment)
        #expect(third.status == 1 && third.stdout.contains("ref.non-fast-forward"), "\(third.stdout)")

        try Run.checked(["git", "reset", "-q", "--hard", "origin/main"], in: auditor.url, environment: environment)
        let byHand = try Binary.run(["verify", "--known-tip", known], in: auditor.url, environment: environment)
        #expect(byHand.status == 1 && byHand.stdout.contains("is not on the first-parent chain of main"), "\(byHand.stdout)")
    }

    @Test("a trust root the history lacks says so")
    func missingTrustRoot() throws {
        let clone = try ReviewScenario.clone(from: try ServerTemplate.signedOff.get().bare)
        let result = try Binary.run(["verify", "--trust-root", String(repeating: "ab", count: 20)], in: clone.repository.url,
                                    environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a commit of this repository's history"), "\(result.stderr)")
    }
}
