import Foundation
import TestSupport
import Testing

/// The project's own attack suite: forged, misordered and tampered histories built with real git
/// objects, each run against the installed hook over a real push (the server byte-identical after
/// a refusal), against `check` on the same range, and against `verify` on a clone of a server
/// without the hook (a forge that took the push).
@Suite("attacks: the hook, check and verify each refuse them")
struct AttackSuiteTests {
    @Test("refused by the hook, check and verify", arguments: Attack.all)
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
        let tag = try Attack.assessmentTag(clone, date: hourAgo)
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
        let tag = try Attack.assessmentTag(clone, date: Attack.thirtyDaysAgo)
        let before = try server.snapshot()
        let pushed = try server.push(from: clone, ["\(tag):refs/countersign/seen/\(tag)"])
        #expect(!pushed.succeeded)
        #expect(Servers.rules(in: pushed.stderr).contains("ref.signoff-moved"), "\(pushed.stderr)")
        #expect(try server.snapshot() == before)
    }
}
