/// The contract's example, filled in: the policy of spec section 2 for seven people (alice … grace)
/// and a complete review of a support assistant. The demo, the tests and the benchmark start from
/// it, so that they all exercise the same files.
public enum Example {
    /// The people of the example: id and name; each one's email is `<id>@example.org`.
    public static let people: [(id: String, name: String)] = [
        ("alice", "Alice Martin"), ("bob", "Bob Stone"), ("carol", "Carol Diaz"), ("dana", "Dana Kim"),
        ("erin", "Erin Walsh"), ("frank", "Frank Osei"), ("grace", "Grace Liu"),
    ]

    /// The `members:` entry of one person, indented as in the policy.
    public static func member(id: String, name: String, email: String, keys: [String]) -> String {
        """
          \(id):
            name: \(name)
            emails: [\(email)]
            keys:
        \(keys.map { "      - \($0)\n" }.joined())
        """
    }

    /// The policy: alice owns the system, bob and carol do security, dana governance, erin data
    /// protection, frank and grace clear; frank owns the policy. `members` is the members section's
    /// body (see `member(id:name:email:keys:)`); `extra` is appended.
    public static func policy(members: String, extra: String = "") -> String {
        """
        version: 1
        protected_branches: [main]
        policy_owners: [frank]
        require_signed_commits: true
        risk:
          scale: 5
          threshold: 12
        members:
        \(members)
        roles:
          system-owner: {members: [alice], owns: ["review.yaml", "system/**", "status/**"]}
          security:     {members: [bob, carol], owns: ["security/**"]}
          governance:   {members: [dana], owns: ["governance/**"]}
          dpo:          {members: [erin], owns: ["dpo/**"]}
          authority:    {members: [frank, grace], owns: ["authority/**"]}
        steps:
          description:     {role: system-owner, covers: ["system/**"]}
          intake:          {role: security, requires: [description]}
          assessment:      {role: security, requires: [intake], covers: ["security/**"]}
          risk-acceptance: {role: governance, requires: [assessment], covers: ["governance/**"]}
          data-protection: {role: dpo, requires: [assessment], covers: ["dpo/**"], when: personal_data}
          clearance:       {role: authority, requires: [risk-acceptance, data-protection], covers: ["authority/**"], threshold: 1}
        separation_of_duties:
          - [security, governance]
          - [system-owner, authority]
        \(extra)
        """
    }

    /// Every file of the complete review, by path inside its folder.
    public static let review: [String: String] = [
        "review.yaml": """
            title: Support assistant
            assignments:
              system-owner: [alice]
              security: [bob]
              governance: [dana]
              dpo: [erin]
              authority: [frank]
            """,
        "system/description.md": """
            # Support assistant

            A chat assistant that drafts answers for the support agents of the EU helpdesk.
            It reads the ticket history and proposes replies; an agent sends them.
            """,
        "system/context.yaml": """
            user_population: support agents of the EU helpdesk (about 400)
            operational_consequence: moderate
            data_classification: confidential
            personal_data: true
            """,
        "system/data-flows.yaml": """
            flows:
              - id: F-1
                from: ticket system
                to: support assistant
                data: ticket history with customer names
                personal_data: true
            """,
        "system/architecture.md": "# Architecture\n\nA hosted model behind the helpdesk's gateway.\n",
        "system/tool-manifest.yaml": "tools:\n  - id: ticket-lookup\n    permissions: [tickets:read]\n",
        "status/controls.yaml": "controls:\n  C-1: implemented\n",
        "security/threats.yaml": """
            threats:
              - id: T-1
                title: prompt injection through customer messages
                taxonomy: [LLM01:2025, AML.T0051]
                likelihood: 4
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
        "security/gaps.yaml": """
            gaps:
              - threat: T-2
                description: no output filter until Q3
            """,
        "security/evidence/red-team.md": "# Red team\n\nRT-12: 40 injection attempts, none succeeded.\n",
        "governance/risk-acceptance.yaml": """
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
                paths: ["deploy/support-assistant/**"]
              - id: yearly
                description: yearly re-assessment
                review_by: 2099-12-01
            """,
        "dpo/dpia.yaml": "dpia: complete\nlawful_basis: legitimate interest, Art. 6(1)(f) GDPR\nrationale: ticket data is already processed by the helpdesk\n",
        "dpo/advisory.md": "# Advisory\n\nNames are kept for 30 days; agents review every draft.\n",
        "authority/disposition.yaml": """
            decision: cleared-with-conditions
            rationale: residual risk T-2 is accepted until the output filter ships
            conditions: [output filter before general availability]
            gaps: []
            """,
    ]
}
