import Foundation
import Testing
import TestSupport

/// Checks, with the git command line alone, that `ReviewScenario` builds what spec sections 2, 3 and 5 describe.
@Suite struct ReviewScenarioTests {
    let review = "support-assistant"

    @Test func lifecycleTagsAreSignedByTheirMembersAndVerify() throws {
        let scenario = try ReviewScenario()
        let life = try scenario.runLifecycle()
        let git = try GitCheck(scenario.repository)

        let names = try scenario.repository.git(["tag", "--list", "signoff/*"]).split(separator: "\n").map(String.init)
        #expect(Set(names) == Set(life.signOffs.map(\.name)))
        #expect(names.count == 6)

        for signOff in life.signOffs {
            let verdict = try git.verifyTag(signOff.name)
            #expect(verdict.succeeded, "\(signOff.name): \(verdict.stderr)")
            #expect(verdict.stderr.contains("Good \"git\" signature for \(signOff.member)@example.org"), "\(verdict.stderr)")

            #expect(try scenario.repository.git(["cat-file", "-t", signOff.tag]) == "tag")
            #expect(try scenario.repository.revParse("refs/tags/\(signOff.name)") == signOff.tag)
            #expect(try scenario.repository.revParse("\(signOff.tag)^{commit}") == signOff.target)

            let headers = try git.tagHeaders(signOff.tag)
            #expect(headers["object"] == signOff.target)
            #expect(headers["type"] == "commit")
            #expect(headers["tag"] == signOff.name)
            let person = Cast.person(signOff.member)
            #expect(headers["tagger"]?.hasPrefix("\(person.name) <\(person.email)> ") == true, "\(headers)")
        }
    }

    @Test func lifecycleTagsTargetTheContentTheyVouchFor() throws {
        let scenario = try ReviewScenario()
        let life = try scenario.runLifecycle()

        #expect(life.description.target == life.systemContent)
        #expect(life.intake.target == life.description.anchor)
        #expect(life.assessment.target == life.securityContent)
        #expect(life.riskAcceptance.target == life.governanceContent)
        #expect(life.dataProtection.target == life.dpoContent)
        #expect(life.clearance.target == life.authorityContent)
        #expect(life["clearance"] == life.clearance)
        #expect(life.signOffs.map(\.member) == ["alice", "bob", "bob", "dana", "erin", "frank"])

        // Each content commit touches only its role's files and is authored by that role's assignee.
        let owners: [(commit: String, member: String, prefixes: [String])] = [
            (life.systemContent, "alice", ["review.yaml", "system/", "status/"]),
            (life.securityContent, "bob", ["security/"]),
            (life.governanceContent, "dana", ["governance/"]),
            (life.dpoContent, "erin", ["dpo/"]),
            (life.authorityContent, "frank", ["authority/"]),
        ]
        for (commit, member, prefixes) in owners {
            let paths = try scenario.repository.git(["diff-tree", "-r", "--no-commit-id", "--name-only", commit])
                .split(separator: "\n").map { String($0.dropFirst("reviews/\(review)/".count)) }
            let expected = Fixtures.completeReview.keys.filter { path in prefixes.contains { path == $0 || path.hasPrefix($0) } }
            #expect(Set(paths) == Set(expected), "\(member)")
            #expect(try scenario.repository.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", commit])
                == "\(Cast.person(member).name) <\(member)@example.org>|\(Cast.person(member).name) <\(member)@example.org>")
        }

