import Foundation
import GitKit

/// Computes each review's state at a revision from the ledger: the one model of "what is current
/// at R" that `status`, `log`, `verify` and the hooks share.
public struct StatusBuilder {
    public let context: LedgerContext
    public let report: LedgerReport
    public let unanchored: [SignOff]

    public init(context: LedgerContext, report: LedgerReport, unanchored: [SignOff] = []) {
        self.context = context
        self.report = report
        self.unanchored = unanchored
    }

    /// The status of `ids` (every review at the tip when empty) at the ledger's tip.
    public func statuses(reviews ids: [String] = []) throws -> [ReviewStatus] {
        let tip = try context.commit(report.tip)
        guard let policy = try context.policyInForce(at: report.tip) else {
            throw InputError("there is no valid countersign.yaml at \(report.tip.hex.prefix(10))", path: Policy.path)
        }
        let source = TreeSource(repository: context.repository, treeID: tip.treeID, label: "commit \(tip.id.hex.prefix(10))")
        let existing = try Review.ids(in: source)
        for id in ids where !existing.contains(id) {
            throw NameHint.unknownReview(id, known: existing, at: "at \(report.tip.hex.prefix(10))")
        }
        let judge = SignOffJudge(context: context, policy: policy, acceptance: tip, state: report.state)
        return try (ids.isEmpty ? existing : ids).map { try status(of: $0, policy: policy, tip: tip, judge: judge) }
    }

    private func status(of id: String, policy: Policy, tip: Commit, judge: SignOffJudge) throws -> ReviewStatus {
        let review = try context.review(id, inTree: tip.treeID).review
        let gaps = GapAnalysis(policy: policy, review: review, asOf: context.now).all()
        let clearanceStep = policy.clearanceStep
        let returned = try returnedSteps(review: id, clearance: clearanceStep)
        var steps: [ReviewStatus.StepStatus] = []
        for step in policy.steps {
            steps.append(try stepStatus(step, review: review, judge: judge, returned: returned))
        }
        var status = ReviewStatus(id: id, state: .inReview, reasons: [], steps: steps, gaps: gaps, next: [])
        status.overdue = Self.overdueControls(review, at: context.now)
        if !report.state.hasSignOffs(review: id) { status.state = .draft }
        if let clearanceStep, let current = report.state.current(review: id, step: clearanceStep),
           let decision = current.first?.decision {
            switch decision {
            case .rejected: status.state = .rejected
            case .returned: status.state = .returned
            case .cleared, .clearedWithConditions:
                status.reasons = try reassessmentReasons(review: review, clearance: current, steps: steps, policy: policy)
                status.state = status.reasons.isEmpty ? (decision == .cleared ? .cleared : .clearedWithConditions) : .reassessmentRequired
            }
        }
        if status.state != .rejected {
            status.next = next(steps: steps, review: review, policy: policy)
        }
        return status
    }

    private func stepStatus(_ step: Step, review: Review, judge: SignOffJudge, returned: [String: ObjectID]) throws -> ReviewStatus.StepStatus {
        var result = ReviewStatus.StepStatus(id: step.id, role: step.role, state: .missing, signoffs: [])
        guard review.applies(step) else {
            result.state = .notApplicable
            return result
        }
        let waiting = unanchored.filter { $0.name.review == review.id && $0.name.step == step.id }
        guard let latest = report.state.latestRound(review: review.id, step: step.id) else {
            result.state = waiting.isEmpty ? .missing : .pending
            result.signoffs = waiting.map(SignOffSummary.init)
            return result
        }
        result.signoffs = latest.signOffs.map(SignOffSummary.init)
        if latest.signOffs.count < step.threshold {
            // Fewer co-signers than the threshold so far: "1 of 2".
            result.state = .partial
            result.detail = "\(latest.signOffs.count) of \(step.threshold)"
            result.signoffs += waiting.map(SignOffSummary.init)
        } else if let disposition = returned[step.id], let target = latest.signOffs.first?.target,
                  !(try context.isAncestor(disposition, of: target)) || target == disposition {
            result.state = .returned
            result.detail = "returned by the sign-off authority at \(disposition.hex.prefix(10))"
        } else if let reason = try latest.signOffs.lazy.compactMap({ try judge.staleness(of: $0, at: self.report.tip) }).first {
            result.state = .stale
            result.detail = reason
        } else {
            result.state = .signed
        }
        return result
    }

    /// Steps named by the gaps of a current `returned` clearance, with the disposition's target.
    private func returnedSteps(review id: String, clearance: Step?) throws -> [String: ObjectID] {
        guard let clearance, let current = report.state.current(review: id, step: clearance),
              current.first?.decision == .returned, let target = current.first?.target else { return [:] }
        let disposition = try context.review(id, inTree: context.commit(target).treeID).review.disposition
        return Dictionary((disposition?.gaps ?? []).map { ($0.step, target) }, uniquingKeysWith: { first, _ in first })
    }

