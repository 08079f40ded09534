import Crypto
import Foundation

/// An OpenSSH public key (Ed25519, ECDSA or RSA of at least 2048 bits), parsed and checked so that a
/// policy can name members' keys and a signature's key can be compared with them.
///
/// Two keys are equal when their wire encodings (`blob`) are equal; the comment plays no part.
public struct SSHPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The key type, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256` or `ssh-rsa`.
    public let algorithm: String
    /// The key's wire encoding (RFC 4253), as base64-encoded in a public key line.
    public let blob: Data
    /// The free text after the key in a public key line, if any.
    public let comment: String?
    /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` prints it.
    public let fingerprint: String
    let material: SSHKeyMaterial

    /// The key types this library verifies.
    public static var supportedAlgorithms: [String] { SSHKeyMaterial.supportedTypes }

    /// Parses a public key line: `<type> <base64 blob> [comment]`.
    public init(line: String) throws(SignatureError) {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformed("ssh public key line is empty") }
        guard !text.contains(where: \.isNewline) else {
            throw .malformed("ssh public key line spans several lines")
        }
        let fields = text.split(maxSplits: 2, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        let type = String(fields[0])
        guard fields.count >= 2 else {
            throw .malformed("ssh public key line has no key data after \"\(type)\"")
        }
        guard let bytes = StrictBase64.decode(fields[1]) else {
            throw .malformed("ssh public key line has invalid base64 key data")
        }
        var peek = SSHWireReader(bytes, subject: "ssh public key")
        let inner = try peek.readText(field: "key type")
        guard inner == type else {
            throw .malformed("ssh public key line says \"\(type)\" but its key data is \"\(inner)\"")
        }
        let comment = fields.count > 2 ? fields[2].trimmingCharacters(in: .whitespaces) : ""
        try self.init(blob: Data(bytes), comment: comment.isEmpty ? nil : comment)
    }

    /// Parses a key from its wire encoding, refusing trailing bytes.
    public init(blob: Data, comment: String? = nil) throws(SignatureError) {
        var reader = SSHWireReader(blob, subject: "ssh public key")
        let type = try reader.readText(field: "key type")
        material = try SSHKeyMaterial.parse(type: type, from: &reader)
        try reader.expectEnd()
        algorithm = type
        self.blob = Data([UInt8](blob))
        self.comment = comment
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        fingerprint = "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The key as a public key line without comment: `<type> <base64 blob>`.
    public var openSSHLine: String { "\(algorithm) \(blob.base64EncodedString())" }

    /// The key size in bits as `ssh-keygen -l` prints it (256 for Ed25519, the modulus size for RSA).
    public var bitCount: Int { material.bitCount }

    /// `<type> <fingerprint>`, e.g. `ssh-ed25519 SHA256:...`.
    public var description: String { "\(algorithm) \(fingerprint)" }

    public static func == (lhs: SSHPublicKey, rhs: SSHPublicKey) -> Bool { lhs.blob == rhs.blob }

    public func hash(into hasher: inout Hasher) { hasher.combine(blob) }
}
