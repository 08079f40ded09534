import Crypto
import Foundation

/// A software signer of the FIDO security key format (`sk-ssh-ed25519@openssh.com`, OpenSSH's
/// PROTOCOL.u2f): an Ed25519 key made for an application, signing as a token would, with the
/// flags (0x01 user present, 0x04 user verified) and counter it chooses. Real tokens cannot be
/// driven in a test; `ssh-keygen -Y verify` checks what this makes without one.
public struct SoftwareSecurityKey: Sendable {
    public static let type = "sk-ssh-ed25519@openssh.com"
    private let key = Curve25519.Signing.PrivateKey()
    public let application = "ssh:"

    public init() {}

    /// The public key blob: type, key, application.
    public var blob: [UInt8] { Self.string(Self.type) + Self.string(Array(key.publicKey.rawRepresentation)) + Self.string(application) }

    /// The OpenSSH public key line.
    public var line: String { "\(Self.type) \(Data(blob).base64EncodedString())" }

    /// The armored SSHSIG of `message` in `namespace`; `signedCounter` lets the counter signed
    /// differ from the one written (a tampered signature).
    public func sign(_ message: Data, namespace: String = "git", flags: UInt8, counter: UInt32, signedCounter: UInt32? = nil) throws -> String {
        let magic = Array("SSHSIG".utf8)
        let signed = magic + Self.string(namespace) + Self.string([]) + Self.string("sha512") + Self.string(Array(SHA512.hash(data: message)))
        let data = Array(SHA256.hash(data: Array(application.utf8))) + [flags] + Self.uint32(signedCounter ?? counter) + Array(SHA256.hash(data: signed))
        let value = try key.signature(for: data)
        let signature = Self.string(Self.type) + Self.string(Array(value)) + [flags] + Self.uint32(counter)
        let sshsig = magic + Self.uint32(1) + Self.string(blob) + Self.string(namespace) + Self.string([]) + Self.string("sha512") + Self.string(signature)
        let base64 = Array(Data(sshsig).base64EncodedString())
        let lines = stride(from: 0, to: base64.count, by: 70).map { String(base64[$0..<min($0 + 70, base64.count)]) }
        return (["-----BEGIN SSH SIGNATURE-----"] + lines + ["-----END SSH SIGNATURE-----"]).joined(separator: "\n") + "\n"
    }

    private static func uint32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    private static func string(_ bytes: [UInt8]) -> [UInt8] { uint32(UInt32(bytes.count)) + bytes }
    private static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }
}
