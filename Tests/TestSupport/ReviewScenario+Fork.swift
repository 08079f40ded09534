import Foundation

/// Copies of a scenario, so that many tests can build on one history made once, and raw objects
/// for tests that forge what `git` itself would never write.
extension ReviewScenario {
    /// A scenario that has carried the example review through `runLifecycle()`, made once per test
    /// process. Never build on it: take a `forkLifecycle(at:)` copy.
    public static let completedLifecycle: (scenario: ReviewScenario, lifecycle: Lifecycle) = {
        // swiftlint:disable force_try
        let scenario = try! ReviewScenario()
        let lifecycle = try! scenario.runLifecycle()
        // swiftlint:enable force_try
        AtExit.remove(scenario.repository.url)
        AtExit.remove(scenario.scratch.url)
        return (scenario, lifecycle)
    }()

    /// A private copy of `completedLifecycle`, cut back to the commit `cut` picks (the whole lifecycle
    /// when nil): `main` is reset there and the sign-off tags not anchored there are deleted.
    public static func forkLifecycle(at cut: ((Lifecycle) -> String)? = nil) throws -> (scenario: ReviewScenario, lifecycle: Lifecycle) {
        let (template, lifecycle) = completedLifecycle
        return (try template.fork(at: cut?(lifecycle)), lifecycle)
    }

    /// A clone of this scenario's repository with all its branches and tags, on `main`, with no
    /// remote left. With `commit`, `main` is reset there and every `signoff/` tag whose anchor is
    /// not in that commit's tree is deleted, as if the history had stopped there.
    public func fork(at commit: String? = nil) throws -> ReviewScenario {
        let copy = try TestRepository()
        ReviewScenario.isolate(copy)
        try FileManager.default.removeItem(at: copy.url.appendingPathComponent(".git"))
        try copy.git(["clone", "-q", repository.path, "."])
        try copy.git(["remote", "remove", "origin"])
        try copy.git(["config", "commit.gpgsign", "false"])
        try copy.git(["config", "tag.gpgsign", "false"])
        if let commit {
            try copy.git(["reset", "-q", "--hard", commit])
            let anchors = Set(try copy.git(["ls-tree", "-r", "--name-only", commit, "--", "reviews"]).split(separator: "\n").map(String.init))
            for tag in try copy.git(["tag", "--list", "signoff/*"]).split(separator: "\n").map(String.init) {
                let parts = tag.split(separator: "/").map(String.init)
                let anchored = parts.count == 5 && anchors.contains("reviews/\(parts[1])/ledger/\(parts[2]).\(parts[3]).\(parts[4])")
                if !anchored { try copy.git(["tag", "-d", tag]) }
            }
        }
        return try ReviewScenario(existing: copy)
    }

    /// The raw bytes of object `id` as `git cat-file <type>` prints them.
    public func rawObject(_ id: String, type: String) throws -> Data {
        Data(try repository.tryGit(["cat-file", type, id]).stdout.utf8)
    }

    /// The tag object `id` as text, as an anchor holds it (`git cat-file tag`).
    public func anchorText(_ id: String) throws -> String {
        String(decoding: try rawObject(id, type: "tag"), as: UTF8.self)
    }

    /// Writes `data` as an object of `type` exactly as given (`git hash-object --literally`), without
    /// git's checks; returns its id.
    @discardableResult
    public func writeObject(_ data: Data, type: String) throws -> String {
        try repository.git(["hash-object", "-t", type, "-w", "--literally", "--stdin"], input: data)
    }

    /// Points `ref` at `id` (`git update-ref`), whatever it pointed at before.
    public func setRef(_ ref: String, to id: String) throws {
        try repository.git(["update-ref", ref, id])
    }
}

extension Person {
    /// This person with another email or key, e.g. to tag with an email the policy does not list,
    /// or to stand for a key rotation.
    public func with(email: String? = nil, key: SSHKey? = nil) -> Person {
        Person(id: id, name: name, email: email ?? self.email, key: key ?? self.key)
    }
}
