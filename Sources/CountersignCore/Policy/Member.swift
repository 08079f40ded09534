import Foundation
import Signatures

/// A person named in the policy: who they are, the emails that identify their commits,
/// and the keys that may sign for them.
public struct Member: Sendable {
    public var id: String
    public var name: String
    public var emails: [String]
    public var keys: [MemberKey]
    public var line: Int
}

/// A public key and the window in which it may sign (`valid_after` inclusive, `valid_before` exclusive).
public struct MemberKey: Sendable {
    public enum Material: Sendable {
        case ssh(SSHPublicKey)
        case openpgp(OpenPGPPublicKey)
    }

    public var material: Material
    public var validAfter: Date?
    public var validBefore: Date?
    /// `verify_required: true` on a FIDO security key: its signatures must also assert that the
    /// token verified its user (PIN or biometrics), as OpenSSH's `verify-required` option.
    public var verifyRequired = false
    public var line: Int

    /// `SHA256:…` for SSH keys, the 40-hex primary fingerprint for OpenPGP keys.
    public var fingerprint: String {
        switch material {
        case .ssh(let key): key.fingerprint
        case .openpgp(let key): key.fingerprint
        }
    }

    public func isValid(at date: Date) -> Bool {
        if let validAfter, date < validAfter { return false }
        if let validBefore, date >= validBefore { return false }
        return true
    }
}

/// A key that signs commits on an author's behalf, such as a forge's web-flow key;
/// the commit's author email then names the member.
public struct TrustedCommitter: Sendable {
    public var name: String
    public var keys: [MemberKey]
    public var line: Int
}
