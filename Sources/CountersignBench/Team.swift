import Foundation
import Templates

/// The cast of the example policy (alice … grace), each with a freshly generated key; the policy
/// that gives them their roles, and git's allowed-signers file made from it.
struct Team {
    let members: [TeamMember]

    /// New keys for everyone.
    init() {
        members = Example.people.map { TeamMember(id: $0.0, name: $0.1, email: "\($0.0)@example.org", signer: SSHSigner()) }
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
        members = try Example.people.map { id, name in
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

    /// The policy of the built-in example, with these members and keys.
    var policyYAML: String {
        Example.policy(members: members.map { member in
            Example.member(id: member.id, name: member.name, email: member.email,
                           keys: [member.signer.publicKeyLine(comment: "\(member.id)@laptop")])
        }.joined())
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
