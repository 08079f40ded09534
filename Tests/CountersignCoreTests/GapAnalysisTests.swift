import CountersignCore
import Foundation
import TestSupport
import Testing

/// One way to leave a gap in the complete example review.
struct GapCase: CustomTestStringConvertible, Sendable {
    let code: String
    let step: String
    /// Files to overwrite (path inside the review → text); nil text deletes the file.
    let files: [String: String?]
    let path: String
    /// Text of the line the gap must name, in the changed file; nil when the gap names no line.
    let lineText: String?
    let message: String
    var testDescription: String { code }
}

/// A review folder on disk with the example policy, for reading through `Validation`.
struct ReviewTree {
    let folder: TempDirectory
    let policy: Policy

    init(files overrides: [String: String?] = [:], policyText: String = Fixtures.policyYAML()) throws {
        folder = try TempDirectory()
        var files = Fixtures.completeReview
        for (path, text) in overrides { files[path] = text }
        try Fixtures.writeReview("support-assistant", files: files, under: folder.url)
        try Data(policyText.utf8).write(to: folder.child("countersign.yaml"))
        policy = try PolicyReader.load(from: WorkingTreeSource(root: folder.url))
    }

    func validate(_ ids: [String] = []) throws -> ValidationReport {
        try Validation(source: WorkingTreeSource(root: folder.url), policy: policy).run(reviews: ids)
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: folder.child("reviews/support-assistant/\(relative)"), encoding: .utf8)
    }
}

@Suite("gap items")
struct GapAnalysisTests {
    static let cases: [GapCase] = [
        GapCase(code: "review.unassigned-role", step: "description", files: ["review.yaml": "title: x\nassignments:\n  system-owner: [alice]\n  security: [bob]\n  governance: [dana]\n  dpo: []\n  authority: [frank]\n"],
                path: "review.yaml", lineText: "  dpo: []", message: "role dpo has no assigned member"),
        GapCase(code: "review.unassigned-role", step: "description", files: ["review.yaml": "title: x\nassignments:\n  system-owner: [alice]\n  security: [dana]\n  governance: [dana]\n  dpo: [erin]\n  authority: [frank]\n"],
                path: "review.yaml", lineText: "  security: [dana]", message: "dana is assigned to security but is not a member of that role"),
        GapCase(code: "system.description-empty", step: "description", files: ["system/description.md": "# Title\n\n<!-- write here -->\n"],
                path: "system/description.md", lineText: nil, message: "the system description is empty"),
        GapCase(code: "system.context-incomplete", step: "description", files: ["system/context.yaml": "user_population: agents\noperational_consequence:\ndata_classification: internal\npersonal_data: true\n"],
                path: "system/context.yaml", lineText: "user_population", message: "lacks operational_consequence"),
        GapCase(code: "system.data-flows-missing", step: "description", files: ["system/data-flows.yaml": nil],
                path: "system/data-flows.yaml", lineText: nil, message: "no data flows are listed"),
        GapCase(code: "security.no-threats", step: "assessment", files: ["security/threats.yaml": "threats: []\n", "security/controls.yaml": "controls: []\n", "security/gaps.yaml": "gaps: []\n"],
                path: "security/threats.yaml", lineText: nil, message: "no threats are modelled"),
        GapCase(code: "security.unscored-threat", step: "assessment", files: ["security/threats.yaml": "threats:\n  - id: T-1\n    likelihood: 9\n    impact: 2\n    controls: [C-1]\n  - id: T-2\n    likelihood: 1\n    impact: 1\n"],
                path: "security/threats.yaml", lineText: "  - id: T-1", message: "threat T-1 has likelihood 9; score it from 1 to 5"),
        GapCase(code: "security.unknown-reference", step: "assessment", files: ["security/threats.yaml": "threats:\n  - id: T-1\n    likelihood: 2\n    impact: 2\n    controls: [C-9]\n  - id: T-2\n    likelihood: 1\n    impact: 1\n"],
                path: "security/threats.yaml", lineText: "  - id: T-1", message: "threat T-1 names control C-9, which security/controls.yaml does not define"),
        GapCase(code: "security.control-incomplete", step: "assessment", files: ["security/controls.yaml": "controls:\n  - id: C-1\n    title: confirm\n    mitigates: [T-1]\n    owner: system-owner\n"],
                path: "security/controls.yaml", lineText: "  - id: C-1", message: "control C-1 has no gate, verification"),
        GapCase(code: "security.untreated-threat", step: "assessment", files: ["security/gaps.yaml": "gaps: []\n"],
                path: "security/threats.yaml", lineText: "  - id: T-2", message: "threat T-2 scores 12, at or above the threshold 12, with no control"),
        GapCase(code: "governance.unaccepted-risk", step: "risk-acceptance", files: ["governance/risk-acceptance.yaml": "acceptances: []\n"],
                path: "governance/risk-acceptance.yaml", lineText: nil, message: "threat T-2 (score 12) is above threshold"),
        GapCase(code: "governance.acceptance-incomplete", step: "risk-acceptance", files: ["governance/risk-acceptance.yaml": "acceptances:\n  - threat: T-2\n    accepted_by: bob\n    condition: filter first\n"],
                path: "governance/risk-acceptance.yaml", lineText: "  - threat: T-2", message: "is by bob, who is not an assigned governance member"),
        GapCase(code: "governance.acceptance-incomplete", step: "risk-acceptance", files: ["governance/risk-acceptance.yaml": "acceptances:\n  - threat: T-2\n    accepted_by: dana\n"],
                path: "governance/risk-acceptance.yaml", lineText: "  - threat: T-2", message: "the acceptance of T-2 has no condition"),
        GapCase(code: "governance.no-triggers", step: "risk-acceptance", files: ["governance/triggers.yaml": "triggers: []\n"],
                path: "governance/triggers.yaml", lineText: nil, message: "no re-assessment triggers are registered"),
        GapCase(code: "dpo.dpia-status-missing", step: "data-protection", files: ["dpo/dpia.yaml": "dpia:\nlawful_basis: consent\n"],
                path: "dpo/dpia.yaml", lineText: "dpia:", message: "the DPIA status is not set"),
        GapCase(code: "dpo.advisory-empty", step: "data-protection", files: ["dpo/advisory.md": "\n"],
                path: "dpo/advisory.md", lineText: nil, message: "the data protection advisory is empty"),
        GapCase(code: "authority.disposition-invalid", step: "clearance", files: ["authority/disposition.yaml": "rationale: fine\n"],
                path: "authority/disposition.yaml", lineText: "rationale: fine", message: "no decision is recorded"),
        GapCase(code: "authority.conditions-missing", step: "clearance", files: ["authority/disposition.yaml": "decision: cleared-with-conditions\nrationale: ok\nconditions: []\n"],
                path: "authority/disposition.yaml", lineText: "decision:", message: "cleared-with-conditions but no conditions are listed"),
        GapCase(code: "authority.gaps-missing", step: "clearance", files: ["authority/disposition.yaml": "decision: returned\nrationale: not yet\n"],
                path: "authority/disposition.yaml", lineText: "decision:", message: "the review is returned but no gaps say what each step must fix"),
        GapCase(code: "authority.dpia-open", step: "clearance", files: ["authority/disposition.yaml": "decision: cleared\nrationale: ok\n", "dpo/dpia.yaml": "dpia: in-progress\n"],
                path: "authority/disposition.yaml", lineText: "decision:", message: "the DPIA is in-progress"),
        GapCase(code: "authority.expired-acceptance", step: "clearance", files: ["governance/risk-acceptance.yaml": "acceptances:\n  - threat: T-2\n    accepted_by: dana\n    condition: filter first\n    expires: 2020-01-31\n"],
                path: "governance/risk-acceptance.yaml", lineText: "  - threat: T-2", message: "the acceptance of T-2 expired on 2020-01-31"),
    ]

