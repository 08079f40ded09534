import Foundation
import GitKit

/// A pull request judged as its merge (docs/reference.md#rules): the merge commit `git merge --no-ff` would
/// make on the log's tip, written to memory only, so that `check`, `sign` and `status` of a branch
/// give the verdict the server gives the push of that merge.
extension Ledger {
    /// How a branch would reach the protected branch.
    public enum Method: String, Sendable, CaseIterable {
        /// A merge commit whose first parent is the target's tip: the only way that keeps the
        /// signed commits as they are and the log's tip on its first-parent chain.
        case merge
        /// The target moves to the branch's tip, which must have the target's tip on its first-parent chain.
        case ff
    }

    /// The merge of `head` into `base` as `git merge --no-ff` would write it, held in memory; its
    /// author and signature are not judged (only the server sees them). Nil when `head` is already
    /// in `base`'s history; unusable input when the merge has conflicts.
    public func prospectiveMerge(of head: ObjectID, into base: ObjectID) throws -> ObjectID? {
        if try context.repository.isAncestor(head, of: base) { return nil }
        try context.repository.keepWritesInMemory()
        // A stand-in identity: the server judges the real merge's author.
        let who = Signature(name: "countersign", email: "prospective-merge@countersign.invalid", date: context.now, offsetMinutes: 0)
        guard let merge = try context.repository.writeMergeCommit(ours: base, theirs: head, who: who,
                                                                  message: "Merge \(head.hex.prefix(10)) into \(branch)\n") else {
            throw InputError("merging \(head.hex.prefix(10)) into \(branch) has conflicts; merge \(branch) into the branch, resolve them and push again")
        }
        context.prospectiveMerge = merge
        return merge
    }

    /// The ledger after `head` reaches the log's tip `base` by `method`, judged as the server judges
    /// that push; `full` walks the whole history first (what `status` shows), otherwise only what
    /// the merge brings is judged on top of the sign-offs accepted at `base` (what `check` needs).
    public func landing(_ head: ObjectID, on base: ObjectID, method: Method, full: Bool) throws -> LedgerReport {
        let tip: ObjectID
        switch method {
        case .ff:
            tip = head
        case .merge:
            tip = try prospectiveMerge(of: head, into: base) ?? base
        }
        return try full ? build(tip: tip) : extend(from: base, to: tip)
    }
}
