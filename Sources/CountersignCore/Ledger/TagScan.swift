import Foundation
import GitKit

/// Every tag under `refs/tags/signoff/`, anchored or not (`verify` judges them all: docs/reference.md#sign-offs).
/// A tag with no anchor is judged as if anchored at the tip: flaws of the tag itself are
/// violations; anything else only explains why it would not count yet.
public struct TagScan {
    public struct Result: Sendable {
        /// Tags with no anchor, judged at the tip.
        public var unanchored: [SignOff] = []
        public var violations: [Finding] = []
        /// ``Rule/signoffUnanchored`` notices, which fail nothing.
        public var notices: [Finding] = []
    }

    let context: LedgerContext

    public init(context: LedgerContext) {
        self.context = context
    }

    /// Judges every sign-off tag ref at the report's tip, except the tags in `skipping` (anchored
    /// on the log after the tip, so not judged as of it).
    public func scan(_ report: LedgerReport, skipping: Set<ObjectID> = []) throws -> Result {
        var result = Result()
        let anchored = Set(report.signOffs.map(\.tagID))
        let tip = try context.commit(report.tip)
        let policy = try context.policyInForce(at: report.tip)
        for reference in try context.repository.references(withPrefix: SignOffName.refPrefix) {
            guard let name = SignOffName(reference.name) else {
                result.violations.append(Finding(rule: .signoffMalformed, ref: reference.name, commit: reference.target.hex,
                                                   message: "the name is not signoff/<review>/<step>/<round>/<member> with valid ids and a plain round number"))
                continue
            }
            if anchored.contains(reference.target) || skipping.contains(reference.target) { continue }
            if report.signOffs.contains(where: { $0.name == name && $0.isAnchored }) { continue }  // judged as ref-mismatch
            guard let policy else { continue }
            let anchor = try Anchor.object(reference.target, name: name, repository: context.repository)
            var signOff = try Ledger(context: context, branch: report.branch).judgeAnchor(name, anchor: anchor, at: tip, policy: policy, state: report.state, arrivesHere: false)
            signOff.acceptance = nil
            let own = signOff.violations.filter(\.rule.failsUnanchoredTag)
            result.violations += own
            if own.isEmpty {
                let pending = signOff.violations.map { "\($0.message) (\($0.rule))" }
                let why = pending.isEmpty ? "it counts once its anchor lands on \(report.branch)" : "if anchored now it would be rejected: \(pending.joined(separator: "; "))"
                result.notices.append(Finding(rule: .signoffUnanchored, ref: name.description, commit: reference.target.hex, path: name.anchorPath,
                                                message: "no anchor yet; \(why)"))
            }
            result.unanchored.append(signOff)
        }
        return result
    }
}
