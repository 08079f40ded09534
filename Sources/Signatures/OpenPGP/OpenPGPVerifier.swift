import Foundation

/// Verifies detached OpenPGP signatures with `gpgv` (or `gpg`) against a keyring holding only the
/// given public keys, in a private gpg home made for this verifier and removed with it: the
/// user's own keyring and trust settings never take part.
public final class OpenPGPVerifier: Sendable {
    public static let signatureArmorLabel = "PGP SIGNATURE"

    /// The only keys a signature may verify with.
    public let keys: [OpenPGPPublicKey]
    public let tool: GPGTool
    /// The private gpg home (mode 0700).
    let home: URL
    let keyring: URL

    /// Makes the private home and its keyring; finds gpgv or gpg unless `tool` is given.
    public init(keys: [OpenPGPPublicKey], tool: GPGTool? = nil) throws(SignatureError) {
        if let tool { self.tool = tool } else { self.tool = try GPGTool.locate() }
        self.keys = keys
        home = try Self.makePrivateDirectory()
        keyring = home.appendingPathComponent("keyring.gpg")
        let packets = keys.reduce(into: Data()) { $0.append($1.packets) }
        guard FileManager.default.createFile(atPath: keyring.path, contents: packets, attributes: [.posixPermissions: 0o600])
        else {
            try? FileManager.default.removeItem(at: home)
            throw .gpgFailed("cannot write the keyring in the private gpg home \(home.path)")
        }
    }

    /// Parses each armored public key, then makes the verifier.
    public convenience init(armoredKeys: [String], tool: GPGTool? = nil) throws(SignatureError) {
        var keys: [OpenPGPPublicKey] = []
        for armored in armoredKeys { keys.append(try OpenPGPPublicKey(armored: armored)) }
        try self.init(keys: keys, tool: tool)
    }

    deinit {
        try? FileManager.default.removeItem(at: home)
    }

    /// Checks the armored detached `signature` over `message`; returns who signed and when.
    public func verify(signature: Data, message: Data) throws(SignatureError) -> OpenPGPVerification {
        let packet = try Self.signaturePacket(armored: signature)
        let name = UUID().uuidString
        let signatureURL = home.appendingPathComponent("sig-\(name)")
        let messageURL = home.appendingPathComponent("msg-\(name)")
        defer {
            try? FileManager.default.removeItem(at: signatureURL)
            try? FileManager.default.removeItem(at: messageURL)
        }
        guard FileManager.default.createFile(atPath: signatureURL.path, contents: Data(packet)),
              FileManager.default.createFile(atPath: messageURL.path, contents: message) else {
            throw .gpgFailed("cannot write in the private gpg home \(home.path)")
        }
        let result = try tool.run(
            tool.verifyArguments(home: home, keyring: keyring, signature: signatureURL, data: messageURL), home: home)
        let verification = try OpenPGPVerification(
            status: GPGStatus(result.stdout), exitStatus: result.status, stderr: result.stderr, tool: tool,
            name: describeKey(id:))
        // The keyring holds only `keys`; checked again so a gpg surprise cannot widen it.
        guard let key = keys.first(where: { $0.fingerprint == verification.primaryKeyFingerprint }) else {
            throw .unknownKey(
                "openpgp signature was made by key \(verification.primaryKeyFingerprint), which is not among the given keys")
        }
        // A signature made before its key expired is good, unless the key was revoked as well.
        if verification.keyExpired != nil, key.carriesRevocation {
            throw .expiredOrRevoked("openpgp signature was made by the revoked and expired key \(key.fingerprint)")
        }
        return verification
    }

    /// The binary signature packet of an armored detached signature: exactly one signature packet.
    static func signaturePacket(armored: Data) throws(SignatureError) -> [UInt8] {
        let subject = "openpgp signature"
        let text = String(decoding: armored, as: UTF8.self)
        let armor = try OpenPGPArmor(text, label: signatureArmorLabel, subject: subject)
        let packets = try OpenPGPPacket.split(armor.bytes, subject: subject)
        guard packets.allSatisfy({ $0.tag == OpenPGPPacket.signatureTag }) else {
            throw .malformed("\(subject) holds packets other than signatures")
        }
        guard packets.count == 1 else {
            throw .malformed("\(subject) holds \(packets.count) signatures, expected one")
        }
        return armor.bytes
    }

    /// "openpgp key <fingerprint>" for a given key ID when it is one of `keys`, else "openpgp key <id>".
    private func describeKey(id: String) -> String {
        let id = id.uppercased()
        let key = keys.first { $0.fingerprint.hasSuffix(id) || $0.subkeyFingerprints.contains { $0.hasSuffix(id) } }
        return "openpgp key \(key?.fingerprint ?? id)"
    }

    /// A new folder only this user can enter, under the temporary directory.
    private static func makePrivateDirectory() throws(SignatureError) -> URL {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("countersign-gpg-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
            return String(cString: result)
        }
        guard let made else {
            throw .gpgFailed("cannot make a private gpg home in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: made, isDirectory: true)
    }
}
