import Templates

/// The files of one synthetic review, after the complete example review, with
/// revisions that change them the way the owning role would.
struct ReviewFiles {
    let id: String
    let security: String
    let authority: String
    let personalData: Bool
    let decision: String

    /// A file of the complete example review, ending in a newline.
    private static func example(_ path: String) -> String {
        guard let text = Example.review[path] else { fatalError("the example review has no \(path)") }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// The example's file with `old` replaced; stops when the example no longer holds `old`, so that
    /// a changed example cannot quietly take a variation out of the history.
    private static func example(_ path: String, replacing old: String, with new: String) -> String {
        let text = example(path)
        guard text.contains(old) else { fatalError("the example's \(path) no longer holds \"\(old)\"") }
        return text.replacingOccurrences(of: old, with: new)
    }

    private func rooted(_ files: [String: String]) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: files.map { ("reviews/\(id)/\($0.key)", $0.value) })
    }

    /// The system owner's files: `review.yaml`, `system/**`, `status/controls.yaml`.
    var system: [String: String?] {
        rooted([
            "review.yaml": """
                title: Assistant \(id)
                assignments:
                  system-owner: [alice]
                  security: [\(security)]
                  governance: [dana]
                  dpo: [erin]
                  authority: [\(authority)]

                """,
            "system/description.md": "# Assistant \(id)\n\nDrafts answers for the support agents from the ticket history; an agent sends them.\n",
            "system/context.yaml": """
                user_population: support agents (about 400)
                operational_consequence: moderate
                data_classification: confidential
                personal_data: \(personalData)

                """,
            "system/data-flows.yaml": """
                flows:
                  - id: F-1
                    from: ticket system
                    to: assistant \(id)
                    data: ticket history
                    personal_data: \(personalData)

                """,
            "system/architecture.md": "# Architecture\n\nA hosted model behind the gateway.\n",
            "system/tool-manifest.yaml": Self.example("system/tool-manifest.yaml"),
            "status/controls.yaml": "controls:\n  C-1: specified\n",
        ])
    }

    func architecture(revision: Int) -> [String: String?] {
        rooted(["system/architecture.md": "# Architecture\n\nA hosted model behind the gateway (revision \(revision)).\n"])
    }

    func controlStatus(revision: Int) -> [String: String?] {
        let state = ["specified", "implemented", "verified"][revision % 3]
        return rooted(["status/controls.yaml": "# update \(revision)\ncontrols:\n  C-1: \(state)\n"])
    }

    /// The security team's threat model; `likelihood` is T-1's (4, or 5 once re-scored).
    func securityFiles(likelihood: Int = 4) -> [String: String?] {
        rooted([
            "security/threats.yaml": Self.example("security/threats.yaml",
                                                  replacing: "likelihood: 4\n    impact: 4\n    controls: [C-1]",
                                                  with: "likelihood: \(likelihood)\n    impact: 4\n    controls: [C-1]"),
            "security/controls.yaml": Self.example("security/controls.yaml"),
            "security/gaps.yaml": Self.example("security/gaps.yaml"),
            "security/evidence/red-team.md": Self.example("security/evidence/red-team.md"),
        ])
    }

    func evidence(_ number: Int) -> [String: String?] {
        rooted(["security/evidence/run-\(number).md": "# Test run \(number)\n\nAll \(number * 7) probes of \(id) were refused.\n"])
    }

    func governanceFiles(revision: Int = 0) -> [String: String?] {
        rooted([
            "governance/risk-acceptance.yaml": "# revision \(revision)\n" + Self.example("governance/risk-acceptance.yaml"),
            "governance/triggers.yaml": Self.example("governance/triggers.yaml",
                                                     replacing: "deploy/support-assistant/**", with: "deploy/\(id)/**"),
        ])
    }

    func dpoFiles(revision: Int = 0) -> [String: String?] {
        rooted([
            "dpo/dpia.yaml": "dpia: complete\nlawful_basis: legitimate interest, Art. 6(1)(f) GDPR\nrationale: ticket data is already processed (revision \(revision))\n",
            "dpo/advisory.md": Self.example("dpo/advisory.md"),
        ])
    }

    func authorityFiles(revision: Int = 0) -> [String: String?] {
        let conditions = decision == "cleared-with-conditions" ? "[output filter before general availability]" : "[]"
        return rooted([
            "authority/disposition.yaml": """
                decision: \(decision)
                rationale: residual risk T-2 is accepted until the output filter ships (revision \(revision))
                conditions: \(conditions)
                gaps: []

                """,
        ])
    }

    /// A deployment change outside `reviews/`, on a path the review's `model-change` trigger watches.
    func deployment(revision: Int) -> [String: String?] {
        ["deploy/\(id)/model.yaml": "model: assistant-\(revision)\n"]
    }
}
