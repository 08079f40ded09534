import Foundation
import GitKit

/// The repository with the caches one run needs: each commit, policy version, review version,
/// signature and diff is read or computed once, so a run costs what it verifies.
public final class LedgerContext {
    public let repository: Repository
    public let signatures: SignatureCheck
    /// The clock that dates, expiries and triggers are judged against.
    public let now: Date

    private var commits = BoundedCache<ObjectID, Commit>(capacity: 2048)
    private var policies: [ObjectID: Result<Policy, PolicyError>] = [:]
    private var reviews = BoundedCache<String, (Review, [Finding])>(capacity: 256)
    private var folderIDs = BoundedCache<FolderKey, ObjectID?>(capacity: 4096)
    /// The last first-parent diff: judging a commit asks for it more than once, and nothing older.
    private var lastDiff: (commit: ObjectID, deltas: [DiffDelta])?
    private var policiesInForce = BoundedCache<ObjectID, Policy?>(capacity: 4096)
    /// Each review file parsed alone, by blob id and path: most files are the same from one
    /// revision to the next, so a review is re-read by parsing only what changed.
    private var files = BoundedCache<String, (review: Review, violations: [Finding])>(capacity: 2048)

    /// Each commit of the first-parent history being judged with its position (oldest first),
    /// sorted by id: whether one of its commits is an ancestor of another is then a comparison
    /// rather than a walk. A sorted array takes a third of a dictionary's memory.
    private var positions: [(id: ObjectID, position: Int32)] = []

    /// A merge commit written only in memory (`Ledger.prospectiveMerge`): what a pull request's
    /// merge would be. Its author and signature are the server's to judge, not this run's.
    public var prospectiveMerge: ObjectID?
    /// Set by the server's hook (docs/reference.md#sign-offs, and design.md's trust model): a key's validity is judged at `now`
    /// too, so no backdated object signed with a key past its window is accepted.
    public var judgesKeysAtClock = false
    /// Void commits that changed the policy, with the blob each brought (a commit that fails the
    /// commit rules but landed anyway changes nothing for the log: its policy is never in force).
    private var voidPolicies: [ObjectID: ObjectID] = [:]

    /// From how many commits a full walk verifies commit signatures on a second thread ahead of
    /// it; below that, starting the thread costs more than it saves.
    public var prefetchMinimum = 512

    public init(repository: Repository, now: Date = Date()) {
        self.repository = repository
        self.now = now
        signatures = SignatureCheck(repository: repository)
    }

    public func commit(_ id: ObjectID) throws -> Commit {
        if let cached = commits[id] { return cached }
        let commit = try repository.commit(id)
        commits[id] = commit
        return commit
    }

    /// Makes `history` (a first-parent history, oldest first) the one whose positions are known.
    public func remember(history: [ObjectID]) {
        positions = history.enumerated().map { ($0.element, Int32($0.offset)) }.sorted { $0.id < $1.id }
    }

    /// The position of `id` in the remembered first-parent history.
    public func position(of id: ObjectID) -> Int? {
        var low = 0, high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < positions.count && positions[low].id == id ? Int(positions[low].position) : nil
    }

