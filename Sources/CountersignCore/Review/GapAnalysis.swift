import Foundation

/// The gap items of docs/reference.md#rules: what each step still needs before it can be signed.
/// Checks attach to the step ids of docs/reference.md#rules (`description`, `assessment`, `risk-acceptance`,
/// `data-protection`, `clearance`); a step of another id has no content checks.
public struct GapAnalysis {
    public let policy: Policy
    public let review: Review
    /// The time expiries are judged at: now for `validate`, the target's time for a sign-off.
    public let asOf: Date

    public init(policy: Policy, review: Review, asOf: Date) {
        self.policy = policy
        self.review = review
        self.asOf = asOf
    }

    /// Gap items of every step that applies to the review, in step order.
    public func all() -> [GapItem] {
        review.applicableSteps(in: policy).flatMap { gaps(for: $0) }
    }

    public func gaps(for step: Step) -> [GapItem] {
        guard review.applies(step) else { return [] }
        var found = GapCollector(step: step.id, review: review)
        switch step.id {
        case "description": description(&found)
        case "assessment": assessment(&found)
        case "risk-acceptance": riskAcceptance(&found)
        case "data-protection": dataProtection(&found)
        case "clearance": clearance(&found)
        default: break
        }
        return found.items
    }

    /// The threats scoring at or above the policy's threshold, which must be controlled or accepted.
    var aboveThreshold: [Threat] {
        (review.threats ?? []).filter { ($0.score ?? 0) >= policy.risk.threshold }
    }

    /// The controls that treat `threat`: its own list and those that say they mitigate it.
    func treatments(of threat: Threat) -> [String] {
        threat.controls + (review.controls ?? []).filter { $0.mitigates.contains(threat.id) }.map(\.id)
    }

    private func description(_ found: inout GapCollector) {
        let file = ReviewFile.manifest.path
        if let manifest = review.manifest {
            let roles = Set(review.applicableSteps(in: policy).map(\.role))
            for role in policy.roles where roles.contains(role.id) {
                let assigned = manifest.assignments[role.id] ?? []
                let line = manifest.assignmentLines[role.id] ?? manifest.line
                let needed = policy.steps.filter { $0.role == role.id && review.applies($0) }.map(\.threshold).max() ?? 1
                if assigned.isEmpty {
                    found.add(.reviewUnassignedRole, file, line, "role \(role.id) has no assigned member; assign one of \(role.members.joined(separator: ", ")) under assignments")
                } else if assigned.count < needed {
                    found.add(.reviewUnassignedRole, file, line, "role \(role.id) needs \(needed) assigned members to reach its threshold, has \(assigned.count)")
                }
                for member in assigned where !role.members.contains(member) {
                    found.add(.reviewUnassignedRole, file, line, "\(member) is assigned to \(role.id) but is not a member of that role in countersign.yaml")
                }
            }
        } else {
            found.add(.reviewUnassignedRole, file, nil, "review.yaml is missing; it holds the title and who is assigned to each role")
        }
        if review.description?.isEmpty ?? true {
            found.add(.systemDescriptionEmpty, ReviewFile.systemDescription.path, nil, "the system description is empty; say what the system does, for whom and in what context")
        }
        if let context = review.context {
            let missing = [("user_population", context.userPopulation == nil), ("operational_consequence", context.operationalConsequence == nil),
                           ("data_classification", context.dataClassification == nil), ("personal_data", context.personalData == nil)]
                .filter(\.1).map(\.0)
            if !missing.isEmpty {
                found.add(.systemContextIncomplete, ReviewFile.context.path, context.line, "the system context lacks \(missing.joined(separator: ", "))")
            }
        } else {
            found.add(.systemContextIncomplete, ReviewFile.context.path, nil, "system/context.yaml is missing; it sets the user population, consequence, data classification and personal_data")
        }
        if review.dataFlows?.isEmpty ?? true {
            found.add(.systemDataFlowsMissing, ReviewFile.dataFlows.path, nil, "no data flows are listed; list each flow with id, from, to, data and personal_data")
        }
    }

    private func assessment(_ found: inout GapCollector) {
        let file = ReviewFile.threats.path
        let threats = review.threats ?? []
        let controls = review.controls ?? []
        if threats.isEmpty {
            found.add(.securityNoThreats, file, nil, "no threats are modelled; list the threats with their taxonomy ids, likelihood and impact")
        }
        let scale = policy.risk.scale
        for threat in threats {
            for (name, value) in [("likelihood", threat.likelihood), ("impact", threat.impact)] where !(1...scale).contains(value ?? 0) {
                found.add(.securityUnscoredThreat, file, threat.line, "threat \(threat.id) has \(value.map { "\(name) \($0)" } ?? "no \(name)"); score it from 1 to \(scale)")
            }
            for control in threat.controls where !controls.contains(where: { $0.id == control }) {
                found.add(.securityUnknownReference, file, threat.line, "threat \(threat.id) names control \(control), which security/controls.yaml does not define")
            }
        }
        for control in controls {
            for threat in control.mitigates where !threats.contains(where: { $0.id == threat }) {
                found.add(.securityUnknownReference, ReviewFile.controls.path, control.line, "control \(control.id) mitigates threat \(threat), which security/threats.yaml does not define")
            }
            let missing = [("owner", control.owner == nil), ("gate", control.gate == nil), ("verification", control.verification == nil)].filter(\.1).map(\.0)
            if !missing.isEmpty {
                found.add(.securityControlIncomplete, ReviewFile.controls.path, control.line, "control \(control.id) has no \(missing.joined(separator: ", "))")
            }
            if let owner = control.owner, policy.role(owner) == nil {
                found.add(.securityControlIncomplete, ReviewFile.controls.path, control.line, "control \(control.id) is owned by \"\(owner)\", which is not a role of the policy")
            }
        }
        for gap in review.securityGaps ?? [] where !threats.contains(where: { $0.id == gap.threat }) {
            found.add(.securityUnknownReference, ReviewFile.securityGaps.path, gap.line, "the gap names threat \(gap.threat ?? "?"), which security/threats.yaml does not define")
        }
        let listed = Set((review.securityGaps ?? []).compactMap(\.threat))
        for threat in aboveThreshold where treatments(of: threat).isEmpty && !listed.contains(threat.id) {
            found.add(.securityUntreatedThreat, file, threat.line, "threat \(threat.id) scores \(threat.score ?? 0), at or above the threshold \(policy.risk.threshold), with no control; add a control or list it in security/gaps.yaml")
        }
    }

