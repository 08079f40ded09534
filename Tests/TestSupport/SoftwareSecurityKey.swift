import Crypto
import Foundation

/// A software signer of the FIDO security key formats (`sk-ssh-ed25519@openssh.com`,
/// `sk-ecdsa-sha2-nistp256@openssh.com`, OpenSSH's PROTOCOL.u2f): a key made for an application,
/// signing as a token would, with the flags (0x01 user present, 0x04 user verified) and counter it
/// chooses. Real tokens cannot be driven in a test; `ssh-keygen -Y verify` checks what this makes without one.
public struct SoftwareSecurityKey: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ed25519 = "sk-ssh-ed25519@openssh.com"
        case p256 = "sk-ecdsa-sha2-nistp256@openssh.com"
    }

    public let kind: Kind
    private let ed25519 = Curve25519.Signing.PrivateKey()
    private let p256 = P256.Signing.PrivateKey()
    public let application = "ssh:"

    public init(_ kind: Kind = .ed25519) {
        self.kind = kind
    }

    /// The public key blob: type, key (for ECDSA, the curve and the point), application.
    public var blob: [UInt8] {
        switch kind {
        case .ed25519: Self.string(kind.rawValue) + Self.string(Array(ed25519.publicKey.rawRepresentation)) + Self.string(application)
        case .p256: Self.string(kind.rawValue) + Self.string("nistp256") + Self.string(Array(p256.publicKey.x963Representation)) + Self.string(application)
        }
    }

    /// The OpenSSH public key line.
    public var line: String { "\(kind.rawValue) \(Data(blob).base64EncodedString())" }

    /// The armored SSHSIG of `message` in `namespace`; `signedCounter` lets the counter signed
    /// differ from the one written (a tampered signature).
    public func sign(_ message: Data, namespace: String = "git", flags: UInt8, counter: UInt32, signedCounter: UInt32? = nil) throws -> String {
        let magic = Array("SSHSIG".utf8)
        let signed = magic + Self.string(namespace) + Self.string([]) + Self.string("sha512") + Self.string(Array(SHA512.hash(data: message)))
        let data = Array(SHA256.hash(data: Array(application.utf8))) + [flags] + Self.uint32(signedCounter ?? counter) + Array(SHA256.hash(data: signed))
        let value: [UInt8]
        switch kind {
        case .ed25519:
            value = Array(try ed25519.signature(for: data))
        case .p256:
            // ECDSA over SHA-256 of the data; the value is the mpints r and s.
            let raw = Array(try p256.signature(for: data).rawRepresentation)
            value = Self.string(Self.mpint(Array(raw[0..<32]))) + Self.string(Self.mpint(Array(raw[32..<64])))
        }
        let signature = Self.string(kind.rawValue) + Self.string(value) + [flags] + Self.uint32(counter)
        let sshsig = magic + Self.uint32(1) + Self.string(blob) + Self.string(namespace) + Self.string([]) + Self.string("sha512") + Self.string(signature)
        let base64 = Array(Data(sshsig).base64EncodedString())
        let lines = stride(from: 0, to: base64.count, by: 70).map { String(base64[$0..<min($0 + 70, base64.count)]) }
        return (["-----BEGIN SSH SIGNATURE-----"] + lines + ["-----END SSH SIGNATURE-----"]).joined(separator: "\n") + "\n"
    }

    private static func mpint(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        return (trimmed.first ?? 0) & 0x80 != 0 ? [0] + trimmed : trimmed
    }

    private static func uint32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    private static func string(_ bytes: [UInt8]) -> [UInt8] { uint32(UInt32(bytes.count)) + bytes }
    private static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
}
