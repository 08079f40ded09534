import Crypto
import Foundation

/// An armored SSH signature (`ssh-keygen -Y sign`, what git makes with `gpg.format=ssh`), parsed as
/// OpenSSH's PROTOCOL.sshsig describes and verified in-process, without running ssh-keygen.
public struct SSHSignature: Hashable, Sendable {
    public static let beginLine = "-----BEGIN SSH SIGNATURE-----"
    public static let endLine = "-----END SSH SIGNATURE-----"
    /// The hash algorithms PROTOCOL.sshsig allows for the message.
    public static let hashAlgorithms = ["sha256", "sha512"]
    static let magic = Array("SSHSIG".utf8)
    static let version: UInt32 = 1

    /// The key the signature says it was made with; trust in it is the caller's decision.
    public let publicKey: SSHPublicKey
    /// The purpose the signer declared; git signs in `git`.
    public let namespace: String
    /// The hash applied to the message before signing: `sha256` or `sha512`.
    public let hashAlgorithm: String
    /// The signature algorithm, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256` or `rsa-sha2-512`.
    public let signatureAlgorithm: String
    /// The decoded SSHSIG blob.
    public let blob: Data
    let value: SSHSignatureValue

    /// Parses the armored form: the begin line, base64 lines, the end line and nothing after it
    /// but whitespace.
    public init(armored: Data) throws(SignatureError) {
        let bytes = [UInt8](armored)
        let begin = Array((Self.beginLine + "\n").utf8)
        guard bytes.starts(with: begin) else {
            throw .malformed("ssh signature does not start with a \"\(Self.beginLine)\" line")
        }
        // Search from the begin line's own newline so that an empty body still finds the end line.
        let end = Array(("\n" + Self.endLine).utf8)
        guard let endStart = bytes.offset(of: end, from: begin.count - 1) else {
            throw .malformed("ssh signature has no \"\(Self.endLine)\" line")
        }
        let after = bytes[(endStart + end.count)...]
        guard after.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            throw .malformed("ssh signature has data after its end line")
        }
        let body = String(decoding: bytes[begin.count..<max(begin.count, endStart)], as: UTF8.self)
        guard let decoded = StrictBase64.decode(body, allowWhitespace: true) else {
            throw .malformed("ssh signature armor holds invalid base64")
        }
        guard !decoded.isEmpty else { throw .malformed("ssh signature armor is empty") }
        try self.init(blob: Data(decoded))
    }

    public init(armored: String) throws(SignatureError) {
        try self.init(armored: Data(armored.utf8))
    }

    /// Parses an SSHSIG blob: magic, version 1, public key, namespace, reserved, hash algorithm and
    /// signature, with no trailing bytes.
    public init(blob: Data) throws(SignatureError) {
        var reader = SSHWireReader(blob, subject: "ssh signature")
        guard try reader.readBytes(Self.magic.count, field: "magic preamble") == Self.magic else {
            throw .malformed("ssh signature does not start with the SSHSIG magic preamble")
        }
        let version = try reader.readUInt32(field: "version")
        guard version == Self.version else {
            throw .unsupportedAlgorithm("ssh signature version \(version) is not supported, expected \(Self.version)")
        }
        let keyBlob = try reader.readString(field: "public key")
        let namespace = try reader.readText(field: "namespace")
        // The reserved field is ignored, as PROTOCOL.sshsig asks (and OpenSSH does).
        _ = try reader.readString(field: "reserved field")
        let hashAlgorithm = try reader.readText(field: "hash algorithm")
        let signature = try reader.readString(field: "signature")
        try reader.expectEnd()

        let key = try SSHPublicKey(blob: Data(keyBlob))
        guard !namespace.isEmpty else { throw .malformed("ssh signature has an empty namespace") }
        guard Self.hashAlgorithms.contains(hashAlgorithm) else {
            throw .unsupportedAlgorithm(
                "ssh signature hash algorithm \"\(hashAlgorithm)\" is not supported, expected sha256 or sha512")
        }
        let parsed = try key.material.signatureValue(from: signature, keyType: key.algorithm)
        publicKey = key
        self.namespace = namespace
        self.hashAlgorithm = hashAlgorithm
        signatureAlgorithm = parsed.algorithm
        value = parsed.value
        self.blob = Data([UInt8](blob))
    }

    /// For a FIDO security key's signature, its flags: 0x01 user present, 0x04 user verified.
    public var securityKeyFlags: UInt8? {
        if case .securityKey(_, let flags, _) = value { return flags }
        return nil
    }

    /// Whether a security key verified its user (PIN or biometrics) for this signature.
    public var userVerified: Bool { (securityKeyFlags ?? 0) & 0x04 != 0 }

    /// Checks that the signature was made in `namespace` over `message` by `publicKey`; a security
    /// key's signature must assert that a user was present, as OpenSSH requires by default.
    public func verify(message: Data, namespace expected: String = "git") throws(SignatureError) {
        guard namespace == expected else { throw .wrongNamespace(found: namespace, expected: expected) }
        if let flags = securityKeyFlags, flags & 0x01 == 0 {
            throw .badSignature("the security key signature does not assert user presence (no touch)")
        }
        guard publicKey.material.isValid(value, over: signedData(message: message)) else {
            throw .badSignature("signature does not verify with the \(publicKey.algorithm) key \(publicKey.fingerprint)")
        }
    }

    /// What the signer signed (PROTOCOL.sshsig section 3): the magic preamble, namespace, an empty
    /// reserved field, the hash algorithm and the message's hash.
    func signedData(message: Data) -> [UInt8] {
        let digest = hashAlgorithm == "sha512" ? Array(SHA512.hash(data: message)) : Array(SHA256.hash(data: message))
        var writer = SSHWireWriter()
        writer.append(raw: Self.magic)
        writer.append(text: namespace)
        writer.append(string: [UInt8]())
        writer.append(text: hashAlgorithm)
        writer.append(string: digest)
        return writer.bytes
    }
}
