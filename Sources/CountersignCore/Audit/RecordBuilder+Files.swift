import Foundation
import GitKit

/// The parts of the record read from the review's files at the revision (acceptances, triggers,
/// controls) and from the policy's history (the changes that touched the review's roles and keys).
extension RecordBuilder {
    func acceptances(_ review: Review) -> [GovernanceRecord.AcceptanceEntry] {
        (review.acceptances ?? []).map { acceptance in
            GovernanceRecord.AcceptanceEntry(
                threat: acceptance.threat ?? "?", acceptedBy: acceptance.acceptedBy, condition: acceptance.condition,
                expires: acceptance.expires.map(GapAnalysis.day), expiresAt: acceptance.expires.map(SignOffJudge.timestamp), expired: acceptance.expires.map { $0 <= context.now } ?? false,
                path: review.path(ReviewFile.riskAcceptance.path), line: acceptance.line)
        }
    }

    /// The registered triggers; those of a current clearance say whether and why they fired.
    func triggers(_ review: Review) throws -> [GovernanceRecord.TriggerEntry] {
        var fired: [String: [String]] = [:]
        if let clearance = policy.clearanceStep, let current = run.report.state.current(review: review.id, step: clearance),
           current.first?.decision?.mayComeEarly == false {
            for firing in try states.firedTriggers(review: review, clearance: current) { fired[firing.id, default: []].append(firing.why) }
        }
        return (review.triggers ?? []).map { trigger in
            GovernanceRecord.TriggerEntry(
                id: trigger.id, description: trigger.description, paths: trigger.paths.map(\.pattern),
                reviewBy: trigger.reviewBy.map(GapAnalysis.day), fired: fired[trigger.id] != nil,
                why: fired[trigger.id]?.joined(separator: "; "), path: review.path(ReviewFile.triggers.path), line: trigger.line)
        }
    }

    /// The controls of `security/controls.yaml` with their status and schedule, and any control
    /// that only `status/controls.yaml` names.
    func controls(_ review: Review, conditions: [String]) -> [GovernanceRecord.ControlEntry] {
        let statuses = review.controlStatus ?? [:]
        func naming(_ id: String) -> [String] {
            conditions.filter { $0.range(of: "(^|[^A-Za-z0-9_-])\(NSRegularExpression.escapedPattern(for: id))($|[^A-Za-z0-9_-])", options: .regularExpression) != nil }
        }
        var entries = (review.controls ?? []).map { control in
            let status = statuses[control.id]
            return GovernanceRecord.ControlEntry(
                id: control.id, title: control.title, mitigates: control.mitigates, owner: control.owner, gate: control.gate,
                status: status?.state, due: status?.due.map(GapAnalysis.day), overdue: status?.isOverdue(at: context.now) ?? false,
                conditions: naming(control.id), path: review.path(ReviewFile.controls.path), line: control.line)
        }
        let defined = Set(entries.map(\.id))
        for (id, status) in statuses.sorted(by: { $0.key < $1.key }) where !defined.contains(id) {
            entries.append(GovernanceRecord.ControlEntry(
                id: id, title: nil, mitigates: [], owner: nil, gate: nil, status: status.state, due: status.due.map(GapAnalysis.day),
                overdue: status.isOverdue(at: context.now), conditions: naming(id), path: review.path(ReviewFile.controlStatus.path), line: status.line))
        }
        return entries
    }

    /// The first-parent commits that changed the policy, once for every review.
    func policyChangeCommits() -> [ObjectID] {
        run.report.touches.positions(of: Policy.path).filter { $0 > 0 }.map { run.report.history[$0] }
    }

    /// The policy changes since the review's folder first appeared that touched its roles, their
    /// members or those members' keys, or the steps and risk settings.
    func policyChanges(review: Review, commits: [ObjectID]) throws -> [GovernanceRecord.PolicyChange] {
        guard let start = run.report.touches.first(matching: Glob("\(review.folder)/**"), after: -1)?.index else { return [] }
        let roles = Set(review.applicableSteps(in: policy).map(\.role))
        var changes: [GovernanceRecord.PolicyChange] = []
        for id in commits {
            guard let position = context.position(of: id), position >= start else { continue }
            let commit = try context.commit(id)
            // The policies in force, so that a void commit's policy, which never came into force, is no change.
            guard let parent = commit.parentIDs.first, let before = try context.policyInForce(at: parent),
                  let after = try context.policyInForce(at: id) else { continue }
            let described = Self.differences(before, after, roles: roles, assigned: Set((review.manifest?.assignments ?? [:]).values.joined()))
            guard !described.isEmpty else { continue }
            changes.append(GovernanceRecord.PolicyChange(
                commit: id.hex, author: (before.member(email: commit.author.email) ?? after.member(email: commit.author.email))?.id ?? commit.author.email,
                date: SignOffJudge.timestamp(commit.committer.date), changes: described))
        }
        return changes
    }

    /// What changed between two policies for these roles and members, one sentence each.
    static func differences(_ before: Policy, _ after: Policy, roles: Set<String>, assigned: Set<String>) -> [String] {
        var lines: [String] = []
        var people = assigned
        for role in roles.sorted() {
            let old = Set(before.role(role)?.members ?? []), new = Set(after.role(role)?.members ?? [])
            people.formUnion(old.union(new))
            for member in new.subtracting(old).sorted() { lines.append("\(member) added to role \(role)") }
            for member in old.subtracting(new).sorted() { lines.append("\(member) removed from role \(role)") }
        }
        for member in people.sorted() {
            let old = before.member(member), new = after.member(member)
            if old != nil, new == nil { lines.append("member \(member) removed from the policy"); continue }
            if old == nil, new != nil { lines.append("member \(member) added to the policy") }
            let oldKeys = Set(old?.keys.map(\.fingerprint) ?? []), newKeys = Set(new?.keys.map(\.fingerprint) ?? [])
            for key in newKeys.subtracting(oldKeys).sorted() where old != nil { lines.append("key \(key) added for \(member)") }
            for key in oldKeys.subtracting(newKeys).sorted() where new != nil { lines.append("key \(key) removed from \(member)") }
        }
        for step in after.steps where before.step(step.id)?.definition != step.definition {
            lines.append(before.step(step.id) == nil ? "step \(step.id) added" : "step \(step.id) changed")
        }
        for step in before.steps where after.step(step.id) == nil { lines.append("step \(step.id) removed") }
        if before.risk != after.risk {
            lines.append("risk settings changed (scale \(before.risk.scale) → \(after.risk.scale), threshold \(before.risk.threshold) → \(after.risk.threshold))")
        }
        return lines
    }
}
