import Foundation
import GitKit

/// Judging only what is new: the hooks and `check` start from the sign-offs already anchored at
/// the base and judge the commits after it, so their cost follows the push, not the history.
extension Ledger {
    /// The sign-offs anchored in `commit`'s tree, taken as accepted: the protected branch's history
    /// was judged when it arrived (and `verify` re-derives it from scratch). With `reviews`, only
    /// those reviews' ledgers are read: sign-offs of one review never depend on another's.
    public func acceptedState(at commit: ObjectID, reviews: Set<String>? = nil) throws -> LedgerState {
        let only = reviews
        var state = LedgerState()
        let tree = try context.commit(commit).treeID
        let policy = try context.policyInForce(at: commit)
        guard let reviews = try context.repository.entry(at: Review.root, inTree: tree), reviews.mode == .tree else { return state }
        // Named reviews are looked up one by one, so that a push to one review does not list them all.
        let ids = try only.map { $0.sorted() } ?? context.repository.entries(ofTree: reviews.id).filter { $0.mode == .tree }.map(\.name)
        var signOffs: [SignOff] = []
        for id in ids {
            guard let ledger = try context.repository.entry(at: "\(id)/ledger", inTree: reviews.id), ledger.mode == .tree else { continue }
            // Only regular files are anchors; anything else in ledger/ was refused where it arrived.
            for anchor in try context.repository.entries(ofTree: ledger.id) where anchor.mode == .blob {
                guard let name = SignOffName(anchorPath: "\(Review.root)/\(id)/ledger/\(anchor.name)"),
                      let signOff = try accepted(name, blob: anchor.id, at: commit, policy: policy) else { continue }
                signOffs.append(signOff)
            }
        }
        for signOff in signOffs.sorted(by: { ($0.tagger?.date ?? .distantPast) < ($1.tagger?.date ?? .distantPast) }) {
            state.accept(signOff)
        }
        return state
    }

    private func accepted(_ name: SignOffName, blob: ObjectID, at commit: ObjectID, policy: Policy?) throws -> SignOff? {
        guard case .success(let anchor) = try Anchor.read(blob, name: name, repository: context.repository) else { return nil }
        var signOff = SignOff(name: name, tagID: anchor.id, target: anchor.tag.targetID, acceptance: commit, tagger: anchor.tag.tagger)
        signOff.message = try? SignOffMessage(message: anchor.tag.message)
        signOff.role = policy?.step(name.step)?.role
        return signOff
    }

    /// Judges the first-parent commits after `base` up to `tip` (all of them when `base` is nil),
    /// starting from the sign-offs accepted at `base`.
    public func extend(from base: ObjectID?, to tip: ObjectID) throws -> LedgerReport {
        guard let base else { return try build(tip: tip) }
        let commits = try context.repository.walk(from: [tip], hiding: [base], firstParentOnly: true, order: .reverseTopological)
        let touched = try reviewsChanged(by: commits)
        var report = LedgerReport(branch: branch, tip: tip, history: commits, violations: [], signOffs: [],
                                  state: try acceptedState(at: base, reviews: touched))
        try judge(commits, ref: "refs/heads/\(branch)", report: &report)
        return report
    }

    /// The reviews that first-parent commits change (their diffs are cached for judging them):
    /// the only ledgers those commits can add anchors to.
    func reviewsChanged(by commits: [ObjectID]) throws -> Set<String> {
        var reviews = Set<String>()
        for id in commits {
            for delta in try context.firstParentDiff(context.commit(id)) {
                if let review = ReviewLayout.split(delta.newPath)?.review { reviews.insert(review) }
                if let review = ReviewLayout.split(delta.oldPath)?.review { reviews.insert(review) }
            }
        }
        return reviews
    }
}
