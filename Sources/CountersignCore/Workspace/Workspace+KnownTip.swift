import Foundation
import GitKit

/// What an offline `verify` can hold a history to (spec section 6, `ref.non-fast-forward`): a
/// rewritten history is self-consistent, so only a tip the auditor knew before shows it. That tip
/// is given (`--known-tip`) or, by default, the remote-tracking ref's previous value in the reflog.
/// A tip of the protected branch seen before, where it came from, and for one taken from a
/// remote-tracking ref's reflog, that ref's current tip.
public struct KnownTip: Sendable {
    public var revision: String
    public var source: String
    public var remoteTip: ObjectID?
}

extension Workspace {
    /// The known tip to hold `branch` to, and where it came from; nil when there is none.
    public func knownTip(_ value: String?, branch: String) throws -> KnownTip? {
        if let value { return KnownTip(revision: value, source: "--known-tip", remoteTip: nil) }
        let git = GitCommand(directory: try root)
        let remotes = (try? git.run(["remote"]))?.split(separator: "\n").map(String.init) ?? []
        for remote in remotes {
            let ref = "refs/remotes/\(remote)/\(branch)"
            if let id = try? git.run(["rev-parse", "-q", "--verify", ref + "@{1}^{commit}"]), !id.isEmpty {
                return KnownTip(revision: id, source: "\(remote)/\(branch) before its last fetch, from the reflog",
                                remoteTip: try repository.reference(named: ref))
            }
        }
        return nil
    }

    /// `ref.non-fast-forward` when the known tip is gone or no longer on the first-parent chain of
    /// the verified tip, or, for a tip taken from a remote-tracking ref's reflog, of that ref's
    /// current tip (a fetch that rewound it shows a rewritten remote; the local branch may lag).
    public func knownTipViolation(_ known: KnownTip, tip: ObjectID, branch: String, context: LedgerContext) throws -> Violation? {
        let ref = "refs/heads/\(branch)"
        guard let id = try? repository.resolveCommit(known.revision) else {
            return Violation(rule: "ref.non-fast-forward", ref: ref, message: "the known tip \(known.revision) (\(known.source)) is not in this repository: the history that held it was rewritten, or fetch it and verify again")
        }
        let (label, current) = known.remoteTip.map { ("the remote's \(branch)", $0) } ?? (branch, tip)
        if try context.isOnFirstParentChain(id, of: current) { return nil }
        return Violation(rule: "ref.non-fast-forward", ref: ref, commit: current.hex,
                         message: "the known tip \(id.hex.prefix(10)) (\(known.source)) is not on the first-parent chain of \(label) at \(current.hex.prefix(10)): the sign-off log was rewritten since, or this clone lags behind it (fetch and verify again)")
    }

    /// The root commit and the policy blob trusted on first use: an auditor compares them with
    /// values recorded elsewhere, or pins the root with `--trust-root`.
    public func trustedRoot(of report: LedgerReport) throws -> (root: ObjectID, policy: ObjectID?)? {
        guard let root = report.history.first else { return nil }
        return (root, try repository.entry(at: Policy.path, inTree: repository.commit(root).treeID)?.id)
    }
}
