import Foundation
import GitKit

/// The ledger of a workspace's protected branch (or of a given revision), with its tags scanned.
public struct LedgerRun {
    public let context: LedgerContext
    public let report: LedgerReport
    public let tags: TagScan.Result

    /// Commit and sign-off violations, then tag violations; notices are separate.
    public var violations: [Violation] { report.violations + tags.violations }

    public var statusBuilder: StatusBuilder {
        StatusBuilder(context: context, report: report, unanchored: tags.unanchored)
    }
}

extension Workspace {
    /// The protected branch `revision` belongs to, and the commit to judge up to. With no revision,
    /// the first protected branch of the policy at HEAD that exists.
    public func protectedTip(revision: String?) throws -> (branch: String, tip: ObjectID) {
        let context = LedgerContext(repository: repository)
        if let revision {
            let tip: ObjectID
            do {
                tip = try repository.resolveCommit(revision)
            } catch let error as GitError {
                throw InputError("cannot resolve \(revision): \(error.message); name a commit, branch or tag")
            }
            let name = revision.hasPrefix("refs/heads/") ? String(revision.dropFirst("refs/heads/".count)) : revision
            if try repository.reference(named: "refs/heads/\(name)") != nil { return (name, tip) }
            // A commit or tag: judged as the protected branch would be at that commit.
            return (try context.policyInForce(at: tip)?.protectedBranches.first ?? "main", tip)
        }
        let head = try? repository.resolveCommit("HEAD")
        var branches = ["main"]
        if let head, let policy = try context.policyInForce(at: head) { branches = policy.protectedBranches }
        for branch in branches {
            if let tip = try repository.reference(named: "refs/heads/\(branch)") {
                return (branch, try repository.resolveCommit(tip.hex))
            }
        }
        throw InputError("no protected branch (\(branches.joined(separator: ", "))) exists here; fetch it or pass --rev")
    }

    /// Builds the ledger up to `revision` (or the protected branch) and scans the sign-off tags.
    public func runLedger(revision: String? = nil, trustRoot: String? = nil, now: Date = Date()) throws -> LedgerRun {
        let (branch, tip) = try protectedTip(revision: revision)
        let context = LedgerContext(repository: repository, now: now)
        let root = try trustRoot.map { value -> ObjectID in
            guard let id = try? repository.resolveCommit(value) else { throw InputError("cannot resolve the trust root \(value); give the root commit's id") }
            return id
        }
        let report = try Ledger(context: context, branch: branch).build(tip: tip, trustRoot: root)
        guard try context.policyInForce(at: tip) != nil || context.policy(inTree: context.commit(tip).treeID) != nil else {
            throw InputError("no valid countersign.yaml in the history of \(tip.hex.prefix(10)); run `countersign init` and commit it", path: Policy.path)
        }
        let tags = try TagScan(context: context).scan(report)
        return LedgerRun(context: context, report: report, tags: tags)
    }
}
