import Foundation
import GitKit

/// Makes the governance record of reviews from a ledger run: the sign-offs and their verdicts
/// from the ledger, the review's files from the revision, and the clearance rounds' dispositions
/// from the commits they signed. The renderers read only the record.
public struct RecordBuilder {
    public let run: LedgerRun
    let context: LedgerContext
    let states: StatusBuilder
    let tip: Commit
    let policy: Policy

    public init(run: LedgerRun) throws {
        self.run = run
        context = run.context
        states = run.statusBuilder
        tip = try run.context.commit(run.report.tip)
        guard let policy = try run.context.policyInForce(at: run.report.tip) else {
            throw InputError("there is no valid countersign.yaml at \(run.report.tip.hex.prefix(10))", path: Policy.path)
        }
        self.policy = policy
    }

    /// The records of `ids` (every review at the revision when empty); an unknown id is unusable input.
    public func records(reviews ids: [String] = []) throws -> [GovernanceRecord] {
        let changes = policyChangeCommits()
        let placed = try run.violations.map { ($0, try paths(of: $0)) }
        return try states.statuses(reviews: ids).map { try record($0, policyChanges: changes, violations: placed) }
    }

    private func record(_ status: ReviewStatus, policyChanges: [ObjectID], violations placed: [(Finding, [String]?)]) throws -> GovernanceRecord {
        let review = try context.review(status.id, inTree: tip.treeID).review
        let signOffs = run.report.signOffs.filter { $0.name.review == review.id }
        let unanchored = run.tags.unanchored.filter { $0.name.review == review.id }
        let clearances = try clearanceRounds(review.id)
        var record = GovernanceRecord(
            review: contextPart(review), state: status.state, reasons: status.reasons,
            verdict: .init(holds: false, summary: "", problems: []), provenance: try provenance(review.id),
            steps: handOffs(status), signoffs: entries(signOffs + unanchored), clearances: clearances,
            checklist: [], acceptances: acceptances(review), triggers: try triggers(review),
            controls: controls(review, conditions: clearances.last(where: \.current)?.conditions ?? []),
            policyChanges: try self.policyChanges(review: review, commits: policyChanges),
            violations: violations(placed, of: review.id), gaps: status.gaps)
        record.checklist = try checklist(review, status: status)
        record.verdict = verdict(record)
        return record
    }

