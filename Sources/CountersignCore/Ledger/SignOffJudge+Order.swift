import Foundation
import GitKit

/// The order rules: `Requires:` must name exactly the current prerequisites, and a round must
/// co-sign an open round or open the next one.
extension SignOffJudge {
    func checkRequires(_ message: SignOffMessage, name: SignOffName, step: Step, review: Review, target: ObjectID,
                       into found: FindingCollector) throws {
        let prerequisites = review.prerequisites(of: step, in: policy)
        let early = message.decision.flatMap(Disposition.Decision.init(rawValue:))?.mayComeEarly ?? false
        for requirement in message.requires {
            if requirement.name.review != name.review {
                found.add(.signoffOutOfOrder, "Requires: names \(requirement.name), a sign-off of another review")
            } else if !prerequisites.contains(where: { $0.id == requirement.name.step }) {
                found.add(.signoffOutOfOrder, "Requires: names \(requirement.name), but \(requirement.name.step) is not a prerequisite of \(step.id)")
            }
        }
        for prerequisite in prerequisites {
            let named = message.requires.filter { $0.name.review == name.review && $0.name.step == prerequisite.id }
            guard let current = state.current(review: name.review, step: prerequisite) else {
                if early && named.isEmpty { continue }
                let signers = try assigned(prerequisite.role, review: name.review)
                found.add(.signoffOutOfOrder, "step \"\(prerequisite.id)\" has no current sign-off; \(policy.describe(role: prerequisite.role, members: signers)) must sign it first")
                continue
            }
            if named.isEmpty {
                found.add(.signoffOutOfOrder, "Requires: does not name \(prerequisite.id); name its current sign-off \(current.map(\.name.description).joined(separator: ", "))")
                continue
            }
            for requirement in named {
                guard let match = current.first(where: { $0.name == requirement.name }) else {
                    let latest = current.first?.name.round ?? 0
                    found.add(.signoffOutOfOrder, "Requires: names \(requirement.name), which is not the latest valid round (\(latest)) of \(prerequisite.id)")
                    continue
                }
                if match.tagID.hex != requirement.objectID {
                    found.add(.signoffOutOfOrder, "Requires: names \(requirement.name) as \(requirement.objectID.prefix(10)), but its anchored tag object is \(match.tagID.hex.prefix(10))")
                    continue
                }
                if let matchTarget = match.target, !(try context.isAncestor(matchTarget, of: target)) {
                    found.add(.signoffOutOfOrder, "\(requirement.name) signed \(matchTarget.hex.prefix(10)), which is not in the history of this sign-off's commit")
                } else if let reason = try staleness(of: match, at: target) {
                    found.add(.signoffOutOfOrder, "\(requirement.name) is stale at this commit: \(reason); \(prerequisite.id) must be signed again first")
                }
            }
            let distinct = Set(named.map(\.name))
            if distinct.count < named.count {
                found.add(.signoffOutOfOrder, "Requires: names a sign-off of \(prerequisite.id) more than once; name each co-signer's tag once")
            }
            if distinct.count < prerequisite.threshold {
                found.add(.signoffOutOfOrder, "Requires: names \(distinct.count) distinct sign-off(s) of \(prerequisite.id), which needs \(prerequisite.threshold)")
            }
        }
        if step.decides { try checkAfterReturn(name, review: review, into: found) }
    }

    /// After a `returned` clearance, each step its disposition names needs a round accepted after
    /// it before the next clearance round (the steps after those follow by staleness).
    private func checkAfterReturn(_ name: SignOffName, review: Review, into found: FindingCollector) throws {
        guard let clearance = policy.clearanceStep,
              let returned = state.current(review: name.review, step: clearance)?.first,
              returned.decision == .returned, let returnedTarget = returned.target else { return }
        let disposition = try context.review(name.review, inTree: try context.commit(returnedTarget).treeID).review.disposition
        for stepID in Set((disposition?.gaps ?? []).map(\.step)).sorted() {
            guard let step = policy.step(stepID), review.applies(step) else { continue }
            let renewed = state.current(review: name.review, step: step)?.allSatisfy { state.accepted($0.tagID, after: returned.tagID) } ?? false
            if !renewed {
                found.add(.signoffOutOfOrder, "the review was returned by \(returned.name) with gaps for \(stepID); \(stepID) needs a new round signed after that before the next clearance")
            }
        }
    }

