import Foundation
import TestSupport
import Testing

/// The path most teams take (spec sections 5 and 6): one pull request per step, signed with
/// `countersign sign` on its branch, checked with `countersign check`, landed by a member's signed
/// merge commit on a server with the installed hook — and no tag ref pushed anywhere.
@Suite("pull requests: a whole review through branches and merges")
struct PullRequestFlowTests {
    static let review = "support-assistant"

    /// Each step: who signs it and which of the example's files they commit on the step's branch.
    static let steps: [(step: String, person: Person, files: [String])] = [
        ("description", Cast.alice, ["review.yaml", "system/", "status/"]),
        ("intake", Cast.bob, []),
        ("assessment", Cast.bob, ["security/"]),
        ("risk-acceptance", Cast.dana, ["governance/"]),
        ("data-protection", Cast.erin, ["dpo/"]),
        ("clearance", Cast.frank, ["authority/"]),
    ]

    @Test("six pull requests carry the review to its clearance; a clone without tags shows it all")
    func wholeReview() throws {
        let bare = try ReviewScenario.makeBareRemote()
        try Servers.installHook(into: bare)
        let server = try Server(bare, over: .file)
        defer { server.stop() }
        let team = try ReviewScenario()
        try #require(try server.push(from: team, ["refs/heads/main"]).succeeded)

        for (step, person, files) in Self.steps {
            try team.repository.git(["switch", "-q", "-c", step, "main"])
            if !files.isEmpty {
                try team.writeReview(Self.review, as: person, files: ReviewScenario.completeReviewFiles(files), message: "\(step): the files")
            }
            let signed = try Binary.run(["sign", Self.review, step], in: team.repository.url, environment: SignCommandTests.signing(person))
            #expect(signed.status == 0, "\(step): \(signed.stdout)\(signed.stderr)")
            #expect(signed.stdout.contains("next: push the branch and open a pull request into main: git push origin \(step)"), "\(signed.stdout)")
            let pushed = try server.push(from: team, ["refs/heads/\(step)"])
            #expect(pushed.succeeded, "\(step): \(pushed.stderr)")

            let check = try Binary.run(["check", "--target", "main", step], in: team.repository.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
            #expect(check.status == 0, "\(step): \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("1 sign-off: ok"), "\(check.stdout)")

            try team.repository.git(["switch", "-q", "main"])
            try team.repository.git(person.key.gitSigningArguments + ["merge", "-q", "--no-ff", "-S", "-m", "Merge \(step)", step],
                                    environment: person.gitEnvironment)
            let merged = try server.push(from: team, ["refs/heads/main"])
            #expect(merged.succeeded, "\(step): \(merged.stderr)")
        }
        #expect(try bare.git(["tag", "--list"]).isEmpty, "no tag ref was pushed")
        #expect(try bare.git(["for-each-ref", "--format=%(refname)", "refs/countersign/seen"]).split(separator: "\n").count == 6)

        let auditor = try TempDirectory(prefix: "auditor")
        let environment = ["GIT_CONFIG_GLOBAL": "/dev/null"]
        try Run.checked(["git", "clone", "-q", "--no-tags", "file://\(bare.path)", auditor.path], environment: environment)
        let status = try Binary.run(["status", Self.review, "--format", "json"], in: auditor.url, environment: environment)
        #expect(status.stdout.contains("\"state\" : \"cleared-with-conditions\""), "\(status.stdout)")
        let log = try Binary.run(["log", Self.review], in: auditor.url, environment: environment)
        #expect(log.stdout.components(separatedBy: "  valid").count - 1 == 6, "\(log.stdout)")
        #expect(log.stdout.contains("(landed by erin)") && log.stdout.contains("(landed by frank)"), "\(log.stdout)")
        let verify = try Binary.run(["verify"], in: auditor.url, environment: environment)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("6 anchored sign-offs (6 valid)"), "\(verify.stdout)")

        // `countersign tags` restores every tag ref from its anchor; git's own verify-tag accepts each.
        let tags = try Binary.run(["tags"], in: auditor.url, environment: environment)
        #expect(tags.status == 0, "\(tags.stdout)\(tags.stderr)")
        #expect(tags.stdout.contains("6 of 6 tag refs written"), "\(tags.stdout)")
        let signers = auditor.url.appendingPathComponent(".git/allowed_signers")
        let file = try Binary.run(["allowed-signers"], in: auditor.url, environment: environment)
        try Data(file.stdout.utf8).write(to: signers)
        let names = try Run.checked(["git", "tag", "--list", "signoff/*"], in: auditor.url, environment: environment).stdout
            .split(separator: "\n").map(String.init)
        #expect(names.count == 6)
        for name in names {
            let verified = try Run.program(["git", "-c", "gpg.ssh.allowedSignersFile=\(signers.path)", "verify-tag", name], in: auditor.url, environment: environment)
            #expect(verified.succeeded, "\(name): \(verified.stderr)")
            #expect(verified.stderr.contains("Good \"git\" signature"), "\(verified.stderr)")
        }
    }
}
