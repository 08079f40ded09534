import Foundation

/// The cast of the example policy (alice … grace), each with a freshly generated key; the policy
/// that gives them their roles, and git's allowed-signers file made from it.
struct Team {
    static let cast = [("alice", "Alice Martin"), ("bob", "Bob Stone"), ("carol", "Carol Diaz"), ("dana", "Dana Kim"),
                       ("erin", "Erin Walsh"), ("frank", "Frank Osei"), ("grace", "Grace Liu")]

    let members: [TeamMember]

    /// New keys for everyone.
    init() {
        members = Team.cast.map { TeamMember(id: $0.0, name: $0.1, email: "\($0.0)@example.org", signer: SSHSigner()) }
    }

    /// Reads the keys `save(to:)` wrote: one `<id> <hex seed>` line per member.
    init(contentsOf url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        var seeds: [String: Data] = [:]
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seed = Data(hex: String(parts[1])) else { continue }
            seeds[String(parts[0])] = seed
        }
        members = try Team.cast.map { id, name in
            guard let seed = seeds[id] else { throw BenchError("\(url.path) has no key for \(id)") }
            return TeamMember(id: id, name: name, email: "\(id)@example.org", signer: try SSHSigner(seed: seed))
        }
    }

    func save(to url: URL) throws {
        let text = members.map { "\($0.id) \($0.signer.seed.map { String(format: "%02x", $0) }.joined())\n" }.joined()
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    func member(_ id: String) -> TeamMember {
        guard let member = members.first(where: { $0.id == id }) else { fatalError("no member \(id)") }
        return member
    }

    /// The policy of the contract's example (section 2), with these members and keys.
    var policyYAML: String {
        let memberLines = members.map { member in
            """
              \(member.id):
                name: \(member.name)
                emails: [\(member.email)]
                keys:
                  - \(member.signer.publicKeyLine(comment: "\(member.id)@laptop"))

            """
        }.joined()
        return """
            version: 1
            protected_branches: [main]
            policy_owners: [frank]
            require_signed_commits: true
            risk:
              scale: 5
              threshold: 12
            members:
            \(memberLines)
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

            """
    }

    /// `gpg.ssh.allowedSignersFile` for git: each member's email and key, namespace git.
    var allowedSigners: String {
        members.map { "\($0.email) namespaces=\"git\" \($0.signer.publicKeyLine(comment: $0.id))\n" }.joined()
    }
}

extension Data {
    /// Parses an even number of hex digits.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        self.init(bytes)
    }
}
