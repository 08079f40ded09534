import Foundation
import GitKit

/// What the pre-commit hook reports: rule violations of the staged change, and warnings about the
/// sign-offs it will make stale.
public struct StagedReport: Sendable {
    public var violations: [Finding]
    public var warnings: [Finding]
}

/// Judges the staged index as the commit it is about to become, with the identity git will
/// record: ownership, schemas and policy changes. It cannot see the signature; the server
/// hook and `check` are the gates.
public struct StagedChange {
    public let workspace: Workspace
    public let author: Signature

    public init(workspace: Workspace, author: Signature) {
        self.workspace = workspace
        self.author = author
    }

    /// The author git will record: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` when the commit exports
    /// them to its hooks, otherwise `git var GIT_AUTHOR_IDENT`.
    public static func author(in workspace: Workspace, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Signature {
        if let name = environment["GIT_AUTHOR_NAME"], let email = environment["GIT_AUTHOR_EMAIL"] {
            return Signature(name: name, email: email, date: Date(), offsetMinutes: 0)
        }
        let ident = try GitCommand(directory: workspace.root).run(["var", "GIT_AUTHOR_IDENT"])
        guard let open = ident.lastIndex(of: "<"), let close = ident.lastIndex(of: ">"), open < close else {
            throw InputError("git var GIT_AUTHOR_IDENT gave \"\(ident)\"; set user.name and user.email")
        }
        let name = ident[..<open].trimmingCharacters(in: .whitespaces)
        return Signature(name: name, email: String(ident[ident.index(after: open)..<close]), date: Date(), offsetMinutes: 0)
    }

    public func judge() throws -> StagedReport {
        let repository = workspace.repository
        let context = LedgerContext(repository: repository)
        let staged = try ObjectID(GitCommand(directory: workspace.root).run(["write-tree"]))
        guard let staged else { throw InputError("git write-tree gave no tree id") }
        let head = try? repository.resolveCommit("HEAD")
        guard let head, let policy = try context.policyInForce(at: head) else {
            // No policy in force yet: the first one is trusted on first use, but must be valid.
            if case .failure(let error)? = try context.policy(inTree: staged) { return StagedReport(violations: error.violations, warnings: []) }
            return StagedReport(violations: [], warnings: [])
        }
        let base = try context.commit(head).treeID
        let merged = mergeHeads()
        let commit = Commit(id: .zero, treeID: staged, parentIDs: [head] + merged, author: author, committer: author, message: "", summary: "")
        let deltas = try repository.changes(from: base, to: staged)
        let violations = try CommitJudge(context: context, policy: policy, ref: nil, checksSignatures: false)
            .judge(commit, deltas: ownChanges(deltas, head: head, merged: merged, context: context), baseTree: base)
        let warnings = try staleWarnings(deltas: deltas, policy: policy, head: head, context: context)
        return StagedReport(violations: violations, warnings: warnings)
    }

    /// The commits a merge in progress brings in (`MERGE_HEAD`); none otherwise.
    private func mergeHeads() -> [ObjectID] {
        let file = workspace.repository.gitDirectory.appendingPathComponent("MERGE_HEAD")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { ObjectID(String($0.prefix(40))) }
    }

    /// The staged change less what a merge in progress brings in: a path counts as brought in when
    /// it equals that path in a merged commit whose own history changed it since the merge base
    /// (docs/reference.md#rules). Those changes are their authors'; the server judges their commits.
    private func ownChanges(_ deltas: [DiffDelta], head: ObjectID, merged: [ObjectID], context: LedgerContext) throws -> [DiffDelta] {
        guard !merged.isEmpty else { return deltas }
        let repository = workspace.repository
        var brought: [(tree: ObjectID, paths: Set<String>)] = []
        for other in merged {
            let tree = try context.commit(other).treeID
            let base = try repository.mergeBase(head, other).map { try context.commit($0).treeID }
            brought.append((tree, Set(try repository.changes(from: base, to: tree).flatMap { [$0.oldPath, $0.newPath] })))
        }
        return try deltas.filter { delta in
            for (tree, paths) in brought where paths.contains(delta.path) {
                let theirs = try repository.entry(at: delta.path, inTree: tree)
                if theirs?.id == delta.newID && theirs?.mode == delta.newMode { return false }
            }
            return true
        }
    }

    /// "this edits security/threats.yaml: assessment (bob), risk-acceptance (dana) and clearance
    /// (frank) will need a new round".
    private func staleWarnings(deltas: [DiffDelta], policy: Policy, head: ObjectID, context: LedgerContext) throws -> [Finding] {
        var warnings: [Finding] = []
        var byReview: [String: [String]] = [:]
        for delta in deltas {
            guard let (review, relative) = ReviewLayout.split(delta.path), !ReviewLayout.isLedger(relative) else { continue }
            byReview[review, default: []].append(relative)
        }
        let state = try Ledger(context: context, branch: "HEAD").acceptedState(at: head, reviews: Set(byReview.keys))
        for (review, paths) in byReview.sorted(by: { $0.key < $1.key }) {
            var affected = Set(policy.steps.filter { step in paths.contains { step.covers($0) } }.map(\.id))
            for step in policy.steps where step.requires.contains(where: affected.contains) { affected.insert(step.id) }
            let signed = policy.steps.filter { affected.contains($0.id) }.compactMap { step -> String? in
                guard let current = state.current(review: review, step: step) else { return nil }
                return "\(step.id) (\(current.map(\.name.member).joined(separator: ", ")))"
            }
            guard !signed.isEmpty else { continue }
            let list = signed.count == 1 ? signed[0] : signed.dropLast().joined(separator: ", ") + " and " + signed.last!
            warnings.append(Finding(rule: .commitMakesStale, path: "\(Review.root)/\(review)",
                                    message: "this edits \(paths.sorted().joined(separator: ", ")) of \(review): \(list) will need a new round"))
        }
        return warnings
    }
}
