/// The files of one synthetic review, after the complete example review of the tests, with
/// revisions that change them the way the owning role would.
struct ReviewFiles {
    let id: String
    let security: String
    let authority: String
    let personalData: Bool
    let decision: String

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
            "system/tool-manifest.yaml": "tools:\n  - id: ticket-lookup\n    permissions: [tickets:read]\n",
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
            "security/threats.yaml": """
                threats:
                  - id: T-1
                    title: prompt injection through customer messages
                    taxonomy: [LLM01:2025, AML.T0051]
                    likelihood: \(likelihood)
                    impact: 4
                    controls: [C-1]
                  - id: T-2
                    title: sensitive data in drafted replies
                    taxonomy: [LLM02:2025]
                    likelihood: 3
                    impact: 4
                    controls: []

                """,
            "security/controls.yaml": """
                controls:
                  - id: C-1
                    title: tool calls need an agent's confirmation
                    mitigates: [T-1]
                    owner: system-owner
                    gate: pre-production
                    verification: red-team plan RT-12 passes

                """,
            "security/gaps.yaml": "gaps:\n  - threat: T-2\n    description: no output filter until Q3\n",
            "security/evidence/red-team.md": "# Red team\n\nRT-12: 40 injection attempts, none succeeded.\n",
        ])
    }

    func evidence(_ number: Int) -> [String: String?] {
        rooted(["security/evidence/run-\(number).md": "# Test run \(number)\n\nAll \(number * 7) probes of \(id) were refused.\n"])
    }

    func governanceFiles(revision: Int = 0) -> [String: String?] {
        rooted([
            "governance/risk-acceptance.yaml": """
                # revision \(revision)
                acceptances:
                  - threat: T-2
                    accepted_by: dana
                    condition: output filter deployed before general availability
                    expires: 2099-06-30

                """,
            "governance/triggers.yaml": """
                triggers:
                  - id: model-change
                    description: the model or its system prompt changes
                    paths: ["deploy/\(id)/**"]
                  - id: yearly
                    description: yearly re-assessment
                    review_by: 2099-12-01

                """,
        ])
    }

    func dpoFiles(revision: Int = 0) -> [String: String?] {
        rooted([
            "dpo/dpia.yaml": "dpia: complete\nlawful_basis: legitimate interest, Art. 6(1)(f) GDPR\nrationale: ticket data is already processed (revision \(revision))\n",
            "dpo/advisory.md": "# Advisory\n\nNames are kept for 30 days; agents review every draft.\n",
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
