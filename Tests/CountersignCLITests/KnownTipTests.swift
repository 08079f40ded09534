import Foundation
import TestSupport
import Testing

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