    /// Whether `ancestor` is `commit` or one of its ancestors; by position when both are in the
    /// remembered first-parent history, otherwise by a walk.
    public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
        if let first = position(of: ancestor), let second = position(of: commit) { return first <= second }
        return try repository.isAncestor(ancestor, of: commit)
    }

    /// Whether `old` is `new` or on `new`'s first-parent chain: a merge whose first parent is a side
    /// branch would make the side branch the log.
    public func isOnFirstParentChain(_ old: ObjectID, of new: ObjectID) throws -> Bool {
        if old == new { return true }
        let gained = try repository.walk(from: [new], hiding: [old], firstParentOnly: true, order: .reverseTopological)
        guard let oldest = gained.first else { return false }
        return try commit(oldest).parentIDs.first == old
    }

    /// The policy in `tree`: nil when there is no `countersign.yaml`, a failure when it is invalid.
    public func policy(inTree tree: ObjectID) throws -> Result<Policy, PolicyError>? {
        guard let entry = try repository.entry(at: Policy.path, inTree: tree) else { return nil }
        if let cached = policies[entry.id] { return cached }
        let source = TreeSource(repository: repository, treeID: tree, label: "tree \(tree.hex.prefix(10))")
        let result: Result<Policy, PolicyError>
        do {
            result = .success(try PolicyReader.load(from: source))
        } catch let error as PolicyError {
            result = .failure(error)
        }
        if case .success(let policy) = result { signatures.learn(policy) }
        policies[entry.id] = result
        return result
    }

    /// Records `commit` as void for the log: the policy it brings never comes into force.
    func markVoid(_ commit: Commit) throws {
        guard let blob = try policyBlob(at: commit.id),
              try firstParentDiff(commit).contains(where: { $0.path == Policy.path }) else { return }
        voidPolicies[commit.id] = blob
        policiesInForce = BoundedCache(capacity: 4096)
    }

    /// Whether the policy in `commit`'s tree is the one a void commit brought, unchanged since.
    private func broughtByVoidCommit(_ commit: ObjectID) throws -> Bool {
        guard let blob = try policyBlob(at: commit) else { return false }
        var current = commit
        while true {
            if voidPolicies[current] == blob { return true }
            guard let parent = try self.commit(current).parentIDs.first, try policyBlob(at: parent) == blob else { return false }
            current = parent
        }
    }

    private func policyBlob(at commit: ObjectID) throws -> ObjectID? {
        try repository.entry(at: Policy.path, inTree: self.commit(commit).treeID)?.id
    }

    /// The valid policy of `commit`'s tree, or nil when it has none or an invalid one.
    public func policy(at commit: ObjectID) throws -> Policy? {
        try policy(inTree: self.commit(commit).treeID).flatMap { try? $0.get() }
    }

    /// The policy in force at `commit`: its own when valid, otherwise the last valid one before it in
    /// first-parent history, so that an invalid or deleted policy does not reset the root of trust;
    /// nil when no valid policy was ever in force (the first one to arrive is then trusted on first use).
    public func policyInForce(at commit: ObjectID) throws -> Policy? {
        var passed: [ObjectID] = []
        var next: ObjectID? = commit
        var found: Policy?
        while let id = next {
            if let cached = policiesInForce[id] {
                found = cached
                break
            }
            passed.append(id)
            if let policy = try policy(at: id), try voidPolicies.isEmpty || !broughtByVoidCommit(id) {
                found = policy
                break
            }
            next = try self.commit(id).parentIDs.first
        }
        for id in passed { policiesInForce[id] = found }
        return found
    }

    /// The id of the tree `reviews/<id>` in `tree`, or nil when the review does not exist there.
    public func reviewFolder(_ id: String, inTree tree: ObjectID) throws -> ObjectID? {
        let key = FolderKey(tree: tree, review: id)
        if let cached = folderIDs[key] { return cached }
        let entry = try repository.entry(at: "\(Review.root)/\(id)", inTree: tree)
        let folder = entry?.mode == .tree ? entry?.id : nil
        folderIDs[key] = folder
        return folder
    }

    /// Review `id` as it is in `tree`, with its schema violations; cached by the review folder's
    /// tree id, and built from files parsed once per content.
    public func review(_ id: String, inTree tree: ObjectID) throws -> (review: Review, violations: [Finding]) {
        let folder = try reviewFolder(id, inTree: tree)
        let key = "\(folder?.hex ?? "none")/\(id)"
        if let cached = reviews[key] { return cached }
        var review = Review(id: id)
        var violations: [Finding] = []
        for relative in ReviewReader.files {
            guard let file = try file(relative, review: id, folder: folder, tree: tree) else { continue }
            ReviewReader.copy(relative, from: file.review, into: &review)
            violations += file.violations
        }
        let result = (review, violations)
        reviews[key] = result
        return result
    }

    /// One file of review `id` parsed alone (nil when absent), cached by its blob id.
    private func file(_ relative: String, review id: String, folder: ObjectID?, tree: ObjectID) throws -> (review: Review, violations: [Finding])? {
        guard let folder, let entry = try repository.entry(at: relative, inTree: folder) else { return nil }
        let key = "\(entry.id.hex) \(id)/\(relative)"
        if let cached = files[key] { return cached }
        let diagnostics = FindingCollector()
        let source = TreeSource(repository: repository, treeID: tree, label: "tree \(tree.hex.prefix(10))")
        let parsed = (try ReviewReader(source: source, diagnostics: diagnostics).read(id, only: [relative]), diagnostics.violations)
        files[key] = parsed
        return parsed
    }

    /// The `review.yaml` of review `id` in `tree`, parsed alone and cached by its blob id.
    public func manifest(_ id: String, inTree tree: ObjectID) throws -> ReviewManifest? {
        try file("review.yaml", review: id, folder: reviewFolder(id, inTree: tree), tree: tree)?.review.manifest
    }

    /// Schema violations of the files at `paths` (inside review `id`) in `tree`: each file is
    /// parsed alone, once per content, so a commit costs what it changed.
    public func schemaViolations(review id: String, paths: [String], inTree tree: ObjectID) throws -> [Finding] {
        let folder = try reviewFolder(id, inTree: tree)
        return try paths.flatMap { try file($0, review: id, folder: folder, tree: tree)?.violations ?? [] }
    }

    /// Paths of review `id` that differ between two trees and match one of `globs` (relative to the review).
    public func changedPaths(review id: String, from old: ObjectID, to new: ObjectID, matching globs: [Glob]) throws -> [String] {
        let oldFolder = try reviewFolder(id, inTree: old)
        let newFolder = try reviewFolder(id, inTree: new)
        if oldFolder == newFolder || globs.isEmpty { return [] }
        return try repository.changes(from: oldFolder, to: newFolder).map(\.path).filter { path in globs.contains { $0.matches(path) } }
    }

    /// The first-parent diff of a commit: what it changed against its first parent (everything, for a root).
    public func firstParentDiff(_ commit: Commit) throws -> [DiffDelta] {
        if let lastDiff, lastDiff.commit == commit.id { return lastDiff.deltas }
        let parentTree = try commit.parentIDs.first.map { try self.commit($0).treeID }
        let deltas = try repository.changes(from: parentTree, to: commit.treeID)
        lastDiff = (commit.id, deltas)
        return deltas
    }
}

/// A review folder in one tree, as a cache key.
private struct FolderKey: Hashable {
    let tree: ObjectID
    let review: String
}
