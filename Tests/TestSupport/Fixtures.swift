import Foundation

/// A person taking part in the example review, with a real SSH key made by `ssh-keygen`.
public struct Person: Sendable {
    public let id: String
    public let name: String
    public let email: String
    public let key: SSHKey

    /// Author and committer variables for git runs made as this person.
    public var gitEnvironment: [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]
    }
}

/// The people of the example: alice (system owner), bob and carol (security), dana
/// (governance), erin (DPO), frank and grace (sign-off authority). Keys are made once per run.
public enum Cast {
    public static let people: [Person] = {
        let names = [("alice", "Alice Martin"), ("bob", "Bob Stone"), ("carol", "Carol Diaz"), ("dana", "Dana Kim"),
                     ("erin", "Erin Walsh"), ("frank", "Frank Osei"), ("grace", "Grace Liu")]
        return names.map { id, name in
            // swiftlint:disable:next force_try
            Person(id: id, name: name, email: "\(id)@example.org", key: try! SSHKey(.ed25519, comment: "\(id)@laptop"))
        }
    }()

    public static func person(_ id: String) -> Person {
        guard let person = people.first(where: { $0.id == id }) else { fatalError("no person \(id) in the cast") }
        return person
    }

    public static var alice: Person { person("alice") }
    public static var bob: Person { person("bob") }
    public static var carol: Person { person("carol") }
    public static var dana: Person { person("dana") }
    public static var erin: Person { person("erin") }
    public static var frank: Person { person("frank") }
    public static var grace: Person { person("grace") }
}

/// Example policy and review files: the spec's example, complete, with real keys.
public enum Fixtures {
    /// The `members:` section for `people`, indented as in the policy.
    public static func membersYAML(_ people: [Person] = Cast.people) -> String {
        people.map { person in
            """
              \(person.id):
                name: \(person.name)
                emails: [\(person.email)]
                keys:
                  - \(person.key.publicKeyLine)

            """
        }.joined()
    }

    /// The policy of spec section 2 with the cast as members.
    public static func policyYAML(members: String = membersYAML(), extra: String = "") -> String {
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

    /// Every file of a complete review (spec section 3), by path inside the review folder.
    public static let completeReview: [String: String] = [
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

    /// Writes `files` (paths inside the review folder) under `root/reviews/<id>/`.
    public static func writeReview(_ id: String, files: [String: String] = completeReview, under root: URL) throws {
        for (relative, text) in files {
            let url = root.appendingPathComponent("reviews/\(id)/\(relative)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: url)
        }
    }
}
