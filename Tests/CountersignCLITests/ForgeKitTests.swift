import Foundation
import TestSupport
import Testing

/// What forges and developer tools consume: git's allowed-signers file checked against git's own
/// verify-commit, the pre-commit framework's hook run by the real `pre-commit`, and the GitHub
/// action, example workflow and GitLab template validated against their published schemas.
@Suite("the forge kit: allowed-signers, pre-commit, the GitHub action and the GitLab template")
struct ForgeKitTests {
    static let review = "support-assistant"

    /// A repository whose policy limits alice's key to 2020–2090, with her part of the review.
    func limitedKeyScenario() throws -> ReviewScenario {
        let alice = Cast.alice
        let limited = "- key: \(alice.key.publicKeyLine)\n        valid_after: 2020-01-01T00:00:00Z\n        valid_before: 2090-01-01T00:00:00Z"
        let policy = Fixtures.policyYAML(members: Fixtures.membersYAML().replacingOccurrences(of: "- \(alice.key.publicKeyLine)", with: limited))
        let scenario = try ReviewScenario(policy: policy)
        try scenario.writeReview(Self.review, as: alice, files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]))
        return scenario
    }

    @Test("allowed-signers gives git the policy's keys with their validity: git verify-commit and countersign verify agree")
    func allowedSignersAgreeWithGit() throws {
        let scenario = try limitedKeyScenario()
        let repository = scenario.repository
        let alice = Cast.alice
        let inWindow = try scenario.head()
        // The same key, used on a commit dated 2091: outside its validity.
        try repository.write("reviews/\(Self.review)/system/architecture.md", "# Architecture\n\nlater\n")
        try repository.git(["add", "-A"])
        try repository.git(alice.key.gitSigningArguments + ["commit", "-q", "-S", "-m", "Later"],
                           environment: alice.gitEnvironment.merging(["GIT_AUTHOR_DATE": "@3818448000 +0000", "GIT_COMMITTER_DATE": "@3818448000 +0000"]) { $1 })
        let outside = try scenario.head()

        let file = try Binary.run(["allowed-signers"], in: repository.url, environment: repository.environment)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout.contains("\(alice.email) namespaces=\"git\",valid-after=\"20200101000000Z\",valid-before=\"20900101000000Z\" \(alice.key.publicKeyLine.split(separator: " ").prefix(2).joined(separator: " ")) alice\n"),
                "\(file.stdout)")
        let signers = repository.url.appendingPathComponent(".git/allowed_signers")
        try Data(file.stdout.utf8).write(to: signers)
        func gitVerifies(_ commit: String) throws -> RunResult {
            try repository.tryGit(["-c", "gpg.ssh.allowedSignersFile=\(signers.path)", "verify-commit", commit])
        }
        let good = try gitVerifies(inWindow)
        #expect(good.succeeded && good.stderr.contains("Good \"git\" signature for \(alice.email)"), "\(good.stderr)")
        let late = try gitVerifies(outside)
        #expect(!late.succeeded, "git accepted a signature outside the key's validity: \(late.stderr)")

        let verify = try Binary.run(["verify", "--format", "json"], in: repository.url, environment: repository.environment)
        let violations = try #require((try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])?["violations"] as? [[String: Any]])
        #expect(violations.map { $0["rule"] as? String } == ["commit.unknown-key"], "\(verify.stdout)")
        #expect(violations.first?["commit"] as? String == outside)
        #expect((violations.first?["message"] as? String)?.contains("outside that key's validity in countersign.yaml") == true)
    }

    /// `pre-commit try-repo` of this repository's `.pre-commit-hooks.yaml`, in `scenario` with `person`'s identity.
    func preCommit(_ scenario: ReviewScenario, as person: Person) throws -> RunResult {
        let preCommit = try #require(TestTools.path("pre-commit"))
        let home = try TempDirectory(prefix: "pre-commit-home")
        let binFolder = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().path
        let environment = scenario.repository.environment.merging(person.gitEnvironment) { $1 }.merging([
            "PRE_COMMIT_HOME": home.path, "GIT_CONFIG_GLOBAL": "/dev/null",
            "PATH": "\(binFolder):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")",
        ]) { $1 }
        return try Run.program([preCommit, "try-repo", TestTools.packageRoot.path, "countersign", "--verbose"],
                               in: scenario.repository.url, environment: environment)
    }

    @Test("pre-commit try-repo runs the countersign hook: a non-owner's staged change fails with the rule, an owner's passes",
          .enabled(if: TestTools.path("pre-commit") != nil, Comment(rawValue: TestTools.missing("pre-commit"))))
    func preCommitFramework() throws {
        let scenario = try limitedKeyScenario()
        try scenario.repository.write("reviews/\(Self.review)/security/threats.yaml", "threats: []\n")
        try scenario.repository.git(["add", "-A"])
        let refused = try preCommit(scenario, as: Cast.dana)
        let output = refused.stdout + refused.stderr
        #expect(refused.status == 1, "\(output)")
        #expect(output.contains("Failed"), "\(output)")
        #expect(output.contains("the staged change by dana changes reviews/\(Self.review)/security/threats.yaml, owned by security") && output.contains("(commit.not-owner)"),
                "\(output)")

        let accepted = try preCommit(scenario, as: Cast.bob)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
        #expect(accepted.stdout.contains("Passed"), "\(accepted.stdout)")
    }

    @Test("the GitHub action, the example workflow and the GitLab template validate against their published schemas",
          .enabled(if: TestTools.path("check-jsonschema") != nil, Comment(rawValue: TestTools.missing("check-jsonschema"))), arguments: [
        ("action.yml", "vendor.github-actions"),
        ("docs/examples/github-workflow.yml", "vendor.github-workflows"),
        ("ci/gitlab/countersign.gitlab-ci.yml", "vendor.gitlab-ci"),
    ])
    func forgeFiles(_ file: String, schema: String) throws {
        let checker = try #require(TestTools.path("check-jsonschema"))
        let path = TestTools.packageRoot.appendingPathComponent(file).path
        let result = try Run.program([checker, "--builtin-schema", schema, path])
        #expect(result.succeeded, "\(file): \(result.stdout)\(result.stderr)")
    }

    @Test("the action installs countersign from a release or its own ref, never from the workspace, and reports in every CI form")
    func actionTrust() throws {
        let action = try String(contentsOf: TestTools.packageRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        #expect(action.contains("using: composite"))
        #expect(action.contains("--package-path \"$GITHUB_ACTION_PATH\""))
        #expect(action.contains("sha256sum --check"))
        #expect(!action.contains("--package-path \"$GITHUB_WORKSPACE\"") && !action.contains("$GITHUB_WORKSPACE/countersign"))
        for format in ["github", "markdown", "sarif"] { #expect(action.contains("--format \(format)"), "\(format)") }
        #expect(action.contains(">> \"$GITHUB_STEP_SUMMARY\""))
        #expect(action.contains("upload-sarif@"))
        // No input is pasted into a script: `run:` blocks read them from the environment.
        let runBlocks = action.components(separatedBy: "run: |").dropFirst().map { $0.components(separatedBy: "\n    - ").first ?? "" }
        #expect(runBlocks.allSatisfy { !$0.contains("${{") }, "an expression inside a run script")

        let workflow = try String(contentsOf: TestTools.packageRoot.appendingPathComponent("docs/examples/github-workflow.yml"), encoding: .utf8)
        #expect(workflow.contains("pull_request_target") && workflow.contains("fetch-depth: 0") && workflow.contains("persist-credentials: false"))
        let gitlab = try String(contentsOf: TestTools.packageRoot.appendingPathComponent("ci/gitlab/countersign.gitlab-ci.yml"), encoding: .utf8)
        #expect(gitlab.contains("GIT_DEPTH: \"0\"") && gitlab.contains("when: always") && gitlab.contains("junit: countersign-junit.xml")
                && gitlab.contains("codequality: gl-code-quality-report.json"))
    }
}