    /// `id` as one word of a shell command: as it is when it follows the id rule, else single-quoted,
    /// so that a command copied from the record never runs what a folder's name holds.
    static func shellWord(_ id: String) -> String {
        PolicyChecker.isValidID(id) ? id : "'" + id.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func contextPart(_ review: Review) -> GovernanceRecord.ReviewContext {
        GovernanceRecord.ReviewContext(
            id: review.id, title: review.manifest?.title, description: review.description?.text,
            userPopulation: review.context?.userPopulation, operationalConsequence: review.context?.operationalConsequence,
            dataClassification: review.context?.dataClassification, personalData: review.context?.personalData,
            assignments: review.manifest?.assignments ?? [:])
    }

    private func provenance(_ id: String) throws -> GovernanceRecord.Provenance {
        let root = run.report.history.first
        let rootPolicy = try root.flatMap { try context.repository.entry(at: Policy.path, inTree: context.commit($0).treeID)?.id }
        let tipHex = run.report.tip.hex
        return GovernanceRecord.Provenance(
            branch: run.report.branch, revision: tipHex, scope: run.scope.describe(tip: run.report.tip),
            root: root?.hex, rootPolicy: rootPolicy?.hex,
            policy: try context.repository.entry(at: Policy.path, inTree: tip.treeID)?.id.hex,
            asOf: SignOffJudge.timestamp(context.now), commits: run.report.history.count,
            verifyCommand: "countersign verify --rev \(tipHex)" + (root.map { " --trust-root \($0.hex)" } ?? ""),
            auditCommand: "countersign audit \(Self.shellWord(id)) --rev \(tipHex)")
    }

    private func handOffs(_ status: ReviewStatus) -> [GovernanceRecord.HandOff] {
        status.steps.map { step in
            let defined = policy.step(step.id)
            return GovernanceRecord.HandOff(step: step.id, role: step.role, requires: defined?.requires ?? [], when: defined?.when?.rawValue,
                                            state: step.state, detail: step.detail, signoffs: step.signoffs)
        }
    }

    /// The log entries, with the valid sign-offs of a round below a later valid round marked superseded.
    private func entries(_ signOffs: [SignOff]) -> [GovernanceRecord.SignOffEntry] {
        var latest: [String: Int] = [:]
        for signOff in signOffs where signOff.isValid && signOff.isAnchored {
            latest[signOff.name.step] = max(latest[signOff.name.step] ?? 0, signOff.name.round)
        }
        return signOffs.map { signOff in
            let summary = SignOffSummary(signOff)
            return GovernanceRecord.SignOffEntry(
                tag: summary.tag, object: signOff.tagID.isZero ? nil : signOff.tagID.hex, step: signOff.name.step, round: signOff.name.round,
                member: signOff.name.member, role: signOff.role, key: summary.key,
                verdict: !signOff.isAnchored ? "unanchored" : signOff.isValid ? "valid" : "rejected",
                signedAt: summary.signedAt, target: summary.target, anchor: summary.anchor,
                acceptedAt: time(of: signOff.acceptance), landedBy: summary.landedBy,
                requires: (signOff.message?.requires ?? []).map { .init(tag: $0.name.description, object: $0.objectID) },
                decision: signOff.message?.decision, message: signOff.note,
                superseded: signOff.isValid && signOff.isAnchored && signOff.name.round < (latest[signOff.name.step] ?? 0),
                // An unanchored tag's other findings say what would fail once anchored, and fail nothing yet.
                violations: signOff.isAnchored ? signOff.violations : signOff.violations.filter(\.rule.failsUnanchoredTag))
        }
    }

    /// The committer date of `commit`: when a sign-off whose acceptance point it is was accepted.
    private func time(of commit: ObjectID?) -> String? {
        commit.flatMap { try? context.commit($0) }.map { SignOffJudge.timestamp($0.committer.date) }
    }

    /// Each valid round of the clearance, with the disposition of the commit it signed and, for a
    /// returned round, the round of each returned step that answered it.
    private func clearanceRounds(_ id: String) throws -> [GovernanceRecord.ClearanceRound] {
        guard let clearance = policy.clearanceStep else { return [] }
        let state = run.report.state
        let rounds = state.rounds(review: id, step: clearance.id).sorted { $0.key < $1.key }
        // The round in force: the latest, once it has as many signers as the threshold.
        let current = state.current(review: id, step: clearance)?.first?.name.round
        return try rounds.map { round, signOffs in
            let first = signOffs.first
            let disposition = try first?.target.map { try context.review(id, inTree: context.commit($0).treeID).review.disposition } ?? nil
            let returned = first?.decision == .returned ? try (disposition?.gaps ?? []).map { item in
                GovernanceRecord.ClearanceRound.Returned(
                    step: item.step, item: item.item, path: "\(Review.root)/\(id)/\(ReviewFile.disposition.path)", line: item.line,
                    answeredBy: try answers(review: id, step: item.step, returnedAt: first?.target))
            } : []
            return GovernanceRecord.ClearanceRound(
                round: round, decision: first?.message?.decision, rationale: disposition?.rationale,
                conditions: disposition?.conditions ?? [], returned: returned,
                signoffs: signOffs.map(\.name.description),
                relies: (first?.message?.requires ?? []).map(\.name.description),
                target: first?.target?.hex, acceptedAt: time(of: states.lastAcceptance(of: signOffs)),
                current: round == current)
        }
    }

    /// The sign-offs of the lowest round of `step` whose target descends from the returned
    /// round's target and is not that commit: the answer to a returned item, as `status` judges it.
    private func answers(review id: String, step: String, returnedAt disposition: ObjectID?) throws -> [String] {
        guard let disposition else { return [] }
        let answering = try run.report.state.rounds(review: id, step: step).filter { _, signOffs in
            guard let target = signOffs.first?.target, target != disposition else { return false }
            return try context.isAncestor(disposition, of: target)
        }
        return answering.min { $0.key < $1.key }?.value.map(\.name.description) ?? []
    }

    /// Where a violation is: its sign-off's review folder, its path, or for a finding about a
    /// whole commit (unsigned, a wrong identity) the paths that commit changed; nil for none of these.
    private func paths(of finding: Finding) throws -> [String]? {
        if let name = finding.ref.flatMap({ SignOffName($0) }) { return ["\(Review.root)/\(name.review)/"] }
        if let path = finding.path { return [path] }
        guard let id = finding.commit.flatMap({ ObjectID($0) }), let commit = try? context.commit(id) else { return nil }
        return try context.firstParentDiff(commit).map(\.path)
    }

    /// The violations about this review's files, sign-offs or commits, and those about no review in
    /// particular (a commit outside `reviews/`, the root), so one review's problem fails only its record.
    private func violations(_ placed: [(Finding, [String]?)], of id: String) -> [Finding] {
        let folder = "\(Review.root)/\(id)/"
        return placed.filter { _, paths in
            let inReviews = (paths ?? []).filter { $0.hasPrefix("\(Review.root)/") }
            return inReviews.isEmpty || inReviews.contains { $0.hasPrefix(folder) }
        }.map(\.0)
    }

    private func verdict(_ record: GovernanceRecord) -> GovernanceRecord.Verdict {
        var problems: [String] = []
        if !record.hasSignOffs { problems.append("the review has no sign-offs") }
        if !record.violations.isEmpty { problems.append("the history breaks \(FindingsReport.count(record.violations.count, "rule")) (see the violations)") }
        switch record.state {
        case .cleared, .clearedWithConditions: break
        default: problems.append("the review is \(record.state.rawValue), not cleared")
        }
        problems += record.reasons
        for item in record.checklist where !item.holds { problems.append("checklist: \(item.title) does not hold") }
        for control in record.controls where control.overdue {
            problems.append("control \(control.id) is past its due date \(control.due ?? "") and not verified")
        }
        for acceptance in record.acceptances where acceptance.expired {
            problems.append("the acceptance of \(acceptance.threat) expired on \(acceptance.expires ?? "")")
        }
        if !record.gaps.isEmpty { problems.append("\(FindingsReport.count(record.gaps.count, "gap item")) open") }
        // A reason of the state can also be an expired acceptance: say each problem once.
        problems = problems.uniqued
        let holds = problems.isEmpty
        let summary = holds
            ? "\(record.review.id) is \(record.state.rawValue) and everything the record checks holds"
            : "\(record.review.id) is \(record.state.rawValue): \(FindingsReport.count(problems.count, "problem"))"
        return GovernanceRecord.Verdict(holds: holds, summary: summary, problems: problems)
    }
}
