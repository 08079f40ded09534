import Foundation
import GitKit

/// The ledger of a workspace's protected branch (or of a given revision), with its tags scanned.
public struct LedgerRun {
    public let context: LedgerContext
    public let report: LedgerReport
    public let tags: TagScan.Result
    public let scope: LedgerScope

    /// Commit and sign-off violations, then tag violations; notices are separate.
    public var violations: [Finding] { report.violations + tags.violations }
    /// Findings that fail nothing: unanchored tags, tag refs that differ from their anchors.
    public var notices: [Finding] { report.notices + tags.notices }

    public var statusBuilder: StatusBuilder {
        StatusBuilder(context: context, report: report, unanchored: tags.unanchored)
    }
}

/// What a run judges: the log branch up to a revision of its history, or a branch as if merged.
public struct LedgerScope: Sendable {
    /// The sign-off log's branch.
    public var branch: String
    /// The log's tip the answer is built on.
    public var base: ObjectID
    /// A revision outside the log's history, judged as its merge into `base`; nil for the log itself.
    public var merging: ObjectID?
    /// The branch `merging` came from, when it was named by one (or by HEAD on one).
    public var mergingBranch: String?

    /// "main 1a2b3c4d5e", or "feature 9f8e7d6c5b as if merged into main 1a2b3c4d5e".
    public func describe(tip: ObjectID) -> String {
        guard let merging else { return "\(branch) \(tip.hex.prefix(10))" }
        return "\(mergingBranch ?? "") \(merging.hex.prefix(10)) as if merged into \(branch) \(base.hex.prefix(10))".trimmingCharacters(in: .whitespaces)
    }
}

extension Workspace {
    /// What to judge for `revision`. With no revision: the log branch (the first protected branch of
    /// the policy at HEAD that exists here). A revision in the log's history: the log replayed up to
    /// it. Any other revision (a pull request's branch, HEAD on one): its merge into the log's tip.
    public func scope(revision: String?) throws -> LedgerScope {
        let context = LedgerContext(repository: repository)
        let head = try? repository.resolveCommit("HEAD")
        var branches = ["main"]
        if let head, let policy = try context.policyInForce(at: head) { branches = policy.protectedBranches }
        // A history whose policy dropped its log branch (refused, as the list only grows) is still
        // judged: the root policy's branches come after the current policy's.
        if head != nil, let rootID = try? GitCommand(directory: root).run(["rev-list", "--first-parent", "--max-parents=0", "HEAD"]),
           let id = ObjectID(rootID), let rootPolicy = try context.policy(at: id) {
            branches += rootPolicy.protectedBranches.filter { !branches.contains($0) }
        }
        var log: (branch: String, tip: ObjectID)?
        // The local branch, else a remote-tracking one (a clone that never checked the branch out).
        let remotes = remoteNames()
        search: for branch in branches {
            for ref in ["refs/heads/\(branch)"] + remotes.map({ "refs/remotes/\($0)/\(branch)" }) {
                if let tip = try repository.reference(named: ref) {
                    log = (branch, try repository.resolveCommit(tip.hex))
                    break search
                }
            }
        }
        guard let revision else {
            guard let log else { throw InputError("no protected branch (\(branches.joined(separator: ", "))) exists here; fetch it or pass --rev") }
            return LedgerScope(branch: log.branch, base: log.tip)
        }
        let tip: ObjectID
        do {
            tip = try repository.resolveCommit(revision)
        } catch let error as GitError {
            throw InputError("cannot resolve \(revision): \(error.message); name a commit, branch or tag")
        }
        guard let log, try !repository.isAncestor(tip, of: log.tip) else {
            // A commit of the log's history (or no log here): replayed up to it.
            let branch = try log?.branch ?? context.policyInForce(at: tip)?.protectedBranches.first ?? "main"
            return LedgerScope(branch: branch, base: tip)
        }
        var name: String? = revision.hasPrefix("refs/heads/") ? String(revision.dropFirst("refs/heads/".count)) : revision
        if revision == "HEAD" { name = try? GitCommand(directory: root).run(["symbolic-ref", "--short", "-q", "HEAD"]) }
        if let branch = name, try repository.reference(named: "refs/heads/\(branch)") == nil { name = nil }
        return LedgerScope(branch: log.branch, base: log.tip, merging: tip, mergingBranch: name)
    }

    /// Builds the ledger of `revision`'s scope and scans the sign-off tags. The tags anchored on the
    /// log after the revision are not judged against it: the answer is the log as of then.
    public func runLedger(revision: String? = nil, trustRoot: String? = nil, now: Date = Date()) throws -> LedgerRun {
        let scope = try scope(revision: revision)
        let context = LedgerContext(repository: repository, now: now)
        let root = try trustRoot.map { value -> ObjectID in
            guard let id = try? repository.resolveCommit(value) else {
                throw InputError("the trust root \(value) is not a commit of this repository's history; give the id of the protected branch's root commit as you recorded it")
            }
            return id
        }
        let ledger = Ledger(context: context, branch: scope.branch)
        let report = try scope.merging.map { try ledger.landing($0, on: scope.base, method: .merge, full: true) }
            ?? ledger.build(tip: scope.base, trustRoot: root)
        guard try context.policyInForce(at: report.tip) != nil || context.policy(inTree: context.commit(report.tip).treeID) != nil else {
            throw InputError("no valid countersign.yaml in the history of \(report.tip.hex.prefix(10)); run `countersign init` and commit it", path: Policy.path)
        }
        var later = Set<ObjectID>()
        if let logTip = try repository.reference(named: "refs/heads/\(scope.branch)"), logTip != scope.base,
           try repository.isAncestor(scope.base, of: logTip) {
            later = Set(try ledger.acceptedState(at: logTip).signOffs.map(\.tagID))
        }
        let tags = try TagScan(context: context).scan(report, skipping: later)
        return LedgerRun(context: context, report: report, tags: tags, scope: scope)
    }
}
