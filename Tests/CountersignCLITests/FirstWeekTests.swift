import Foundation
import TestSupport
import Testing

/// What a new team meets in its first week, through the binary as they ran it.
@Suite("a team's first week: typos answered with the rule or the name meant")
struct FirstWeekTests {
    static let typos: [(arguments: [String], expected: [String])] = [
        (["status", "Support-Assistant"], ["no review \"Support-Assistant\"", "review ids are lowercase letters, digits and dashes", "did you mean \"support-assistant\"?"]),
        (["status", "support-asistant"], ["did you mean \"support-assistant\"?"]),
        (["validate", "payroll"], ["no review \"payroll\"", "known reviews: support-assistant"]),
        (["sign", "Support-Assistant", "description"], ["at HEAD (commit its files first)", "did you mean \"support-assistant\"?"]),
        (["sign", "support-assistant", "risk-aceptance"], ["the policy has no step \"risk-aceptance\"", "did you mean \"risk-acceptance\"?"]),
    ]

    @Test("a mistyped review or step is exit 2 with the fix", arguments: typos.indices)
    func typo(_ index: Int) throws {
        let (arguments, expected) = Self.typos[index]
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let result = try Binary.run(arguments, in: scenario.repository.url, environment: SignCommandTests.signing(Cast.alice))
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        for fragment in expected {
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        }
    }

