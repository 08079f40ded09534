import Foundation

/// git's allowed-signers file (`gpg.ssh.allowedSignersFile`) for a policy's SSH keys, so that
/// `git verify-commit` and `git verify-tag` check the same keys countersign does.
public enum AllowedSigners {
    public static func file(for policy: Policy) -> String {
        var lines: [String] = []
        for member in policy.members {
            for key in member.keys {
                guard case .ssh(let ssh) = key.material else { continue }
                var options = ["namespaces=\"git\""]
                if let after = key.validAfter { options.append("valid-after=\"\(stamp(after))\"") }
                if let before = key.validBefore { options.append("valid-before=\"\(stamp(before))\"") }
                let principals = member.emails.joined(separator: ",")
                lines.append("\(principals) \(options.joined(separator: ",")) \(ssh.algorithm) \(ssh.blob.base64EncodedString()) \(member.id)")
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `YYYYMMDDHHMMSSZ`, the UTC form ssh-keygen reads.
    private static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }
}
