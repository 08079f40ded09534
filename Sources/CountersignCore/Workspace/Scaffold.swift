import Foundation
import Templates

/// Writes the files of `init` and `new` from the templates compiled into the binary.
public struct Scaffold {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The commented policy, with `member` as the only member, in every role and a policy owner.
    public static func policy(member: String, name: String, email: String, keyLine: String?, branch: String = "main") -> String {
        let keys = keyLine.map { "      - \($0)" } ?? "      # - ssh-ed25519 AAAA... (paste the public key you sign with; until then the policy is invalid)"
        return Templates.fill(Templates.policy, ["member": member, "name": name, "email": email, "keys": keys])
            .replacingOccurrences(of: "protected_branches: [main]", with: "protected_branches: [\(branch)]")
    }

    /// A member id made from an email's local part: `Alice.Martin@x` → `alice-martin`.
    public static func memberID(fromEmail email: String) -> String {
        let local = email.split(separator: "@").first.map(String.init) ?? email
        var id = String(local.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber ? $0 : "-" })
        while id.hasPrefix("-") { id.removeFirst() }
        return id.isEmpty ? "me" : String(id.prefix(63))
    }

    /// Writes `countersign.yaml`; refuses to overwrite one.
    public func writePolicy(_ text: String) throws -> String {
        let url = root.appendingPathComponent(Policy.path)
        if FileManager.default.fileExists(atPath: url.path) {
            throw InputError("countersign.yaml already exists; edit it, or remove it to start over", path: Policy.path)
        }
        try Data(text.utf8).write(to: url)
        return Policy.path
    }

    /// Lays out `role`'s files of review `id`, never overwriting a file; returns the paths written.
    public func layOut(review id: String, role: String, title: String, member: String?) throws -> [String] {
        guard PolicyChecker.isValidID(id) else {
            throw InputError("review id \"\(id)\" is not valid; use lowercase letters, digits and dashes, starting with a letter or digit, at most 63 characters")
        }
        guard let files = Templates.review[role] else {
            throw InputError("there are no templates for role \"\(role)\"; the roles with templates are \(Templates.review.keys.sorted().joined(separator: ", "))")
        }
        let folder = "\(Review.root)/\(id)"
        if role == "system-owner", FileManager.default.fileExists(atPath: root.appendingPathComponent("\(folder)/review.yaml").path) {
            throw InputError("review \(id) already exists; lay out another role's files with `countersign new \(id) --role <role>`", path: "\(folder)/review.yaml")
        }
        var written: [String] = []
        for file in files {
            let path = "\(folder)/\(file.path)"
            let url = root.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = Templates.fill(file.text, ["title": title, "member": member ?? ""])
            try Data(text.utf8).write(to: url)
            written.append(path)
        }
        if written.isEmpty {
            throw InputError("the \(role) files of review \(id) exist already; nothing to lay out", path: folder)
        }
        return written
    }
}