    @Test("the complete example review has no gap item and no violation")
    func completeReview() throws {
        let report = try ReviewTree().validate()
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.reviews.map(\.id) == ["support-assistant"])
        #expect(report.reviews.first?.gaps == [])
        #expect(report.ok)
    }

    @Test("each gap code names its step, file and line", arguments: cases)
    func gap(_ gapCase: GapCase) throws {
        let tree = try ReviewTree(files: gapCase.files)
        let report = try tree.validate()
        #expect(report.violations.isEmpty, "\(report.violations)")
        let gaps = report.reviews.flatMap(\.gaps)
        let gap = try #require(gaps.first { $0.code.id == gapCase.code && $0.message.contains(gapCase.message) }, "got \(gaps)")
        #expect(gap.step == gapCase.step)
        #expect(gap.path == "reviews/support-assistant/\(gapCase.path)")
        if let lineText = gapCase.lineText {
            #expect(gap.line == line(of: lineText, in: try tree.text(gapCase.path)))
        } else {
            #expect(gap.line == nil)
        }
        #expect(!report.ok)
    }

    @Test("steps with `when: personal_data` apply only when the context says so")
    func personalDataScope() throws {
        let context = "user_population: staff\noperational_consequence: low\ndata_classification: internal\npersonal_data: false\n"
        let tree = try ReviewTree(files: ["system/context.yaml": context, "dpo/dpia.yaml": nil, "dpo/advisory.md": nil])
        #expect(try tree.validate().ok)
        let inScope = try ReviewTree(files: ["dpo/dpia.yaml": nil])
        #expect(try inScope.validate().reviews.flatMap(\.gaps).map(\.code.id) == ["dpo.dpia-status-missing"])
    }

    @Test("a review laid out from the templates lists the gaps of every step")
    func freshReview() throws {
        let folder = try TempDirectory()
        try Data(Fixtures.policyYAML().utf8).write(to: folder.child("countersign.yaml"))
        _ = try Scaffold(root: folder.url).layOut(review: "x", role: "system-owner", title: "X", member: "alice")
        let policy = try PolicyReader.load(from: WorkingTreeSource(root: folder.url))
        let report = try Validation(source: WorkingTreeSource(root: folder.url), policy: policy).run(reviews: ["x"])
        #expect(report.violations.isEmpty, "\(report.violations)")
        let codes = Set(report.reviews.flatMap(\.gaps).map(\.code.id))
        #expect(codes.isSuperset(of: ["review.unassigned-role", "system.description-empty", "system.context-incomplete",
                                      "system.data-flows-missing", "security.no-threats", "governance.no-triggers",
                                      "authority.disposition-invalid"]))
    }
}