    private func riskAcceptance(_ found: inout GapCollector) {
        let file = ReviewFile.riskAcceptance.path
        let acceptances = review.acceptances ?? []
        let listed = Set((review.securityGaps ?? []).compactMap(\.threat))
        for threat in aboveThreshold where treatments(of: threat).isEmpty || listed.contains(threat.id) {
            if !acceptances.contains(where: { $0.threat == threat.id }) {
                found.add(.governanceUnacceptedRisk, file, nil, "threat \(threat.id) (score \(threat.score ?? 0)) is above threshold and not closed by a control; record who accepts it and on what condition")
            }
        }
        let assigned = review.manifest?.assignments["governance"] ?? []
        for acceptance in acceptances {
            let threat = acceptance.threat ?? "?"
            if acceptance.condition == nil {
                found.add(.governanceAcceptanceIncomplete, file, acceptance.line, "the acceptance of \(threat) has no condition")
            }
            if let member = acceptance.acceptedBy {
                if !assigned.contains(member) {
                    found.add(.governanceAcceptanceIncomplete, file, acceptance.line, "the acceptance of \(threat) is by \(member), who is not an assigned governance member (\(assigned.joined(separator: ", ")))")
                }
            } else {
                found.add(.governanceAcceptanceIncomplete, file, acceptance.line, "the acceptance of \(threat) has no accepted_by")
            }
        }
        if review.triggers?.isEmpty ?? true {
            found.add(.governanceNoTriggers, ReviewFile.triggers.path, nil, "no re-assessment triggers are registered; add paths or a review_by date after which the review is assessed again")
        }
    }

    private func dataProtection(_ found: inout GapCollector) {
        if review.dpia?.status == nil {
            found.add(.dpoDPIAStatusMissing, ReviewFile.dpia.path, review.dpia?.line, "the DPIA status is not set; set dpia to not-required, required, in-progress or complete")
        }
        if review.advisory?.isEmpty ?? true {
            found.add(.dpoAdvisoryEmpty, ReviewFile.advisory.path, nil, "the data protection advisory is empty")
        }
    }

    private func clearance(_ found: inout GapCollector) {
        let file = ReviewFile.disposition.path
        guard let disposition = review.disposition, let decision = disposition.decision else {
            found.add(.authorityDispositionInvalid, file, review.disposition?.line, "no decision is recorded; set decision to cleared, cleared-with-conditions, returned or rejected")
            return
        }
        if disposition.rationale == nil {
            found.add(.authorityDispositionInvalid, file, disposition.line, "the disposition has no rationale")
        }
        for gap in disposition.gaps where policy.step(gap.step) == nil {
            found.add(.authorityDispositionInvalid, file, gap.line, "the disposition returns step \(gap.step), which the policy does not define")
        }
        if decision == .clearedWithConditions, disposition.conditions.isEmpty {
            found.add(.authorityConditionsMissing, file, disposition.line, "the decision is cleared-with-conditions but no conditions are listed")
        }
        if decision == .returned, disposition.gaps.isEmpty {
            found.add(.authorityGapsMissing, file, disposition.line, "the review is returned but no gaps say what each step must fix")
        }
        if decision == .cleared, review.hasPersonalData, ["required", "in-progress", nil].contains(review.dpia?.status) {
            found.add(.authorityDPIAOpen, file, disposition.line, "the decision is cleared while personal data is in scope and the DPIA is \(review.dpia?.status ?? "not recorded"); wait for it or clear with conditions")
        }
        for acceptance in review.acceptances ?? [] {
            if let expires = acceptance.expires, expires <= asOf {
                found.add(.authorityExpiredAcceptance, ReviewFile.riskAcceptance.path, acceptance.line, "the acceptance of \(acceptance.threat ?? "?") expired on \(Self.day(expires)); governance must renew it")
            }
        }
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}

/// Gap items of one step, with paths made relative to the repository.
struct GapCollector {
    let step: String
    let review: Review
    var items: [GapItem] = []

    mutating func add(_ code: Rule, _ relative: String, _ line: Int?, _ message: String) {
        items.append(GapItem(code: code, step: step, path: review.path(relative), line: line, message: message))
    }
}
