import Foundation
import GitKit

/// What merging a pull request would do to the reviews, as notices that fail nothing: the
/// sign-offs it makes stale and the triggers it fires (`check`, docs/reference.md#rules).
struct MergeEffects {
    let context: LedgerContext
    let ledger: Ledger

    func notices(base: ObjectID, merge: ObjectID) throws -> [Finding] {
        guard let policy = try context.policyInForce(at: base) else { return [] }
        let baseCommit = try context.commit(base)
        let mergeTree = try context.commit(merge).treeID
        let changed = try context.repository.changes(from: baseCommit.treeID, to: mergeTree).map(\.path)
        let reviews = Set(changed.compactMap { ReviewLayout.split($0)?.review })
        let state = try ledger.acceptedState(at: base, reviews: reviews)
        let judge = SignOffJudge(context: context, policy: policy, acceptance: baseCommit, state: state)
        var notices: [Finding] = []
        for review in reviews.sorted() {
            var stale: [String] = []
            var reason: String?
            for step in policy.steps {
                guard let current = state.current(review: review, step: step) else { continue }
                guard try current.allSatisfy({ try judge.staleness(of: $0, at: base) == nil }),
                      let why = try current.lazy.compactMap({ try judge.staleness(of: $0, at: merge) }).first else { continue }
                stale.append("\(step.id) (\(current.map(\.name.member).joined(separator: ", ")))")
                reason = reason ?? why
            }
            if !stale.isEmpty {
                notices.append(Finding(rule: .mergeMakesStale, path: "\(Review.root)/\(review)",
                                         message: "this merge makes \(stale.joined(separator: ", ")) of \(review) stale (\(reason ?? "covered files changed")); each will need a new round"))
            }
            guard let clearance = policy.clearanceStep, let cleared = state.current(review: review, step: clearance),
                  let target = cleared.first?.target else { continue }
            let triggers = try context.review(review, inTree: context.commit(target).treeID).review.triggers ?? []
            for trigger in triggers {
                if let path = changed.first(where: { path in trigger.paths.contains { $0.matches(path) } }) {
                    notices.append(Finding(rule: .mergeFiresTrigger, path: path,
                                             message: "this merge changes \(path), which fires trigger \(trigger.id) of \(review): the review will be reassessment-required"))
                }
            }
        }
        return notices
    }
}
