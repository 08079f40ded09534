import Foundation
import TestSupport
import Testing

/// `countersign hooks install [--server <bare>]`: writes its own hooks, replaces them on a new
/// install, and never overwrites someone else's hook unless forced.
@Suite("hooks install: the local pre-commit and the server's pre-receive")
struct HooksInstallTests {
    enum Kind: String, CaseIterable, Sendable {
        case local = "pre-commit", server = "pre-receive"
    }

    /// A repository of `kind` and the path its hook goes to.
    func repository(_ kind: Kind) throws -> (TestRepository, hook: URL) {
        switch kind {
        case .local:
            let repository = try TestRepository()
            repository.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
            return (repository, repository.url.appendingPathComponent(".git/hooks/pre-commit"))
        case .server:
            let repository = try ReviewScenario.makeBareRemote()
            return (repository, repository.url.appendingPathComponent("hooks/pre-receive"))
        }
    }

    func install(_ kind: Kind, _ repository: TestRepository, force: Bool = false) throws -> RunResult {
        var arguments = ["hooks", "install"]
        if kind == .server { arguments += ["--server", repository.path] }
        if force { arguments.append("--force") }
        return try Binary.run(arguments, in: repository.url, environment: repository.environment)
    }

    static let foreign = "#!/bin/sh\n# the team's own checks\nexit 0\n"

    @Test("a foreign hook is kept unless --force replaces it", arguments: Kind.allCases)
    func foreignHook(_ kind: Kind) throws {
        let (repository, hook) = try repository(kind)
        try FileManager.default.createDirectory(at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.foreign.write(to: hook, atomically: true, encoding: .utf8)

        let refused = try install(kind, repository)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(hook.path) exists and was not written by countersign"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOf: hook, encoding: .utf8) == Self.foreign)

        let forced = try install(kind, repository, force: true)
        #expect(forced.status == 0, "\(forced.stderr)")
        try expectOwnHook(at: hook, kind: kind)
    }

    @Test("a foreign hook that is a binary, not text, is kept too", arguments: Kind.allCases)
    func foreignBinaryHook(_ kind: Kind) throws {
        let (repository, hook) = try repository(kind)
        try FileManager.default.createDirectory(at: hook.deletingLastPathComponent(), withIntermediateDirectories: true)
        let binary = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF, 0xFE, 0xC3, 0x28, 0x00])
        try binary.write(to: hook)
        let refused = try install(kind, repository)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("was not written by countersign"), "\(refused.stderr)")
        #expect(try Data(contentsOf: hook) == binary)
    }

    @Test("its own hook is replaced by a new install", arguments: Kind.allCases)
    func ownHook(_ kind: Kind) throws {
        let (repository, hook) = try repository(kind)
        let first = try install(kind, repository)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("installed \(hook.path)"), "\(first.stdout)")
        let fresh = try String(contentsOf: hook, encoding: .utf8)
        try (fresh + "# an older version\n").write(to: hook, atomically: true, encoding: .utf8)

        let second = try install(kind, repository)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOf: hook, encoding: .utf8) == fresh)
        try expectOwnHook(at: hook, kind: kind)
    }

    @Test("the local hook goes where core.hooksPath points")
    func hooksPath() throws {
        let (repository, _) = try repository(.local)
        try repository.git(["config", "core.hooksPath", "githooks"])
        let result = try install(.local, repository)
        #expect(result.status == 0, "\(result.stderr)")
        try expectOwnHook(at: repository.url.appendingPathComponent("githooks/pre-commit"), kind: .local)
    }

    @Test("in a linked worktree the local hook goes to the hooks git runs, in the main repository")
    func linkedWorktree() throws {
        let (repository, hook) = try repository(.local)
        try repository.git(["commit", "-q", "--allow-empty", "-m", "Start"])
        let worktree = try TempDirectory(prefix: "worktree")
        try repository.git(["worktree", "add", "-q", worktree.child("wt").path])
        let result = try Binary.run(["hooks", "install"], in: worktree.child("wt"), environment: repository.environment)
        #expect(result.status == 0, "\(result.stderr)")
        try expectOwnHook(at: hook, kind: .local)
        let gitPath = try Run.checked(["git", "rev-parse", "--path-format=absolute", "--git-path", "hooks/pre-commit"],
                                      in: worktree.child("wt"), environment: repository.environment).stdout
        #expect(gitPath.trimmingCharacters(in: .whitespacesAndNewlines) == hook.path)
    }

    @Test("--server installs where the bare repository's core.hooksPath points, so pushes are judged")
    func serverHooksPath() throws {
        let bare = try ReviewScenario.makeBareRemote()
        try bare.git(["config", "core.hooksPath", "server-hooks"])
        let result = try install(.server, bare)
        #expect(result.status == 0, "\(result.stderr)")
        try expectOwnHook(at: bare.url.appendingPathComponent("server-hooks/pre-receive"), kind: .server)

        let scenario = try ReviewScenario()
        try scenario.writeReview(review, as: Cast.dana, files: ["review.yaml": "title: Dana's review\n"])
        let pushed = try scenario.push(to: bare)
        #expect(pushed.status != 0, "the push was accepted")
        #expect(Servers.rules(in: pushed.stderr).contains("commit.not-owner"), "\(pushed.stderr)")
    }

    @Test("--server refuses a folder that is not a bare repository")
    func notBare() throws {
        let folder = try TempDirectory(prefix: "not-bare")
        let result = try Binary.run(["hooks", "install", "--server", folder.path], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a bare git repository"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.child("hooks").path))
    }

    /// The installed script: executable, marked as countersign's, running this build's binary.
    func expectOwnHook(at hook: URL, kind: Kind) throws {
        let text = try String(contentsOf: hook, encoding: .utf8)
        #expect(text.hasPrefix("#!/bin/sh\n"))
        #expect(text.contains("# countersign:"))
        #expect(text.contains("hook \(kind.rawValue)"))
        let binary = URL(fileURLWithPath: Binary.path).resolvingSymlinksInPath().path
        if kind == .server {
            // The server runs the binary it was installed with, never one the environment names.
            #expect(text.contains("exec \"\(binary)\" hook"), "\(text)")
            #expect(!text.contains("${COUNTERSIGN"), "\(text)")
        } else {
            #expect(text.contains("COUNTERSIGN:-\(binary)}"), "\(text)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: hook.path))
    }
}
