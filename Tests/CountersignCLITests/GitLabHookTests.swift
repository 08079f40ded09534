import Foundation
import TestSupport
import Testing

/// GitLab shows a server hook's message to the pusher only on lines that start with
/// `GL-HOOK-ERR: `; it sets `GL_ID` in the hook's environment. The hook runs as GitLab runs it:
/// in the bare repository with `GIT_DIR` set and the ref updates on standard input.
@Suite("pre-receive under GitLab: GL_ID in the environment")
struct GitLabHookTests {
    /// A copy of the signed-off server with dana's commit on an unprotected branch, so its objects
    /// are in the repository; returns the server, main's tip and dana's commit.
    func serverWithDraft() throws -> (Server, main: String, draft: String) {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        let draft = try clone.writeReview(review, as: Cast.dana, files: [Breach.evidence: "dana's notes\n"])
        let pushed = try server.push(from: clone, ["HEAD:refs/heads/dana-draft"])
        try #require(pushed.succeeded, "\(pushed.stderr)")
        return (server, try server.repository.revParse("refs/heads/main"), draft)
    }

    func runHook(in server: Server, input: String, gitLab: Bool) throws -> RunResult {
        var environment = ["GIT_DIR": server.repository.path]
        if gitLab { environment["GL_ID"] = "user-7" }
        return try Binary.run(["hook", "pre-receive"], in: server.repository.url, environment: environment, input: Data(input.utf8))
    }

    @Test("every rejection line starts with GL-HOOK-ERR: when GL_ID is set", arguments: [
        ("a non-owner's commit", "commit.not-owner"),
        ("a rewound branch", "ref.non-fast-forward"),
    ])
    func prefixed(_ label: String, rule: String) throws {
        let (server, main, draft) = try serverWithDraft()
        let new = rule == "commit.not-owner" ? draft : try server.repository.revParse("main~1")
        let result = try runHook(in: server, input: "\(main) \(new) refs/heads/main\n", gitLab: true)
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("GL-HOOK-ERR: countersign: ") }, "\(result.stderr)")
        #expect(Servers.rules(in: result.stderr).contains(rule), "\(result.stderr)")
    }

    @Test("a real push whose hook sees GL_ID relays the prefixed lines (the local transport passes it on)")
    func realPush() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        try clone.writeReview(review, as: Cast.dana, files: [Breach.evidence: "dana's notes\n"])
        let before = try server.snapshot()
        let result = try clone.repository.tryGit(["push", server.url, Breach.branch], environment: ["GL_ID": "user-7"])
        #expect(result.status != 0)
        let relayed = result.stderr.split(separator: "\n").filter { $0.hasPrefix("remote: ") && $0.contains("countersign: ") }
        #expect(!relayed.isEmpty && relayed.allSatisfy { $0.hasPrefix("remote: GL-HOOK-ERR: countersign: ") }, "\(result.stderr)")
        #expect(Servers.rules(in: result.stderr).contains("commit.not-owner"), "\(result.stderr)")
        #expect(try server.snapshot() == before)
    }

    @Test("without GL_ID the lines are plain, and an accepted update prints nothing")
    func plain() throws {
        let (server, main, draft) = try serverWithDraft()
        let rejected = try runHook(in: server, input: "\(main) \(draft) refs/heads/main\n", gitLab: false)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("countersign: ") }, "\(rejected.stderr)")

        let accepted = try runHook(in: server, input: "\(String(repeating: "0", count: 40)) \(draft) refs/heads/feature\n", gitLab: true)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.isEmpty)
    }

    @Test("unusable input is refused with exit 2, its message prefixed too")
    func malformedInput() throws {
        let (server, _, _) = try serverWithDraft()
        let result = try runHook(in: server, input: "not a ref update\n", gitLab: true)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("GL-HOOK-ERR: countersign: "), "\(result.stderr)")
        #expect(result.stderr.contains("is not `<old> <new> <ref>`"), "\(result.stderr)")
    }
}
