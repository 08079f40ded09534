import Foundation
import GitKit

/// Tips of the protected branch seen before, where they came from, and for tips taken from a
/// remote-tracking ref's reflog, that ref's current tip.
public struct KnownTip: Sendable {
    public var revisions: [String]
    public var source: String
    public var remoteTip: ObjectID?
}

/// What an offline `verify` can hold a history to (``Rule/refNonFastForward``): a rewritten history is
/// self-consistent, so only a tip the auditor knew before shows it. That tip is given
/// (`--known-tip`) or, by default, every earlier value of the branch's remote-tracking ref in its
/// reflog (the branch's upstream, else the first remote that has the branch).
extension Workspace {
    /// git run in this repository: in its work tree, or in the repository itself when it is bare.
    var git: GitCommand { GitCommand(directory: (try? root) ?? repository.gitDirectory) }

    /// The names of this clone's remotes (`git remote`); none when git cannot say.
    func remoteNames() -> [String] {
        ((try? git.run(["remote"])) ?? "").split(separator: "\n").map(String.init)
    }

    /// The known tips to hold `branch` to; nil when there are none.
    public func knownTip(_ value: String?, branch: String) throws -> KnownTip? {
        if let value { return KnownTip(revisions: [value], source: "--known-tip", remoteTip: nil) }
        let upstream = (try? git.run(["rev-parse", "--symbolic-full-name", "\(branch)@{upstream}"])).flatMap { $0.isEmpty ? nil : $0 }
        let remotes = remoteNames().map { "refs/remotes/\($0)/\(branch)" }
        for ref in [upstream].compactMap({ $0 }) + remotes {
            // Each reflog line starts with the old and the new value; a clone may write none.
            guard let current = try repository.reference(named: ref),
                  let folder = try? git.run(["rev-parse", "--git-dir"]),
                  let log = try? String(contentsOfFile: URL(fileURLWithPath: folder, relativeTo: git.directory).appendingPathComponent("logs/\(ref)").path, encoding: .utf8)
            else { continue }
            var earlier: [String] = []
            for line in log.split(separator: "\n") {
                for value in line.split(separator: " ").prefix(2).map(String.init) where ObjectID(value)?.isZero == false && value != current.hex && !earlier.contains(value) {
                    earlier.append(value)
                }
            }
            guard !earlier.isEmpty else { return nil }
            return KnownTip(revisions: earlier, source: "\(ref.dropFirst("refs/remotes/".count)) before a fetch, from its reflog", remoteTip: current)
        }
        return nil
    }

    /// ``Rule/refNonFastForward`` when a known tip is gone or no longer on the first-parent chain of
    /// the verified tip, or, for tips from a remote-tracking ref's reflog, of that ref's current
    /// tip (a fetch that rewound it shows a rewritten remote; the local branch may lag).
    public func knownTipViolation(_ known: KnownTip, tip: ObjectID, branch: String, context: LedgerContext) throws -> Finding? {
        let ref = "refs/heads/\(branch)"
        let (label, current) = known.remoteTip.map { ("the remote's \(branch)", $0) } ?? (branch, tip)
        for revision in known.revisions {
            guard let id = try? repository.resolveCommit(revision) else {
                return Finding(rule: .refNonFastForward, ref: ref, message: "the known tip \(revision) (\(known.source)) is not in this repository: the history that held it was rewritten, or fetch it and verify again")
            }
            if try context.isOnFirstParentChain(id, of: current) { continue }
            return Finding(rule: .refNonFastForward, ref: ref, commit: current.hex,
                             message: "the known tip \(id.hex.prefix(10)) (\(known.source)) is not on the first-parent chain of \(label) at \(current.hex.prefix(10)): the sign-off log was rewritten since, or this clone lags behind it (fetch and verify again)")
        }
        return nil
    }

    /// How the remote's copy of `branch` stands against the `tip` judged, when it differs: "origin/main
    /// is 3 commits ahead of main" — pull-request users rarely update their local branch.
    public func remoteDrift(branch: String, tip: ObjectID) throws -> String? {
        for remote in remoteNames() {
            guard let remoteTip = try repository.reference(named: "refs/remotes/\(remote)/\(branch)"), remoteTip != tip else { continue }
            if try repository.isAncestor(tip, of: remoteTip) {
                let count = (try? git.run(["rev-list", "--count", "\(tip.hex)..\(remoteTip.hex)"])) ?? "some"
                return "\(remote)/\(branch) is \(count) commit(s) ahead of the \(branch) judged here; `git pull` to judge what the server holds"
            }
            if try !repository.isAncestor(remoteTip, of: tip) {
                return "\(remote)/\(branch) and the \(branch) judged here have diverged; the server holds \(remote)/\(branch)"
            }
        }
        return nil
    }

    /// The root commit and the policy blob trusted on first use: an auditor compares them with
    /// values recorded elsewhere, or pins the root with `--trust-root`.
    public func trustedRoot(of report: LedgerReport) throws -> (root: ObjectID, policy: ObjectID?)? {
        guard let root = report.history.first else { return nil }
        return (root, try repository.entry(at: Policy.path, inTree: repository.commit(root).treeID)?.id)
    }
}