    func checkRound(_ name: SignOffName, step: Step, target: ObjectID, decision: String?, review: Review, into found: FindingCollector) throws {
        guard let latest = state.latestRound(review: name.review, step: step.id) else {
            if name.round != 1 { found.add(.signoffRound, "the first sign-off of \(step.id) is round 1, not \(name.round)") }
            return
        }
        if name.round == latest.round + 1 {
            if try newRoundReason(name, step: step, latest: latest.signOffs, target: target, review: review) == nil {
                found.add(.signoffRound, "round \(latest.round) of \(step.id) still stands: none of its covered files changed, no prerequisite has a newer round, and the review was neither returned to \(step.id) nor needs reassessment; a new round opens only for a reason")
            }
            try checkReturned(name, step: step, target: target, into: found)
            return
        }
        guard name.round == latest.round else {
            found.add(.signoffRound, "round \(name.round) neither co-signs round \(latest.round) nor opens round \(latest.round + 1)")
            return
        }
        if latest.signOffs.contains(where: { $0.name.member == name.member }) {
            found.add(.signoffRound, "\(name.member) already signed round \(name.round) of \(step.id)")
        } else if latest.signOffs.count >= step.threshold {
            found.add(.signoffRound, "round \(name.round) of \(step.id) is complete; open round \(name.round + 1)")
        } else if let other = latest.signOffs.first, let otherTarget = other.target {
            let changed = try context.changedPaths(review: name.review, from: try context.commit(otherTarget).treeID,
                                                   to: try context.commit(target).treeID, matching: step.covers)
            if !changed.isEmpty {
                found.add(.signoffRound, "co-signing round \(name.round) needs the same content as \(other.name.member)'s sign-off, but \(changed.joined(separator: ", ")) differ")
            } else if other.message?.decision != decision {
                found.add(.signoffRound, "co-signing round \(name.round) needs the same Decision as \(other.name.member)'s sign-off (\(other.message?.decision ?? "none"))")
            }
        }
    }

    /// After a `returned` clearance that names this step, the new round must sign content that
    /// descends from the disposition.
    private func checkReturned(_ name: SignOffName, step: Step, target: ObjectID, into found: FindingCollector) throws {
        guard let clearance = policy.clearanceStep,
              let returned = state.latestRound(review: name.review, step: clearance.id)?.signOffs.first,
              returned.decision == .returned, let returnedTarget = returned.target else { return }
        let disposition = try context.review(name.review, inTree: try context.commit(returnedTarget).treeID).review.disposition
        guard disposition?.gaps.contains(where: { $0.step == step.id }) == true else { return }
        if !(try context.isAncestor(returnedTarget, of: target)) {
            found.add(.signoffOutOfOrder, "the review was returned at \(returnedTarget.hex.prefix(10)) with gaps for \(step.id); sign a commit that descends from it")
        }
    }

    /// Why `signOff` is stale at `commit` (a covered file changed, or a sign-off it requires is
    /// stale or superseded), or nil when it is current.
    func staleness(of signOff: SignOff, at commit: ObjectID) throws -> String? {
        guard let target = signOff.target, let step = policy.step(signOff.name.step) else { return nil }
        let changed = try context.changedPaths(review: signOff.name.review, from: try context.commit(target).treeID,
                                               to: try context.commit(commit).treeID, matching: step.covers)
        if !changed.isEmpty { return "\(changed.joined(separator: ", ")) changed since \(signOff.name) signed it" }
        for requirement in signOff.message?.requires ?? [] {
            guard let tagID = ObjectID(requirement.objectID), let required = state.signOff(tagID: tagID) else { continue }
            if let latest = state.latestRound(review: required.name.review, step: required.name.step), latest.round > required.name.round {
                return "\(required.name) was superseded by round \(latest.round)"
            }
            if let reason = try staleness(of: required, at: commit) { return reason }
        }
        return nil
    }

    private func assigned(_ role: String, review: String) throws -> [String] {
        try context.manifest(review, inTree: acceptance.treeID)?.assignments[role] ?? []
    }
}
