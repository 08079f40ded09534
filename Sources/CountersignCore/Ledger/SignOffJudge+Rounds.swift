import Foundation
import GitKit

/// Spec section 5, "Rounds": a new round opens only for a reason, so nobody makes a clearance
/// stale by signing the same content again.
extension SignOffJudge {
    /// Why `step` may open the round after `latest` at `target`, or nil when nothing calls for it.
    func newRoundReason(_ name: SignOffName, step: Step, latest: [SignOff], target: ObjectID, review: Review) throws -> String? {
        let targetTree = try context.commit(target).treeID
        if let previous = latest.first?.target {
            let changed = try context.changedPaths(review: name.review, from: context.commit(previous).treeID, to: targetTree, matching: step.covers)
            if let path = changed.first { return "\(path) changed since round \(name.round - 1)" }
        }
        let named = Set(latest.flatMap { $0.message?.requires.map(\.objectID) ?? [] })
        for prerequisite in review.prerequisites(of: step, in: policy) {
            if let current = state.current(review: name.review, step: prerequisite), !current.allSatisfy({ named.contains($0.tagID.hex) }) {
                return "\(prerequisite.id) has a newer round"
            }
        }
        // The latest clearance round, complete or not: a threshold raised since leaves it open.
        guard let clearance = policy.clearanceStep, let cleared = state.latestRound(review: name.review, step: clearance.id)?.signOffs.first else { return nil }
        if cleared.decision == .returned {
            let disposition = try cleared.target.map { try context.review(name.review, inTree: context.commit($0).treeID).review.disposition }
            return disposition??.gaps.contains { $0.step == step.id } == true ? "the review was returned with gaps for \(step.id)" : nil
        }
        return try reassessmentReason(review: review, clearance: cleared, at: target)
    }

    /// Whether the cleared review must be assessed again at `target`: a trigger's path changed
    /// since the clearance's target, a review_by date or an acceptance's expiry passed (at the
    /// signer's date), or the policy's risk settings or steps changed since the clearance.
    private func reassessmentReason(review: Review, clearance: SignOff, at target: ObjectID) throws -> String? {
        guard let clearedAt = clearance.target else { return nil }
        let atClearance = try context.review(review.id, inTree: context.commit(clearedAt).treeID).review
        let (from, to) = (try context.commit(clearedAt).treeID, try context.commit(target).treeID)
        let changed = from == to ? [] : try context.repository.changes(from: from, to: to).map(\.path)
        // The acceptance point's date, never later than the judge's clock: a commit dated in the
        // future cannot invent a passed review_by date.
        let now = min(acceptance.committer.date, context.now)
        for trigger in atClearance.triggers ?? [] {
            if let path = changed.first(where: { path in trigger.paths.contains { $0.matches(path) } }) { return "trigger \(trigger.id) fired: \(path) changed" }
            if let date = trigger.reviewBy, date <= now { return "trigger \(trigger.id): its review_by date has passed" }
        }
        if (atClearance.acceptances ?? []).contains(where: { $0.expires.map { $0 <= now } ?? false }) { return "a risk acceptance expired" }
        // Against the policy at the clearance's target, which the server and `verify` both know.
        if let before = try context.policyInForce(at: clearedAt) {
            if before.risk != policy.risk { return "the policy's risk settings changed" }
            if before.steps.map(\.definition) != policy.steps.map(\.definition) { return "the policy's steps changed" }
        }
        return nil
    }
}
