import CountersignCore
import Foundation
import Testing
import TestSupport

/// One way to spoil an anchor's bytes, and what `signoff.malformed` must say about it.
struct AnchorCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let fragments: [String]
    /// The spoiled bytes, from the proper tag object of `clearance/2/frank` and the lifecycle's first clearance.
    let spoil: @Sendable (_ proper: Data, _ firstClearance: Data, _ commit: Data) -> Data

    static let all: [AnchorCase] = [
        AnchorCase(testDescription: "a commit object instead of a tag", fragments: ["its headers are tree, parent"]) { _, _, commit in commit },
        AnchorCase(testDescription: "another sign-off's tag", fragments: ["the tag object's name is \"\(Example.tag("clearance", 1, "frank"))\""]) { _, first, _ in first },
        AnchorCase(testDescription: "a tag pointing at a tag", fragments: ["the tag points at a tag, not directly at a commit"]) { proper, _, _ in
            Data(String(decoding: proper, as: UTF8.self).replacingOccurrences(of: "\ntype commit\n", with: "\ntype tag\n").utf8)
        },
        AnchorCase(testDescription: "a truncated tag", fragments: ["truncated"]) { proper, _, _ in proper.prefix(proper.count - 40) },
        AnchorCase(testDescription: "CRLF line ends", fragments: ["CR line ends"]) { proper, _, _ in
            Data(String(decoding: proper, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        },
        AnchorCase(testDescription: "bytes after the signature", fragments: ["does not end with -----END SSH SIGNATURE-----"]) { proper, _, _ in
            proper + Data("and one more line\n".utf8)
        },
        AnchorCase(testDescription: "more than 64 KiB", fragments: ["an anchor holds one tag object of at most 64 KiB"]) { proper, _, _ in
            proper + Data(repeating: UInt8(ascii: "x"), count: 70_000)
        },
        AnchorCase(testDescription: "one line with the tag's id (the old format)", fragments: ["no blank line after the headers"]) { proper, _, _ in
            Data("0123456789abcdef0123456789abcdef01234567\n".utf8)
        },
    ]
}

/// Anchors hold the signed tag object itself (spec section 5): whatever else a file in `ledger/`
/// holds is `signoff.malformed`, with the file and what is wrong.
@Suite("Ledger: anchors")
struct LedgerAnchorTests {
    @Test("a spoiled anchor is malformed, names its file and says what is wrong", arguments: AnchorCase.all)
    func spoiled(_ spoiled: AnchorCase) throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let proper = try scenario.rawObject(TagCase.proper(scenario, life), type: "tag")
        let bytes = spoiled.spoil(proper, try scenario.rawObject(life.clearance.tag, type: "tag"), try scenario.rawObject(scenario.head(), type: "commit"))
        let anchor = try scenario.anchor(content: bytes, name: (Example.review, "clearance", 2, "frank"), as: Cast.frank)
        let run = try scenario.ledger()
        let violation = expectViolation(run.violations, "signoff.malformed", [Example.tag("clearance", 2, "frank"), "the anchor reviews/support-assistant/ledger/clearance.2.frank"] + spoiled.fragments)
        #expect(violation?.commit == anchor)
        #expect(violation?.path == ReviewScenario.anchorPath(review: Example.review, step: "clearance", round: 2, member: "frank"))
        #expect(try run.status().state == .clearedWithConditions)
    }

    @Test("the anchor's object id is the tag's: git hash-object agrees, and a repository without the tag verifies it")
    func anchorIsTheTag() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        for signOff in life.signOffs {
            let path = ReviewScenario.anchorPath(review: signOff.review, step: signOff.step, round: signOff.round, member: signOff.member)
            #expect(try scenario.repository.git(["hash-object", "-t", "tag", path]) == signOff.tag)
            try scenario.repository.git(["tag", "-d", "signoff/\(signOff.review)/\(signOff.step)/\(signOff.round)/\(signOff.member)"])
        }
        try scenario.repository.git(["reflog", "expire", "--expire=now", "--all"])
        try scenario.repository.git(["gc", "-q", "--prune=now"])
        #expect(try scenario.repository.tryGit(["cat-file", "-e", life.clearance.tag]).status != 0)
        let run = try scenario.ledger()
        expectClean(run)
        #expect(run.report.state.signOffs.count == life.signOffs.count)
        #expect(try run.status().state == .clearedWithConditions)
    }
}

/// Tag refs are optional copies of the anchors (spec section 5).
@Suite("Ledger: tag refs")
struct LedgerTagRefTests {
    @Test("a tag ref moved to another signed tag is a notice; the anchored sign-off still counts")
    func refMismatch() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        try scenario.repository.git(["tag", "-d", life.clearance.name])
        try scenario.tag("clearance", by: Cast.frank, target: life.dpoContent, requires: [life.riskAcceptance, life.dataProtection],
                         decision: "cleared-with-conditions")
        let run = try scenario.ledger()
        expectClean(run)
        let notice = run.notices.first { $0.rule.id == "signoff.ref-mismatch" }
        #expect(notice?.description.contains("notice (signoff.ref-mismatch): \(life.clearance.name): the tag ref points at") == true, "\(run.notices)")
        #expect(notice?.message.contains("not at the anchored tag \(life.clearance.tag.prefix(10))") == true)
        #expect(try run.status().state == .clearedWithConditions)
    }
}

/// `verify --rev R` answers as of R (spec section 5): the log replayed up to R, nothing anchored
/// later judged against it.
@Suite("Ledger: as of a revision")
struct LedgerAsOfTests {
    @Test("verify --rev at every first-parent commit of a history with a key rotation is clean")
    func everyCommitAfterRotation() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let rotated = try SSHKey(.ed25519, comment: "dana@new-laptop")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": Example.policy(rotating: Cast.dana, to: rotated)],
                            message: "Rotate dana's key")
        let dana = Cast.dana.with(key: rotated)
        let triggers = "reviews/\(Example.review)/governance/triggers.yaml"
        try scenario.commit(as: dana, files: [triggers: try scenario.repository.read(triggers) + "# read again after the key rotation\n"],
                            message: "Governance reads the triggers again")
        try scenario.signOff(review: Example.review, step: "risk-acceptance", as: dana, round: 2, requires: [life.assessment])
        let commits = try scenario.repository.git(["rev-list", "--first-parent", "HEAD"]).split(separator: "\n").map(String.init)
        #expect(commits.count > 10)
        for commit in commits {
            let run = try scenario.ledger(revision: commit)
            #expect(run.violations.isEmpty, "at \(commit.prefix(10)): \(run.violations)")
        }
        let latest = try scenario.ledger()
        #expect(latest.signOff(Example.tag("risk-acceptance", 2, "dana"))?.isValid == true)
        // The rotated tag was made after the first clearance: as of then, it is not judged at all.
        let early = try scenario.ledger(revision: life.clearance.anchor)
        #expect(early.tags.unanchored.isEmpty && early.tags.violations.isEmpty, "\(early.tags.violations)")
    }
}
