import Foundation
import TestSupport

/// The review every enforcement test works on.
let review = "support-assistant"

/// `signoff/support-assistant/<step>/<round>/<member>`.
func signOffTag(_ step: String, _ member: String, round: Int = 1) -> String {
    ReviewScenario.tagName(review: review, step: step, round: round, member: member)
}

/// How a test reaches the server: git's local transport by `file://` URL, or the `git://` protocol
/// of a `git daemon` on 127.0.0.1.
enum Transport: String, CaseIterable, Sendable {
    case file, daemon
}

/// A value made once for the whole run, on first use, whichever test asks first.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private let make: @Sendable () throws -> Value

    init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    func get() throws -> Value {
        try lock.withLock {
            if let result { return try result.get() }
            let made = Result { try make() }
            result = made
            return try made.get()
        }
    }
}

/// A history pushed to a bare repository that then got the pre-receive hook; tests copy the bare
/// repository rather than build the history again.
struct ServerTemplate: Sendable {
    /// The repository the history was made in.
    let scenario: ReviewScenario
    /// The bare repository holding it, with the hook installed.
    let bare: TestRepository

    /// The whole review: content and the six sign-offs, tags and anchors (`runLifecycle`).
    static let signedOff = Once {
        let scenario = try ReviewScenario()
        try scenario.runLifecycle(review: review)
        return try ServerTemplate(scenario)
    }

    /// Part way: the description and intake signed, bob's security files committed, the assessment
    /// not yet signed.
    static let assessing = Once {
        let scenario = try ReviewScenario()
        try scenario.writeReview(review, as: Cast.alice, files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]),
                                 message: "Describe \(review)")
        let description = try scenario.signOff(review: review, step: "description", as: Cast.alice)
        try scenario.signOff(review: review, step: "intake", as: Cast.bob, requires: [description])
        try scenario.writeReview(review, as: Cast.bob, files: ReviewScenario.completeReviewFiles(["security/"]), message: "Assess \(review)")
        return try ServerTemplate(scenario)
    }

    private init(_ scenario: ReviewScenario) throws {
        self.scenario = scenario
        bare = try ReviewScenario.makeBareRemote()
        // Kept for the whole run, never released: removed when the test process ends.
        scenario.removeAtExit()
        AtExit.remove(bare.url)
        // The history goes in before the hook, so that the templates do not depend on what is tested.
        try scenario.repository.git(["push", "-q", bare.path, "refs/heads/main", "refs/tags/*:refs/tags/*"])
        try Servers.installHook(into: bare)
    }
}

/// A bare repository standing for the server, reached over one transport.
final class Server: @unchecked Sendable {
    let repository: TestRepository
    let url: String
    private let daemon: GitDaemon?

    init(_ repository: TestRepository, over transport: Transport) throws {
        self.repository = repository
        switch transport {
        case .file:
            url = "file://" + repository.path
            daemon = nil
        case .daemon:
            let daemon = try GitDaemon()
            url = try daemon.serve(repository.url, as: "server.git")
            self.daemon = daemon
        }
    }

    /// A fresh copy of `template`'s bare repository (hook included), reached over `transport`.
    convenience init(copying template: ServerTemplate, over transport: Transport) throws {
        let bare = try ReviewScenario.makeBareRemote()
        try Run.checked(["sh", "-c", "rm -rf \"$1\"/* && cp -a \"$2\"/. \"$1\"/", "sh", bare.path, template.bare.path])
        try self.init(bare, over: transport)
    }

    /// A copy of `template`'s bare repository without the hooks or git's object checks: a forge
    /// that takes any push, for what `verify` must find offline.
    static func forgeWithoutHooks(copying template: ServerTemplate) throws -> Server {
        let forge = try Server(copying: template, over: .file)
        for hook in ["pre-receive", "post-receive"] {
            try FileManager.default.removeItem(at: forge.repository.url.appendingPathComponent("hooks/\(hook)"))
        }
        try forge.repository.git(["config", "receive.fsckObjects", "false"])
        return forge
    }

    /// Ends the daemon, if any.
    func stop() { daemon?.stop() }

    /// Whether a daemon serves this server and accepts connections.
    var isListening: Bool { daemon?.isAccepting ?? false }

    /// What the server holds: every ref with its object, and every object.
    func snapshot() throws -> ServerSnapshot {
        ServerSnapshot(
            refs: try repository.git(["for-each-ref", "--format=%(objectname) %(refname)"]),
            objects: Set(try repository.git(["cat-file", "--batch-all-objects", "--batch-check"]).split(separator: "\n").map(String.init)))
    }

    /// Quarantine folders (`objects/tmp_objdir-incoming-*`) left in the object store.
    /// Over `git daemon` the server's receive-pack can still be removing its quarantine when the
    /// client has already seen the refusal, so this waits up to 5 s for it to go.
    func quarantineLeftovers() throws -> [String] {
        let objects = repository.url.appendingPathComponent("objects").path
        var leftovers: [String] = []
        for _ in 0..<50 {
            leftovers = try FileManager.default.contentsOfDirectory(atPath: objects).filter { $0.contains("incoming") }
            if leftovers.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return leftovers
    }

    /// Pushes `refspecs` (options such as `--force` included) from `scenario` to this server.
    func push(from scenario: ReviewScenario, _ refspecs: [String]) throws -> RunResult {
        try scenario.repository.tryGit(["push", url] + refspecs)
    }
}

struct ServerSnapshot: Equatable {
    var refs: String
    var objects: Set<String>
}

enum Servers {
    /// `countersign hooks install --server <bare>` with the built binary.
    static func installHook(into bare: TestRepository) throws {
        try Run.checked([Binary.path, "hooks", "install", "--server", bare.path], in: bare.url, environment: bare.environment)
    }

    /// The rule ids in countersign's findings, one per line, in order: `<subject>: rejected (<rule>): …`
    /// or `<path>:<line>: … (<rule>)`. Hook lines start with `countersign: ` (and git relays them
    /// after `remote: `); `check` prints bare lines.
    static func rules(in output: String, hookLines: Bool = true) -> [String] {
        let id = "[a-z]+(?:\\.[a-z0-9-]+)+"
        return output.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !hookLines || text.contains("countersign: ") else { return nil }
            if let match = text.range(of: ": rejected \\(\(id)\\): ", options: .regularExpression) {
                return String(text[match].dropFirst(": rejected (".count).dropLast("): ".count))
            }
            if let match = text.range(of: " \\(\(id)\\)$", options: .regularExpression) {
                return String(text[match].dropFirst(2).dropLast())
            }
            return nil
        }
    }
}
