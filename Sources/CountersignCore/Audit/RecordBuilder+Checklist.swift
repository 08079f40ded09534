import Foundation
import GitKit

/// The sign-off authority's checklist: the five things a clearance rests on, each judged from the
/// review's files at the revision, the gap analysis and the ledger's current sign-offs.
extension RecordBuilder {
    typealias Item = GovernanceRecord.ChecklistItem
    typealias Evidence = GovernanceRecord.ChecklistItem.Evidence

    func checklist(_ review: Review, status: ReviewStatus) throws -> [Item] {
        let gaps = GapAnalysis(policy: policy, review: review, asOf: context.now)
        // The gap items status found at the revision, by step: the analysis is not run twice.
        func stepGaps(_ id: String, _ codes: [Rule]? = nil) -> [GapItem] {
            status.gaps.filter { $0.step == id && (codes?.contains($0.code) ?? true) }
        }
        var items: [Item] = []

        var description = item("system-description", "the system description is complete enough", step: "description", status: status)
        if review.description?.isEmpty == false {
            description.evidence.append(Evidence(text: "the system description is written", path: review.path(ReviewFile.systemDescription.path)))
        }
        if let context = review.context {
            description.evidence.append(Evidence(text: contextSummary(context), path: review.path(ReviewFile.context.path), line: context.line))
        }
        if let flows = review.dataFlows, !flows.isEmpty {
            description.evidence.append(Evidence(text: "\(FindingsReport.count(flows.count, "data flow")) listed", path: review.path(ReviewFile.dataFlows.path), line: flows.first?.line))
        }
        description.gaps = stepGaps("description")
        items.append(description)

        var threatModel = item("threat-model", "the threat model covers the deployment context", step: "assessment", status: status)
        if let context = review.context {
            threatModel.evidence.append(Evidence(text: "assessed for \(contextSummary(context))", path: review.path(ReviewFile.context.path), line: context.line))
        }
        for threat in review.threats ?? [] {
            let score = threat.score.map { "scores \($0)" } ?? "is not scored"
            threatModel.evidence.append(Evidence(text: "threat \(threat.id)\(threat.title.map { " (\($0))" } ?? "") \(score)", path: review.path(ReviewFile.threats.path), line: threat.line))
        }
        threatModel.gaps = stepGaps("assessment")
        items.append(threatModel)

        var risks = item("risks", "every risk at or above the threshold \(policy.risk.threshold) is controlled or accepted by name with a condition",
                         step: "risk-acceptance", status: status)
        risks.evidence = riskEvidence(review, gaps: gaps)
        risks.gaps = stepGaps("assessment", [.securityUntreatedThreat])
            + stepGaps("risk-acceptance", [.governanceUnacceptedRisk, .governanceAcceptanceIncomplete])
            + stepGaps("clearance", [.authorityExpiredAcceptance])
        items.append(risks)

        var triggers = item("triggers", "re-assessment triggers are registered", step: "risk-acceptance", status: status)
        for trigger in review.triggers ?? [] {
            let when = trigger.paths.isEmpty ? "" : "when \(trigger.paths.map(\.pattern).joined(separator: ", ")) change"
            let date = trigger.reviewBy.map { "by \(GapAnalysis.day($0))" } ?? ""
            triggers.evidence.append(Evidence(text: "trigger \(trigger.id): assess again \([when, date].filter { !$0.isEmpty }.joined(separator: " or "))",
                                              path: review.path(ReviewFile.triggers.path), line: trigger.line))
        }
        triggers.gaps = stepGaps("risk-acceptance", [.governanceNoTriggers])
        items.append(triggers)

        items.append(dpoItem(review, status: status, gaps: stepGaps("data-protection") + stepGaps("clearance", [.authorityDPIAOpen])))
        // An item holds when nothing keeps it from holding; this is the one place that decides it.
        return items.map { item in
            var item = item
            item.holds = item.gaps.isEmpty && item.open.isEmpty
            return item
        }
    }

    /// An item with the current sign-offs of `step` as evidence, or why the step is not signed.
    private func item(_ id: String, _ title: String, step stepID: String, status: ReviewStatus) -> Item {
        var item = Item(id: id, title: title, holds: false, evidence: [], gaps: [], open: [])
        guard let step = status.steps.first(where: { $0.id == stepID }) else {
            item.open.append("the policy has no step \(stepID)")
            return item
        }
        if step.state == .signed {
            item.evidence += step.signoffs.map { Evidence(text: "step \(stepID) signed by \($0.member) in round \($0.round)", signoff: $0.tag) }
        } else {
            item.open.append("step \(stepID) is \(step.state.rawValue)\(step.detail.map { " (\($0))" } ?? "")")
        }
        return item
    }

