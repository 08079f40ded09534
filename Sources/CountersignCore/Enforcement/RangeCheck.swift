import Foundation
import GitKit

/// `check`: what the server would say to the push that lands a pull request (docs/reference.md#rules). The
/// base is the target branch's tip, never the merge base; the head is judged as its merge (or a
/// fast-forward), by the policy at the base, with the anchors accepted at the merge point.
public struct RangeCheck {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// The verdict on landing `head` on `base`.
    public struct Verdict: Sendable {
        public var base: ObjectID
        public var head: ObjectID
        public var method: Ledger.Method
        public var report: LedgerReport
        public var violations: [Finding]
        /// What fails nothing: what only the server can judge, the sign-offs the merge makes stale
        /// and the triggers it fires, tag refs that differ from their anchors.
        public var notices: [Finding]
        /// True when `head` is already in the target's history: there is nothing to land.
        public var alreadyMerged: Bool
    }

    /// Splits `<base>..<head>`; anything else is unusable input.
    public static func split(_ range: String) throws -> (base: String, head: String) {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !range.contains("...") else {
            throw InputError("\(range) is not a range; write <base>..<head> with base the target branch's tip, e.g. origin/main..HEAD, or --target main HEAD")
        }
        return (parts[0], parts[1])
    }

    /// A target branch by name: the local branch, else the remote-tracking one of `origin` (or a
    /// full `refs/heads/…` or `refs/remotes/…` name). Only branches: a tag that happens to share
    /// the branch's name is never the base.
    public func target(_ name: String) throws -> String {
        let repository = workspace.repository
        let candidates = name.hasPrefix("refs/heads/") || name.hasPrefix("refs/remotes/") ? [name]
            : ["refs/heads/\(name)", "refs/remotes/\(name)", "refs/remotes/origin/\(name)"]
        for candidate in candidates where (try? repository.reference(named: candidate)) != nil && (try? repository.resolveCommit(candidate)) != nil {
            return candidate
        }
        throw InputError("there is no branch \(name) here; fetch it (in CI: the full history, `fetch-depth: 0`)")
    }

    public func run(base baseRevision: String, head headRevision: String, method: Ledger.Method, now: Date = Date()) throws -> Verdict {
        let repository = workspace.repository
        func resolve(_ revision: String) throws -> ObjectID {
            do {
                return try repository.resolveCommit(revision)
            } catch let error as GitError {
                throw InputError("cannot resolve \(revision): \(error.message); fetch it (in CI: fetch the full history, `fetch-depth: 0`)")
            }
        }
        let base = try resolve(baseRevision)
        let head = try resolve(headRevision)
        let context = LedgerContext(repository: repository, now: now)
        let branch = try context.policyInForce(at: base)?.protectedBranches.first ?? "main"
        let ledger = Ledger(context: context, branch: branch)
        var verdict = Verdict(base: base, head: head, method: method, report: LedgerReport(branch: branch, tip: base, history: [], violations: [], signOffs: [], state: LedgerState()),
                              violations: [], notices: [], alreadyMerged: try repository.isAncestor(head, of: base))
        if verdict.alreadyMerged { return verdict }
        if method == .ff, !(try context.isOnFirstParentChain(base, of: head)) {
            verdict.violations.append(Finding(rule: .refNonFastForward, ref: "refs/heads/\(branch)", commit: head.hex,
                                                message: "\(headRevision) does not have \(baseRevision) (\(base.hex.prefix(10))) on its first-parent chain, so it cannot fast-forward \(branch); merge it with a merge commit (--method merge)"))
            return verdict
        }
        verdict.report = try ledger.landing(head, on: base, method: method, full: false)
        verdict.violations = verdict.report.violations
        verdict.notices = verdict.report.notices
        if context.prospectiveMerge != nil {
            verdict.notices.insert(Finding(rule: .mergeServerJudged, ref: "refs/heads/\(branch)", commit: head.hex,
                                             message: "judged as the merge of \(head.hex.prefix(10)) into \(branch) at \(base.hex.prefix(10)); only the server sees the merge commit itself and its clock: the merge must be a signed commit authored by a member, with \(branch)'s tip as its first parent (a merge commit, not a squash or a rebase)"), at: 0)
        }
        verdict.notices += try MergeEffects(context: context, ledger: ledger).notices(base: base, merge: verdict.report.tip)
        return verdict
    }
}