    /// Why a cleared review must be assessed again: fired triggers, passed dates, expired
    /// acceptances, stale steps and changed risk settings.
    private func reassessmentReasons(review: Review, clearance: [SignOff], steps: [ReviewStatus.StepStatus], policy: Policy) throws -> [String] {
        var reasons: [String] = []
        guard let acceptance = lastAcceptance(of: clearance) else { return [] }
        reasons += try firedTriggers(review: review, clearance: clearance).map(\.why)
        for acceptance in review.acceptances ?? [] {
            if let expires = acceptance.expires, expires <= context.now {
                reasons.append("the acceptance of \(acceptance.threat ?? "?") expired on \(GapAnalysis.day(expires))")
            }
        }
        for step in steps where step.state == .stale {
            reasons.append("step \(step.id) is stale: \(step.detail ?? "its content changed")")
        }
        let parent = try context.commit(acceptance).parentIDs.first
        if let parent, let before = try context.policy(at: parent), before.risk != policy.risk {
            reasons.append("the policy's risk settings changed since the clearance (scale \(before.risk.scale) → \(policy.risk.scale), threshold \(before.risk.threshold) → \(policy.risk.threshold))")
        }
        if let parent, let before = try context.policy(at: parent), before.steps.map(\.definition) != policy.steps.map(\.definition) {
            reasons.append("the policy's steps changed since the clearance")
        }
        return reasons
    }

    /// The controls past their due date and not verified, as `status` flags them.
    static func overdueControls(_ review: Review, at date: Date) -> [String] {
        (review.controlStatus ?? [:]).sorted { $0.key < $1.key }.compactMap { id, control in
            guard control.isOverdue(at: date), let due = control.due else { return nil }
            return "control \(id) was due on \(GapAnalysis.day(due)) and is \(control.state ?? "without a status"), not verified"
        }
    }

    /// The acceptance point of a round: the latest of its sign-offs'.
    func lastAcceptance(of round: [SignOff]) -> ObjectID? {
        round.compactMap(\.acceptance).max { (context.position(of: $0) ?? 0) < (context.position(of: $1) ?? 0) }
    }

    /// The triggers of the clearance's target that fired since it, each with why: a path it
    /// watches changed, or its review_by date passed.
    func firedTriggers(review: Review, clearance: [SignOff]) throws -> [(id: String, why: String)] {
        guard let acceptance = lastAcceptance(of: clearance), let target = clearance.first?.target else { return [] }
        var fired: [(id: String, why: String)] = []
        let triggers = try context.review(review.id, inTree: context.commit(target).treeID).review.triggers ?? []
        // Triggers fire on any change since the clearance's target: what landed with it (between
        // the target and the acceptance point) and every first-parent commit after.
        let (targetTree, acceptanceTree) = (try context.commit(target).treeID, try context.commit(acceptance).treeID)
        let landedWith = targetTree == acceptanceTree || triggers.isEmpty ? [] : try context.repository.changes(from: targetTree, to: acceptanceTree).map(\.path)
        let start = context.position(of: acceptance)
        for trigger in triggers {
            if let path = landedWith.first(where: { path in trigger.paths.contains { $0.matches(path) } }) {
                fired.append((trigger.id, "trigger \(trigger.id) fired: \(path) changed between the clearance's target \(target.hex.prefix(10)) and its acceptance point"))
            } else if let start, let touch = trigger.paths.compactMap({ report.touches.first(matching: $0, after: start) }).min(by: { $0.index < $1.index }) {
                fired.append((trigger.id, "trigger \(trigger.id) fired: commit \(report.history[touch.index].hex.prefix(10)) changed \(touch.path)"))
            }
        }
        for trigger in triggers {
            if let date = trigger.reviewBy, date <= context.now {
                fired.append((trigger.id, "trigger \(trigger.id): the review_by date \(GapAnalysis.day(date)) has passed"))
            }
        }
        return fired
    }

    /// Steps that can be signed now: not signed, and every applicable prerequisite signed.
    private func next(steps: [ReviewStatus.StepStatus], review: Review, policy: Policy) -> [ReviewStatus.Next] {
        let signed = Set(steps.filter { $0.state == .signed }.map(\.id))
        return policy.steps.compactMap { step in
            guard let status = steps.first(where: { $0.id == step.id }), status.state != .signed, status.state != .notApplicable,
                  review.prerequisites(of: step, in: policy).allSatisfy({ signed.contains($0.id) }) else { return nil }
            let assigned = review.manifest?.assignments[step.role] ?? []
            let done = Set(status.state == .partial || status.state == .pending ? status.signoffs.map(\.member) : [])
            return ReviewStatus.Next(step: step.id, role: step.role, members: assigned.filter { !done.contains($0) })
        }
    }
}