    private func contextSummary(_ context: SystemContext) -> String {
        ["user population \(context.userPopulation ?? "not set")", "consequence \(context.operationalConsequence ?? "not set")",
         "data classification \(context.dataClassification ?? "not set")", "personal data \(context.personalData.map(String.init) ?? "not set")"]
            .joined(separator: ", ")
    }

    /// For each threat at or above the threshold, the controls that treat it or the acceptance that names it.
    private func riskEvidence(_ review: Review, gaps: GapAnalysis) -> [Evidence] {
        let above = gaps.aboveThreshold
        guard !above.isEmpty else {
            return [Evidence(text: "no threat scores at or above the threshold \(policy.risk.threshold)", path: review.path(ReviewFile.threats.path))]
        }
        let listed = Set((review.securityGaps ?? []).compactMap(\.threat))
        var evidence: [Evidence] = []
        for threat in above {
            let controls = gaps.treatments(of: threat)
            if !controls.isEmpty && !listed.contains(threat.id) {
                evidence.append(Evidence(text: "threat \(threat.id) (score \(threat.score ?? 0)) is controlled by \(Array(Set(controls)).sorted().joined(separator: ", "))",
                                         path: review.path(ReviewFile.threats.path), line: threat.line))
            }
            for acceptance in review.acceptances ?? [] where acceptance.threat == threat.id && acceptance.acceptedBy != nil && acceptance.condition != nil {
                let expiry = acceptance.expires.map { ", until \(GapAnalysis.day($0))" } ?? ""
                evidence.append(Evidence(text: "threat \(threat.id) (score \(threat.score ?? 0)) is accepted by \(acceptance.acceptedBy ?? "") on condition: \(acceptance.condition ?? "")\(expiry)",
                                         path: review.path(ReviewFile.riskAcceptance.path), line: acceptance.line))
            }
        }
        return evidence
    }

    /// The DPO's item: nothing to do without personal data; otherwise the data-protection step
    /// signed, and accepted before the clearance.
    private func dpoItem(_ review: Review, status: ReviewStatus, gaps: [GapItem]) -> Item {
        let title = "the DPO was involved where personal data is in scope, and before the clearance"
        let dpoStep = policy.steps.first { $0.when == .personalData }
        guard let personal = review.context?.personalData else {
            return Item(id: "dpo", title: title, holds: false, evidence: [], gaps: [],
                        open: ["\(ReviewFile.context.path) does not say whether personal data is in scope"])
        }
        guard personal, let dpoStep else {
            let why = personal ? "the policy has no step for personal data" : "personal data is not in scope, so no data protection step applies"
            return Item(id: "dpo", title: title, holds: false, evidence: personal ? [] : [Evidence(text: why, path: review.path(ReviewFile.context.path), line: review.context?.line)],
                        gaps: [], open: personal ? [why] : [])
        }
        var item = self.item("dpo", title, step: dpoStep.id, status: status)
        if let dpia = review.dpia, let state = dpia.status {
            item.evidence.append(Evidence(text: "DPIA \(state)\(dpia.lawfulBasis.map { ", lawful basis \($0)" } ?? "")", path: review.path(ReviewFile.dpia.path), line: dpia.line))
        }
        item.gaps = gaps
        if let clearance = policy.clearanceStep, let cleared = run.report.state.current(review: review.id, step: clearance),
           cleared.first?.decision?.mayComeEarly == false, let clearedAt = states.lastAcceptance(of: cleared).flatMap(context.position(of:)) {
            let dpo = run.report.state.current(review: review.id, step: dpoStep)
            if let dpoAt = dpo.flatMap(states.lastAcceptance(of:)).flatMap(context.position(of:)), dpoAt <= clearedAt {
                item.evidence.append(Evidence(text: "the \(dpoStep.id) sign-off was accepted before the clearance (commit \(dpoAt + 1) and \(clearedAt + 1) of \(run.report.history.count))",
                                              signoff: dpo?.first?.name.description))
            } else {
                item.open.append("the \(dpoStep.id) step has no sign-off accepted before the clearance round \(cleared.first?.name.round ?? 0)")
            }
        }
        return item
    }
}
