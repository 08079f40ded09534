import Foundation
import Testing
import TestSupport

/// `status`, `log` and `verify` through the built binary, in text and JSON.
@Suite("Ledger commands: status, log and verify")
struct LedgerCommandTests {
    static let review = "support-assistant"
    static let steps = ["description", "intake", "assessment", "risk-acceptance", "data-protection", "clearance"]

    func json(_ result: RunResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\(result.stderr)")
    }

    @Test("the whole lifecycle: status is cleared-with-conditions, log lists the six sign-offs in hand-off order, verify exits 0")
    func lifecycle() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let url = scenario.repository.url

        let status = try Binary.run(["status"], in: url)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\(Self.review): cleared-with-conditions"), "\(status.stdout)")
        for step in Self.steps {
            #expect(status.stdout.split(separator: "\n").contains { $0.contains("✓ \(step) ") && $0.contains("signed") },
                    "\(step): \(status.stdout)")
        }

        let statusJSON = try json(try Binary.run(["status", "--format", "json"], in: url))
        let reviews = try #require(statusJSON["reviews"] as? [[String: Any]])
        let first = try #require(reviews.first)
        #expect(first["id"] as? String == Self.review)
        #expect(first["state"] as? String == "cleared-with-conditions")
        #expect((first["reasons"] as? [String])?.isEmpty == true)
        #expect((first["next"] as? [Any])?.isEmpty == true)
        let steps = try #require(first["steps"] as? [[String: Any]])
        #expect(steps.compactMap { $0["id"] as? String } == Self.steps)
        #expect(steps.allSatisfy { $0["state"] as? String == "signed" })
        let clearance = try #require((steps.last?["signoffs"] as? [[String: Any]])?.first)
        #expect(Set(clearance.keys) == ["tag", "member", "round", "target", "anchor", "key", "signed_at", "landed_by"])
        #expect(clearance["landed_by"] as? String == "frank")
        #expect(clearance["tag"] as? String == life.clearance.name)
        #expect(clearance["anchor"] as? String == life.clearance.anchor)
        #expect(clearance["target"] as? String == life.clearance.target)
        #expect(clearance["round"] as? Int == 1)

        let log = try Binary.run(["log"], in: url)
        #expect(log.status == 0, "\(log.stderr)")
        let order = Self.steps.compactMap { step in log.stdout.range(of: "  \(Self.review)  \(step) r1  ")?.lowerBound }
        #expect(order.count == 6, "\(log.stdout)")
        #expect(order == order.sorted(), "\(log.stdout)")
        #expect(log.stdout.contains("clearance r1  frank (authority)  valid"))
        #expect(!log.stdout.contains("REJECTED"))

        let logJSON = try json(try Binary.run(["log", Self.review, "--format", "json"], in: url))
        let entries = try #require(logJSON["signoffs"] as? [[String: Any]])
        #expect(entries.compactMap { $0["step"] as? String } == Self.steps)
        #expect(entries.compactMap { $0["tag"] as? String } == life.signOffs.map(\.name))
        #expect(entries.allSatisfy { $0["verdict"] as? String == "valid" && ($0["violations"] as? [Any])?.isEmpty == true })

        let verify = try Binary.run(["verify"], in: url)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("verified 12 commits and 6 anchored sign-offs (6 valid) of main"))
        #expect(verify.stdout.hasSuffix(": ok\n"), "\(verify.stdout)")

        let verifyJSON = try Binary.run(["verify", "--format", "json"], in: url)
        #expect(verifyJSON.status == 0)
        let findings = try json(verifyJSON)
        #expect(findings["ok"] as? Bool == true)
        #expect((findings["violations"] as? [Any])?.isEmpty == true)
    }

    @Test("a commit violation: verify exits 1, names rule, commit and path in text and JSON")
    func commitViolation() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let threats = (Fixtures.completeReview["security/threats.yaml"] ?? "") + "\n# reviewed again\n"
        let commit = try scenario.writeReview(Self.review, as: Cast.alice, files: ["security/threats.yaml": threats])
        let path = "reviews/\(Self.review)/security/threats.yaml"

        let text = try Binary.run(["verify"], in: scenario.repository.url)
        #expect(text.status == 1)
        #expect(text.stdout.contains("main: rejected (commit.not-owner): commit \(commit.prefix(10)) by alice changes \(path), owned by security; alice is not assigned to security in this review (only bob may change it)\n"),
                "\(text.stdout)")
        #expect(text.stdout.contains(": 1 violation\n"))

        let result = try Binary.run(["verify", "--format", "json"], in: scenario.repository.url)
        #expect(result.status == 1)
        let findings = try json(result)
        #expect(findings["ok"] as? Bool == false)
        let violation = try #require((findings["violations"] as? [[String: Any]])?.first)
        #expect(Set(violation.keys) == ["rule", "ref", "commit", "path", "line", "message"])
        #expect(violation["rule"] as? String == "commit.not-owner")
        #expect(violation["commit"] as? String == commit)
        #expect(violation["path"] as? String == path)
        #expect(violation["ref"] as? String == "refs/heads/main")
        #expect(violation["line"] is NSNull)
        #expect((violation["message"] as? String)?.contains("alice is not assigned to security") == true)

        // The status shows the change too: the assessment and every later step are stale.
        let status = try Binary.run(["status", Self.review], in: scenario.repository.url)
        #expect(status.stdout.contains("\(Self.review): reassessment-required"), "\(status.stdout)")
        #expect(status.stdout.contains("! step assessment is stale: security/threats.yaml changed since signoff/\(Self.review)/assessment/1/bob signed it"))
    }

    @Test("a sign-off out of order: log marks it REJECTED with the reason, verify exits 1")
    func rejectedSignOff() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.riskAcceptance.anchor })
        try scenario.writeReview(Self.review, as: Cast.frank, files: ReviewScenario.completeReviewFiles(["authority/"]))
        let clearance = try scenario.signOff(review: Self.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance],
                                             decision: "cleared-with-conditions")
        let url = scenario.repository.url
        let plain = "step \"data-protection\" has no current sign-off; the DPO (erin) must sign it first"
        let message = "\(clearance.name): rejected (signoff.out-of-order): \(plain)"

        let log = try Binary.run(["log"], in: url)
        #expect(log.stdout.contains("clearance r1  frank (authority)  REJECTED (signoff.out-of-order)"), "\(log.stdout)")
        #expect(log.stdout.contains(message), "\(log.stdout)")

        let entries = try #require(try json(try Binary.run(["log", "--format", "json"], in: url))["signoffs"] as? [[String: Any]])
        let entry = try #require(entries.last)
        #expect(entry["verdict"] as? String == "rejected")
        #expect((entry["violations"] as? [[String: Any]])?.first?["rule"] as? String == "signoff.out-of-order")

        let verify = try Binary.run(["verify", "--format", "json"], in: url)
        #expect(verify.status == 1)
        let violation = try #require((try json(verify)["violations"] as? [[String: Any]])?.first)
        #expect(violation["rule"] as? String == "signoff.out-of-order")
        #expect(violation["ref"] as? String == clearance.name)
        #expect(violation["commit"] as? String == clearance.anchor)
        #expect(violation["message"] as? String == plain, "the JSON message carries no prefix of subject or rule")

        let status = try json(try Binary.run(["status", "--format", "json"], in: url))
        let review = try #require((status["reviews"] as? [[String: Any]])?.first)
        #expect(review["state"] as? String == "in-review")
        let next = try #require(review["next"] as? [[String: Any]])
        #expect(next.first?["step"] as? String == "data-protection")
        #expect(next.first?["members"] as? [String] == ["erin"])
    }

    @Test("status --rev shows an earlier state, without the sign-offs anchored later; an unknown review exits 2")
    func statusAtRevision() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let url = scenario.repository.url
        let earlier = try Binary.run(["status", "--rev", life.riskAcceptance.anchor], in: url)
        #expect(earlier.status == 0, "\(earlier.stderr)")
        #expect(earlier.stdout.contains("\(Self.review): in-review"), "\(earlier.stdout)")
        #expect(earlier.stdout.contains("✓ risk-acceptance  governance    signed  dana r1"), "\(earlier.stdout)")
        #expect(earlier.stdout.contains("· data-protection  dpo           missing"), "\(earlier.stdout)")
        #expect(earlier.stdout.contains("data-protection: reviews/\(Self.review)/dpo/advisory.md: the data protection advisory is empty (dpo.advisory-empty)"),
                "\(earlier.stdout)")

        let unknown = try Binary.run(["status", "hr-screening"], in: url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no review \"hr-screening\""), "\(unknown.stderr)")
    }

    @Test("a clone without tags holds the whole log: status, log and verify answer as with tags")
    func cloneWithoutTags() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let bare = try TempDirectory(prefix: "no-tags")
        try scenario.repository.git(["clone", "-q", "--no-tags", scenario.repository.path, bare.url.path])
        #expect(try scenario.repository.git(["-C", bare.url.path, "tag", "--list"]).isEmpty)
        let verify = try Binary.run(["verify"], in: bare.url)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("6 anchored sign-offs (6 valid)"), "\(verify.stdout)")
        let status = try Binary.run(["status", Self.review, "--format", "json"], in: bare.url)
        #expect(status.stdout.contains("\"state\" : \"cleared-with-conditions\""), "\(status.stdout)")
        let log = try Binary.run(["log", Self.review], in: bare.url)
        #expect(!log.stdout.contains("REJECTED") && !log.stdout.contains("????"), "\(log.stdout)")
        #expect(log.stdout.components(separatedBy: "  valid").count - 1 == 6, "\(log.stdout)")
    }

    @Test("verify --trust-root: the real root passes, another commit is a foreign root")
    func trustRoot() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let url = scenario.repository.url
        #expect(try Binary.run(["verify", "--trust-root", scenario.root], in: url).status == 0)
        let other = try Binary.run(["verify", "--trust-root", life.systemContent], in: url)
        #expect(other.status == 1)
        #expect(other.stdout.contains("main: rejected (commit.foreign-root): the history of main starts at \(scenario.root.prefix(10)), not at the pinned root \(life.systemContent.prefix(10))"), "\(other.stdout)")
    }

    @Test("an unanchored tag is a notice in verify (exit 0); a forged one is a violation (exit 1)")
    func unanchored() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let url = scenario.repository.url
        let requires = [life.riskAcceptance.requirement, life.dataProtection.requirement]
        // A new round needs a reason: the disposition's rationale is revised.
        let revised = (Fixtures.completeReview["authority/disposition.yaml"] ?? "") + "\n# rationale reviewed again\n"
        try scenario.writeReview(Self.review, as: Cast.frank, files: ["authority/disposition.yaml": revised])
        try scenario.tag(review: Self.review, step: "clearance", round: 2, member: Cast.frank, requires: requires, decision: "cleared-with-conditions")
        let notice = try Binary.run(["verify"], in: url)
        #expect(notice.status == 0, "\(notice.stdout)")
        #expect(notice.stdout.contains("notice (signoff.unanchored): signoff/\(Self.review)/clearance/2/frank: no anchor yet; it counts once its anchor lands on main"), "\(notice.stdout)")

        try scenario.tag(review: Self.review, step: "clearance", round: 3, member: Cast.grace, requires: requires,
                         decision: "cleared-with-conditions", signingKey: try SSHKey(.ed25519, comment: "mallory"))
        let forged = try Binary.run(["verify", "--format", "json"], in: url)
        #expect(forged.status == 1)
        let violation = try #require((try json(forged)["violations"] as? [[String: Any]])?.first)
        #expect(violation["rule"] as? String == "signoff.unknown-key")
        #expect((violation["message"] as? String)?.contains("which is not one of grace's keys") == true)
    }
}
