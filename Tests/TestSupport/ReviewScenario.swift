import Foundation

/// Builds real review histories for tests: commits and sign-off tags made by `git` and signed with
/// the cast's SSH keys, and anchors committed to `main` (spec sections 2, 3 and 5).
///
///     let scenario = try ReviewScenario()
///     try scenario.writeReview("support-assistant", as: Cast.alice, files: ["review.yaml": "title: x\n"])
///     let description = try scenario.signOff(review: "support-assistant", step: "description", as: Cast.alice)
///     let intake = try scenario.signOff(review: "support-assistant", step: "intake", as: Cast.bob, requires: [description])
public final class ReviewScenario: Sendable {
    /// The repository the scenario builds, on branch `main`.
    public let repository: TestRepository
    /// The protected branch's root commit: `countersign.yaml`, authored and signed by frank.
    public let root: String
    /// Message files for `git commit -F` and `git tag -F`, kept out of the work tree.
    let scratch: TempDirectory

    /// A repository on `main` whose root commit adds `policy` as `countersign.yaml`, authored and SSH-signed by frank.
    public init(policy: String = Fixtures.policyYAML()) throws {
        repository = try TestRepository()
        ReviewScenario.isolate(repository)
        scratch = try TempDirectory(prefix: "scenario")
        root = try ReviewScenario.commit(in: repository, scratch: scratch, as: Cast.frank,
                                         files: ["countersign.yaml": policy], message: "Adopt the review policy",
                                         sign: true, signingKey: nil)
    }

    /// Wraps a repository that already has history on its current branch (a clone).
    init(existing repository: TestRepository) throws {
        self.repository = repository
        ReviewScenario.isolate(repository)
        scratch = try TempDirectory(prefix: "scenario")
        root = try repository.git(["rev-list", "--max-parents=0", "--first-parent", "HEAD"])
    }

    /// Keeps the user's global git configuration (identity, hooks path, signing) out of every git run.
    static func isolate(_ repository: TestRepository) {
        repository.environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    }

    /// The commit that `HEAD` resolves to.
    public func head() throws -> String { try repository.head() }

    /// Writes (text) or deletes (nil: a file or a folder) `files`, paths relative to the repository root,
    /// stages only those paths and commits them as `person` (author and committer), signed with the
    /// person's key unless `sign` is false or `signingKey` names another key. Empty `files` makes an
    /// empty commit. Returns the commit id.
    @discardableResult
    public func commit(
        as person: Person, files: [String: String?], message: String,
        sign: Bool = true, signingKey: SSHKey? = nil
    ) throws -> String {
        try Self.commit(in: repository, scratch: scratch, as: person, files: files, message: message,
                        sign: sign, signingKey: signingKey)
    }

    /// `commit(as:files:...)` with paths inside `reviews/<id>/`.
    @discardableResult
    public func writeReview(
        _ id: String, as person: Person, files: [String: String?], message: String? = nil,
        sign: Bool = true, signingKey: SSHKey? = nil
    ) throws -> String {
        var rooted: [String: String?] = [:]
        for (path, text) in files { rooted["reviews/\(id)/\(path)"] = text }
        return try commit(as: person, files: rooted, message: message ?? "Update review \(id)",
                          sign: sign, signingKey: signingKey)
    }

    /// The anchor file of a sign-off, relative to the repository root (spec section 3).
    public static func anchorPath(review: String, step: String, round: Int, member: String) -> String {
        "reviews/\(review)/ledger/\(step).\(round).\(member)"
    }

    /// Commits `reviews/<review>/ledger/<step>.<round>.<member>` holding the tag object `tagObjectID`
    /// byte for byte (what `git cat-file tag` prints), as `person`, signed unless `sign` is false;
    /// returns the commit id.
    @discardableResult
    public func anchor(
        tagObjectID: String, name: (review: String, step: String, round: Int, member: String),
        as person: Person, sign: Bool = true, signingKey: SSHKey? = nil
    ) throws -> String {
        try anchor(content: rawObject(tagObjectID, type: "tag"), name: name, as: person, sign: sign, signingKey: signingKey)
    }

    /// Commits the anchor of `name` holding `content` exactly (for malformed anchors); returns the commit id.
    @discardableResult
    public func anchor(
        content: Data, name: (review: String, step: String, round: Int, member: String),
        as person: Person, sign: Bool = true, signingKey: SSHKey? = nil
    ) throws -> String {
        let path = Self.anchorPath(review: name.review, step: name.step, round: name.round, member: name.member)
        let tag = Self.tagName(review: name.review, step: name.step, round: name.round, member: name.member)
        try repository.write(path, content)
        try repository.git(["--literal-pathspecs", "add", "-f", "--", path])
        return try commit(as: person, files: [:], message: "Anchor \(tag)", sign: sign, signingKey: signingKey)
    }

    /// Signs `step` as `person`: the signed tag on `HEAD`, then its anchor commit by the same person.
    @discardableResult
    public func signOff(
        review: String, step: String, as person: Person, round: Int = 1,
        requires: [any SignOffReference] = [], decision: String? = nil, message: String? = nil
    ) throws -> SignOffIDs {
        let target = try head()
        let resolved = try requires.map { try $0.requirement(in: repository) }
        let tag = try tag(review: review, step: step, round: round, member: person, target: target,
                          requires: resolved, decision: decision, message: message)
        let anchor = try anchor(tagObjectID: tag, name: (review, step, round, person.id), as: person)
        return SignOffIDs(review: review, step: step, round: round, member: person.id,
                          tag: tag, target: target, anchor: anchor)
    }

    /// Writes a message into a fresh scratch file and returns its path.
    func messageFile(_ text: String) throws -> String {
        let url = scratch.child("message-\(UUID().uuidString.prefix(8))")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private static func commit(
        in repository: TestRepository, scratch: TempDirectory, as person: Person, files: [String: String?],
        message: String, sign: Bool, signingKey: SSHKey?
    ) throws -> String {
        let manager = FileManager.default
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            if let text {
                try repository.write(path, text)
                try repository.git(["--literal-pathspecs", "add", "-f", "--", path])
            } else {
                let url = repository.url.appendingPathComponent(path)
                if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
                try repository.git(["--literal-pathspecs", "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", path])
            }
        }
        let messageURL = scratch.child("commit-\(UUID().uuidString.prefix(8))")
        try Data(message.utf8).write(to: messageURL)
        defer { try? manager.removeItem(at: messageURL) }
        var arguments = ["commit", "-q", "--allow-empty", "-F", messageURL.path]
        if sign {
            arguments = (signingKey ?? person.key).gitSigningArguments + arguments + ["-S"]
        } else {
            arguments.append("--no-gpg-sign")
        }
        try repository.git(arguments, environment: person.gitEnvironment)
        return try repository.head()
    }
}