        // At the end, the review folder holds the complete example and one anchor per sign-off.
        let tree = try scenario.repository.git(["ls-tree", "-r", "--name-only", "main", "reviews/\(review)/"])
        let expected = Fixtures.completeReview.keys.map { "reviews/\(review)/\($0)" } + life.signOffs.map(\.anchorPath)
        #expect(Set(tree.split(separator: "\n").map(String.init)) == Set(expected))
        for (path, text) in Fixtures.completeReview {
            let blob = try scenario.repository.tryGit(["cat-file", "blob", "main:reviews/\(review)/\(path)"]).stdout
            #expect(blob == (text.hasSuffix("\n") ? text : text + "\n"), "\(path)")
        }
    }

    @Test func tagMessagesCarryTheExactTrailers() throws {
        let scenario = try ReviewScenario()
        let life = try scenario.runLifecycle()
        let git = try GitCheck(scenario.repository)
        let prefix = "signoff/\(review)"

        let expected: [(SignOffIDs, String)] = [
            (life.description, "Description for \(review)\n\nReview: \(review)\nStep: description\nRound: 1\n"),
            (life.intake, "Intake for \(review)\n\nReview: \(review)\nStep: intake\nRound: 1\n"
                + "Requires: \(prefix)/description/1/alice \(life.description.tag)\n"),
            (life.assessment, "Assessment for \(review)\n\nReview: \(review)\nStep: assessment\nRound: 1\n"
                + "Requires: \(prefix)/intake/1/bob \(life.intake.tag)\n"),
            (life.riskAcceptance, "Risk acceptance for \(review)\n\nReview: \(review)\nStep: risk-acceptance\nRound: 1\n"
                + "Requires: \(prefix)/assessment/1/bob \(life.assessment.tag)\n"),
            (life.dataProtection, "Data protection for \(review)\n\nReview: \(review)\nStep: data-protection\nRound: 1\n"
                + "Requires: \(prefix)/assessment/1/bob \(life.assessment.tag)\n"),
            (life.clearance, "Clearance for \(review)\n\nReview: \(review)\nStep: clearance\nRound: 1\n"
                + "Requires: \(prefix)/risk-acceptance/1/dana \(life.riskAcceptance.tag)\n"
                + "Requires: \(prefix)/data-protection/1/erin \(life.dataProtection.tag)\n"
                + "Decision: cleared-with-conditions\n"),
        ]
        for (signOff, message) in expected {
            #expect(try git.tagMessage(signOff.tag) == message, "\(signOff.name)")
        }

        // git's own trailer parser reads the message's last paragraph as the trailer block. (It is fed
        // the message without the signature: `for-each-ref --format=%(trailers)` finds none in a
        // signed tag, because the signature follows the last trailer without a blank line.)
        let message = try git.tagMessage(life.clearance.tag)
        let trailers = try scenario.repository.git(["interpret-trailers", "--parse"], input: Data(message.utf8))
        #expect(trailers == """
            Review: \(review)
            Step: clearance
            Round: 1
            Requires: \(prefix)/risk-acceptance/1/dana \(life.riskAcceptance.tag)
            Requires: \(prefix)/data-protection/1/erin \(life.dataProtection.tag)
            Decision: cleared-with-conditions
            """)
    }

    @Test func anchorsHoldTheTagObjectIDs() throws {
        let scenario = try ReviewScenario()
        let life = try scenario.runLifecycle()

        for signOff in life.signOffs {
            #expect(signOff.anchorPath == "reviews/\(review)/ledger/\(signOff.step).1.\(signOff.member)")
            let blob = try scenario.repository.tryGit(["cat-file", "blob", "\(signOff.anchor):\(signOff.anchorPath)"])
            #expect(blob.stdout == (try scenario.anchorText(signOff.tag)))
            #expect(try scenario.repository.git(["diff-tree", "-r", "--no-commit-id", "--name-status", signOff.anchor])
                == "A\t\(signOff.anchorPath)")
            #expect(try scenario.repository.git(["log", "-1", "--format=%ae %ce", signOff.anchor])
                == "\(signOff.member)@example.org \(signOff.member)@example.org")
            // The anchored id is a tag object, not the commit it points at.
            #expect(try scenario.repository.git(["cat-file", "-t", signOff.tag]) == "tag")
            #expect(signOff.tag != signOff.target)
        }
    }

    @Test func commitsAreSignedByTheirAuthorsAndTheHistoryIsLinear() throws {
        let scenario = try ReviewScenario()
        let life = try scenario.runLifecycle()
        let git = try GitCheck(scenario.repository)

        // The root adds only the policy, authored and signed by frank.
        #expect(try scenario.repository.git(["rev-list", "--max-parents=0", "main"]) == scenario.root)
        #expect(try scenario.repository.git(["ls-tree", "--name-only", scenario.root]) == "countersign.yaml")
        #expect(try scenario.repository.tryGit(["cat-file", "blob", "\(scenario.root):countersign.yaml"]).stdout
            == Fixtures.policyYAML())
        #expect(try scenario.repository.git(["log", "-1", "--format=%ae", scenario.root]) == "frank@example.org")

        // main's first-parent history is the root and the lifecycle's 11 commits, in order.
        #expect(try scenario.repository.git(["rev-list", "--first-parent", "--count", "main"]) == "12")
        let history = try scenario.repository.git(["rev-list", "--first-parent", "--reverse", "main"])
        #expect(history.split(separator: "\n").map(String.init) == [scenario.root] + life.commits)
        #expect(try scenario.repository.git(["rev-list", "--merges", "--count", "main"]) == "0")

        for commit in [scenario.root] + life.commits {
            let verdict = try git.verifyCommit(commit)
            #expect(verdict.succeeded, "\(commit): \(verdict.stderr)")
            // %GS is the principal the allowed-signers file gives the key: the author's own email.
            let fields = try scenario.repository.git(["-c", "gpg.ssh.allowedSignersFile=\(git.allowedSigners)",
                                                      "log", "-1", "--format=%G?|%GS|%ae|%ce", commit])
            let parts = fields.split(separator: "|").map(String.init)
            #expect(parts.count == 4 && parts[0] == "G" && parts[1] == parts[2] && parts[2] == parts[3], "\(fields)")
        }
    }

    @Test func forgedAndUnsignedCommitsFailVerification() throws {
        let scenario = try ReviewScenario()
        let git = try GitCheck(scenario.repository)
        let stranger = try SSHKey(.ed25519, comment: "stranger")

        let forged = try scenario.writeReview(review, as: Cast.alice, files: ["status/controls.yaml": "controls: {}\n"],
                                              signingKey: stranger)
        #expect(!(try git.verifyCommit(forged)).succeeded)
        #expect(try scenario.repository.git(["log", "-1", "--format=%ae", forged]) == "alice@example.org")

        // Another member's key verifies for git, which names that member, not the author.
        let borrowed = try scenario.writeReview(review, as: Cast.alice, files: ["status/controls.yaml": "controls: {C-1: verified}\n"],
                                                signingKey: Cast.bob.key)
        #expect(try git.verifyCommit(borrowed).succeeded)
        #expect(try scenario.repository.git(["-c", "gpg.ssh.allowedSignersFile=\(git.allowedSigners)",
                                             "log", "-1", "--format=%GS %ae", borrowed]) == "bob@example.org alice@example.org")

        let unsigned = try scenario.writeReview(review, as: Cast.alice, files: ["status/controls.yaml": nil], sign: false)
        #expect(!(try git.verifyCommit(unsigned)).succeeded)
        #expect(try scenario.repository.git(["log", "-1", "--format=%G?", unsigned]) == "N")
        #expect(try scenario.repository.git(["ls-tree", "-r", "--name-only", unsigned]) == "countersign.yaml")
    }

    @Test func tagVariantsForMalformedAndForgedSignOffs() throws {
        let scenario = try ReviewScenario()
        let git = try GitCheck(scenario.repository)
        let target = try scenario.commit(as: Cast.alice, files: ["reviews/\(review)/system/description.md": "# x\n"],
                                         message: "Describe")

        // A stranger's key, a fixed tagger date, requirements given as raw pairs.
        let stranger = try SSHKey(.ed25519, comment: "stranger")
        let forged = try scenario.tag(review: review, step: "description", member: Cast.alice,
                                      requires: [(name: "signoff/x/y/1/z", objectID: String(repeating: "a", count: 40))],
                                      signingKey: stranger, taggerDate: "@1700000000 +0000")
        #expect(!(try git.verifyTag(forged)).succeeded)
        #expect(try git.tagHeaders(forged)["tagger"] == "Alice Martin <alice@example.org> 1700000000 +0000")
        #expect(try git.tagMessage(forged).contains("\nRequires: signoff/x/y/1/z \(String(repeating: "a", count: 40))\n"))

        // An unsigned annotated tag has no signature to verify.
        let unsigned = try scenario.tag(review: review, step: "description", round: 2, member: Cast.alice, sign: false)
        #expect(!(try git.verifyTag(unsigned)).succeeded)
        #expect(try scenario.repository.git(["cat-file", "tag", unsigned]).contains("SIGNATURE") == false)

        // A raw message is kept verbatim (no cleanup), and still signed.
        let raw = "Odd\n\n# not a comment here\nReview: \(review)\nStep: description\nRound: 01"
        let malformed = try scenario.rawTag(name: "signoff/\(review)/description/01/alice", message: raw, as: Cast.alice)
        #expect(try git.verifyTag(malformed).succeeded)
        #expect(try git.tagMessage(malformed) == raw + "\n")
        #expect(try git.tagHeaders(malformed)["tag"] == "signoff/\(review)/description/01/alice")

        // A tag may point at another tag.
        let nested = try scenario.rawTag(name: "signoff/\(review)/description/3/alice", message: "Nested\n",
                                         as: Cast.alice, target: forged)
        #expect(try git.tagHeaders(nested)["type"] == "tag")

        // A tag without its anchor yet, its requirement given from an earlier sign-off.
        let first = try scenario.signOff(review: review, step: "description", as: Cast.alice, round: 5)
        let unanchored = try scenario.tag(review: review, step: "intake", round: 2, member: Cast.bob,
                                          requires: [first.requirement])
        #expect(try git.verifyTag(unanchored).succeeded)
        #expect(try git.tagMessage(unanchored).hasSuffix("Requires: \(first.name) \(first.tag)\n"))
        #expect(try git.tagHeaders(unanchored)["object"] == first.anchor)
        #expect(try scenario.head() == first.anchor)

        // A lightweight tag is a ref to the commit itself.
        let light = try scenario.lightweightTag(name: "signoff/\(review)/description/4/alice")
        #expect(light == first.anchor)
        #expect(try scenario.repository.git(["cat-file", "-t", "refs/tags/signoff/\(review)/description/4/alice"]) == "commit")

        // Requirements given by tag name resolve to the tag object id.
        let named = try scenario.signOff(review: review, step: "intake", as: Cast.bob,
                                         requires: ["signoff/\(review)/description/01/alice"])
        #expect(try git.tagMessage(named.tag).hasSuffix("Requires: signoff/\(review)/description/01/alice \(malformed)\n"))
        #expect(named.target == first.anchor)
        #expect(try scenario.repository.git(["rev-list", "--count", "\(target)..\(named.anchor)"]) == "2")
        #expect(try scenario.head() == named.anchor)
    }

    @Test func pushToABareRemoteAndBuildOnAClone() throws {
        let scenario = try ReviewScenario()
        let remote = try ReviewScenario.makeBareRemote()
        #expect(try remote.git(["rev-parse", "--is-bare-repository"]) == "true")

        let life = try scenario.runLifecycle()
        let pushed = try scenario.push(to: remote)
        #expect(pushed.succeeded, "\(pushed.stderr)")
        #expect(try remote.revParse("refs/heads/main") == life.clearance.anchor)
        for signOff in life.signOffs {
            #expect(try remote.revParse("refs/tags/\(signOff.name)") == signOff.tag)
        }

        let clone = try ReviewScenario.clone(from: remote)
        #expect(clone.root == scenario.root)
        #expect(try clone.head() == life.clearance.anchor)
        #expect(try clone.repository.revParse("refs/tags/\(life.clearance.name)") == life.clearance.tag)

        let second = try clone.signOff(review: review, step: "clearance", as: Cast.grace, round: 2,
                                       requires: [life.riskAcceptance.name, life.dataProtection.name],
                                       decision: "cleared-with-conditions")
        let again = try clone.push(to: remote, as: Cast.grace)
        #expect(again.succeeded, "\(again.stderr)")
        #expect(try remote.revParse("refs/heads/main") == second.anchor)
        #expect(try remote.revParse("refs/tags/\(second.name)") == second.tag)

        // A refused push is reported, not thrown: rewinding main is not a fast-forward.
        let rewind = try clone.push(to: remote, refspecs: ["\(scenario.root):refs/heads/main"])
        #expect(!rewind.succeeded)
    }
}

/// Runs git's own verifiers with an allowed-signers file made from the cast.
private struct GitCheck {
    let repository: TestRepository
    let folder: TempDirectory
    let allowedSigners: String

    init(_ repository: TestRepository) throws {
        self.repository = repository
        folder = try TempDirectory(prefix: "allowed")
        allowedSigners = folder.child("allowed_signers").path
        try Cast.allowedSigners().write(toFile: allowedSigners, atomically: true, encoding: .utf8)
    }

    func verifyCommit(_ commit: String) throws -> RunResult {
        try repository.tryGit(["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners)", "verify-commit", commit])
    }

    func verifyTag(_ tag: String) throws -> RunResult {
        try repository.tryGit(["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners)", "verify-tag", tag])
    }

    /// The raw tag object as `git cat-file tag` prints it.
    func rawTag(_ id: String) throws -> String {
        let result = try repository.tryGit(["cat-file", "tag", id])
        try #require(result.succeeded, "git cat-file tag \(id): \(result.stderr)")
        return result.stdout
    }

    /// The header lines of a tag object, by name.
    func tagHeaders(_ id: String) throws -> [String: String] {
        let head = try rawTag(id).components(separatedBy: "\n\n")[0]
        var headers: [String: String] = [:]
        for line in head.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            headers[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return headers
    }

    /// The message of a tag object: after the headers, before the signature.
    func tagMessage(_ id: String) throws -> String {
        let raw = try rawTag(id)
        guard let start = raw.range(of: "\n\n") else { return "" }
        let body = raw[start.upperBound...]
        guard let signature = body.range(of: "-----BEGIN SSH SIGNATURE-----") else { return String(body) }
        return String(body[..<signature.lowerBound])
    }
}