    @Test("validate --role and --step check one role's part while the others are still at work")
    func validateOneRole() throws {
        let repo = try exampleRepository()
        let own = Fixtures.completeReview.filter { $0.key == "review.yaml" || $0.key.hasPrefix("system/") || $0.key.hasPrefix("status/") }
        try Fixtures.writeReview("support-assistant", files: own, under: repo.url)
        let all = try Binary.run(["validate"], in: repo.url)
        #expect(all.status == 1, "\(all.stdout)")
        let mine = try Binary.run(["validate", "--role", "system-owner"], in: repo.url)
        #expect(mine.status == 0, "\(mine.stdout)\(mine.stderr)")
        #expect(mine.stdout.contains("support-assistant: complete"), "\(mine.stdout)")
        let assessment = try Binary.run(["validate", "--step", "assessment", "--format", "json"], in: repo.url)
        #expect(assessment.status == 1)
        let steps = Set((try JSONSerialization.jsonObject(with: Data(assessment.stdout.utf8)) as? [String: Any])
            .flatMap { ($0["reviews"] as? [[String: Any]])?.first?["gaps"] as? [[String: Any]] }?.compactMap { $0["step"] as? String } ?? [])
        #expect(steps == ["assessment"], "\(assessment.stdout)")
        let typo = try Binary.run(["validate", "--step", "assesment"], in: repo.url)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean \"assessment\"?"), "\(typo.stderr)")
    }

    @Test("status says when the remote's protected branch is ahead, and judges it when there is no local one")
    func statusAndTheRemote() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let mine = try ReviewScenario.clone(from: server.repository)
        let colleague = try ReviewScenario.clone(from: server.repository)
        try colleague.commit(as: Cast.alice, files: [:], message: "A note")
        try #require(try server.push(from: colleague, ["HEAD:refs/heads/main"]).succeeded)
        try mine.repository.git(["fetch", "-q", "origin"])
        let behind = try Binary.run(["status"], in: mine.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(behind.status == 0)
        #expect(behind.stdout.contains("note: origin/main is 1 commit(s) ahead of the main judged here; `git pull`"), "\(behind.stdout)")

        try mine.repository.git(["switch", "-q", "-c", "work"])
        try mine.repository.git(["branch", "-q", "-D", "main"])
        let remoteOnly = try Binary.run(["status", "support-assistant"], in: mine.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(remoteOnly.status == 0, "\(remoteOnly.stderr)")
        #expect(remoteOnly.stdout.contains("support-assistant: cleared-with-conditions"), "\(remoteOnly.stdout)")
    }

    @Test("sign suggests the local hook in a clone without it, refuses a needless new round, and says who may sign first")
    func signing() throws {
        let scenario = try SignCommandTests.described()
        let url = scenario.repository.url
        let first = try Binary.run(["sign", "support-assistant", "description"], in: url, environment: SignCommandTests.signing(Cast.alice))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("tip: this clone has no countersign pre-commit hook; `countersign hooks install`"), "\(first.stdout)")

        // Nothing changed: a second round would only make the later steps stale.
        let again = try Binary.run(["sign", "support-assistant", "description"], in: url, environment: SignCommandTests.signing(Cast.alice))
        #expect(again.status == 1)
        #expect(again.stderr.contains("(signoff.round)") && again.stderr.contains("a new round opens only for a reason"), "\(again.stderr)")
        #expect(try scenario.repository.git(["tag", "--list", "signoff/support-assistant/description/*"]).split(separator: "\n").count == 1,
                "the refused round leaves no tag")

        // bob signing dana's step, whose files are not written yet: the role comes first.
        let wrong = try Binary.run(["sign", "support-assistant", "risk-acceptance"], in: url, environment: SignCommandTests.signing(Cast.bob))
        #expect(wrong.status == 1)
        let reasons = wrong.stderr.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
        #expect(reasons.count == 1, "\(wrong.stderr)")
        #expect(reasons.first?.contains("bob does not hold the role governance; risk-acceptance is signed by the AI governance lead (dana) (signoff.not-authorized)") == true,
                "\(wrong.stderr)")
    }

    @Test("new lays out a review while the policy is still incomplete, and says what is missing")
    func newWithIncompletePolicy() throws {
        let repo = try TestRepository(name: "Erin Walsh", email: "erin@example.org")
        let home = try TempDirectory(prefix: "home")
        let environment = repo.environment.merging(["HOME": home.path]) { $1 }
        #expect(try Binary.run(["init", "--no-hook"], in: repo.url, environment: environment).status == 0)
        let new = try Binary.run(["new", "support-assistant"], in: repo.url, environment: environment)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.contains("wrote reviews/support-assistant/review.yaml"), "\(new.stdout)")
        #expect(new.stderr.contains("warning: countersign.yaml is not complete yet: member erin has no key"), "\(new.stderr)")
        #expect(try repo.read("reviews/support-assistant/review.yaml").contains("erin"))
    }

    @Test("init and hooks install speak JSON too")
    func jsonEverywhere() throws {
        let repo = try TestRepository(name: "Frank Osei", email: "frank@example.org")
        let made = try Binary.run(["init", "--key", Cast.frank.key.publicKeyPath, "--format", "json"], in: repo.url, environment: repo.environment)
        #expect(made.status == 0, "\(made.stderr)")
        let initJSON = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: Any], "\(made.stdout)")
        #expect(initJSON["wrote"] as? String == "countersign.yaml")
        #expect(initJSON["member"] as? String == "frank")
        #expect(initJSON["key"] as? String == Cast.frank.key.publicKeyLine)
        #expect((initJSON["hook"] as? String)?.hasSuffix("pre-commit") == true)

        let bare = try ReviewScenario.makeBareRemote()
        let installed = try Binary.run(["hooks", "install", "--server", bare.path, "--format", "json"], in: bare.url, environment: bare.environment)
        #expect(installed.status == 0, "\(installed.stderr)")
        let hooksJSON = try #require(try JSONSerialization.jsonObject(with: Data(installed.stdout.utf8)) as? [String: Any], "\(installed.stdout)")
        #expect((hooksJSON["installed"] as? [String])?.map { URL(fileURLWithPath: $0).lastPathComponent } == ["pre-receive", "post-receive"])
        #expect(hooksJSON["settings"] as? [String] == ["receive.fsckObjects=true"])
    }

    @Test("a threshold-2 step with one co-signature is partial, 1 of 2, and next names who is left")
    func partial() throws {
        let (scenario, life) = try ReviewScenario.forkLifecycle()
        let policy = try scenario.repository.read("countersign.yaml").replacingOccurrences(of: "threshold: 1}", with: "threshold: 2}")
        try scenario.commit(as: Cast.frank, files: ["countersign.yaml": policy], message: "Two authorities clear")
        let manifest = try scenario.repository.read("reviews/support-assistant/review.yaml").replacingOccurrences(of: "authority: [frank]", with: "authority: [frank, grace]")
        try scenario.writeReview("support-assistant", as: Cast.frank, files: ["review.yaml": manifest], message: "Grace co-decides")
        try scenario.signOff(review: "support-assistant", step: "clearance", as: Cast.frank, round: 2,
                             requires: [life.riskAcceptance, life.dataProtection], decision: "cleared-with-conditions")
        let status = try Binary.run(["status", "support-assistant"], in: scenario.repository.url)
        #expect(status.status == 0, "\(status.stderr)")
        let line = status.stdout.split(separator: "\n").first { $0.contains("clearance") && $0.contains("authority") }
        #expect(line?.contains("partial") == true && line?.contains("(1 of 2)") == true, "\(status.stdout)")
        #expect(status.stdout.contains("grace"), "\(status.stdout)")
        let json = try Binary.run(["status", "support-assistant", "--format", "json"], in: scenario.repository.url)
        #expect(json.stdout.contains("\"state\" : \"partial\""), "\(json.stdout)")
    }

    @Test("a decision that is none of the four is refused before anything is signed")
    func decisionUpFront() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle(at: { $0.authorityContent })
        let tagsBefore = try scenario.repository.git(["tag", "--list"])
        let result = try Binary.run(["sign", "support-assistant", "clearance", "--decision", "approved"], in: scenario.repository.url,
                                    environment: SignCommandTests.signing(Cast.frank))
        #expect(result.status == 2)
        #expect(result.stderr.contains("approved is not a decision; use one of cleared, cleared-with-conditions, returned, rejected"), "\(result.stderr)")
        #expect(try scenario.repository.git(["tag", "--list"]) == tagsBefore, "no tag was made")
    }
}

