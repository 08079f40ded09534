import Foundation
import GitKit

/// The two-person rule (docs/reference.md#countersignyaml, `policy_approvals: N`): a change to `countersign.yaml`
/// reaches the log only inside a merge whose branch holds, after it, approval commits by N−1
/// other policy owners, each signed with that owner's own key and carrying
/// `Policy-Approved: <blob id of the new countersign.yaml>`.
extension Ledger {
    static let approvalTrailer = "Policy-Approved:"

    /// A policy change made on the log itself (a first-parent commit, or a merge's own change)
    /// when the policy in force asks for approvals.
    func unapprovedDirectChange(_ commit: Commit, deltas: [DiffDelta], policy: Policy, ref: String) -> [Finding] {
        guard policy.policyApprovals > 1, deltas.contains(where: { $0.path == Policy.path }) else { return [] }
        return [Finding(rule: .policyUnauthorizedChange, ref: ref, commit: commit.id.hex, path: Policy.path,
                          message: "\(CommitJudge.label(commit)) changes countersign.yaml on the log itself, but policy_approvals is \(policy.policyApprovals): make the change on a branch, have \(policy.policyApprovals - 1) other policy owner(s) add a signed commit with `Policy-Approved: <blob id>` after it, and merge")]
    }

    /// The policy changes among `brought` (the commits a merge brings in) that lack their approvals.
    func unapprovedChanges(in brought: [Commit], policy: Policy, ref: String) throws -> [Finding] {
        guard policy.policyApprovals > 1 else { return [] }
        var violations: [Finding] = []
        for change in brought where try context.firstParentDiff(change).contains(where: { $0.path == Policy.path && $0.status != .deleted }) {
            guard let blob = try context.repository.entry(at: Policy.path, inTree: change.treeID)?.id else { continue }
            let proposer = policy.member(email: change.author.email)?.id
            var approvers = Set<String>()
            for candidate in brought where candidate.id != change.id && Self.approvedBlob(candidate.message) == blob.hex {
                guard try context.isAncestor(change.id, of: candidate.id), let owner = try ownSignedOwner(candidate, policy: policy),
                      owner != proposer else { continue }
                approvers.insert(owner)
            }
            if approvers.count < policy.policyApprovals - 1 {
                let have = approvers.isEmpty ? "none" : approvers.sorted().joined(separator: ", ")
                violations.append(Finding(rule: .policyUnauthorizedChange, ref: ref, commit: change.id.hex, path: Policy.path,
                                            message: "\(CommitJudge.label(change)) changes countersign.yaml to blob \(blob.hex.prefix(10)), which needs approvals by \(policy.policyApprovals - 1) other policy owner(s) (approved by: \(have)); each adds, after the change, a commit signed with their own key whose message ends with `Policy-Approved: \(blob.hex)`"))
            }
        }
        return violations
    }

    /// The policy owner who authored `commit` and signed it with their own key; nil otherwise
    /// (a trusted committer's signature never approves a policy).
    private func ownSignedOwner(_ commit: Commit, policy: Policy) throws -> String? {
        guard let author = policy.member(email: commit.author.email), policy.policyOwners.contains(author.id),
              case .verified(let signature) = try context.signatures.commit(commit.id),
              case (.member(let holder), let key)? = signature.holder(in: policy), holder == author.id else { return nil }
        // The approving key must be valid at the approval's date, and on the server at its clock.
        let dates = [commit.committer.date] + (context.judgesKeysAtClock ? [context.now] : [])
        guard signature.satisfies(key), dates.allSatisfy({ key.isValid(at: $0) && signature.keyAllows($0) }) else { return nil }
        return author.id
    }

    /// The blob id a `Policy-Approved:` trailer names, if the message has one.
    static func approvedBlob(_ message: String) -> String? {
        message.split(separator: "\n").reversed().lazy
            .first { $0.hasPrefix(approvalTrailer) }
            .map { $0.dropFirst(approvalTrailer.count).trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
