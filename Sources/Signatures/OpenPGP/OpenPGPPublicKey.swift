import Crypto
import Foundation

/// One armored OpenPGP public key (a transferable public key: primary key, user IDs, subkeys and
/// their signatures), checked in-process and fingerprinted so a policy can name it without gpg.
///
/// Two keys are equal when their primary fingerprints are equal.
public struct OpenPGPPublicKey: Hashable, Sendable, CustomStringConvertible {
    public static let armorLabel = "PGP PUBLIC KEY BLOCK"
    /// Packets a transferable public key may hold: signature, public key, trust, user ID, public
    /// subkey, user attribute.
    static let allowedTags: Set<UInt8> = [2, 6, 12, 13, 14, 17]

    /// The primary key's v4 fingerprint: 40 uppercase hex digits, as gpg prints it.
    public let fingerprint: String
    /// The fingerprints of the subkeys, in the order of the block.
    public let subkeyFingerprints: [String]
    /// The user IDs, e.g. `Alice Martin <alice@example.org>`.
    public let userIDs: [String]
    /// When the primary key was made.
    public let created: Date
    /// Whether the block holds a key or subkey revocation signature. gpg reports an expired key's
    /// signature as EXPKEYSIG even when the key is revoked too, so this is read from the key itself.
    public let carriesRevocation: Bool
    /// The key's packets, unarmored: what a keyring file holds.
    public let packets: Data

    /// Parses an armored `PGP PUBLIC KEY BLOCK` holding exactly one primary key.
    public init(armored: String) throws(SignatureError) {
        let subject = "openpgp public key"
        if armored.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----") {
            throw .malformed("\(subject) is a private key block; give the public key")
        }
        let armor = try OpenPGPArmor(armored, label: Self.armorLabel, subject: subject)
        try self.init(binary: Data(armor.bytes))
    }

    /// Parses the binary packets of one transferable public key.
    public init(binary: Data) throws(SignatureError) {
        let subject = "openpgp public key"
        let packets = try OpenPGPPacket.split([UInt8](binary), subject: subject)
        for packet in packets {
            if packet.tag == OpenPGPPacket.secretKeyTag || packet.tag == OpenPGPPacket.secretSubkeyTag {
                throw .malformed("\(subject) holds secret key material; give the public key")
            }
            guard Self.allowedTags.contains(packet.tag) else {
                throw .malformed("\(subject) holds an unexpected packet (tag \(packet.tag))")
            }
        }
        guard let primary = packets.first, primary.tag == OpenPGPPacket.publicKeyTag else {
            throw .malformed("\(subject) does not start with a public key packet")
        }
        let primaryCount = packets.filter { $0.tag == OpenPGPPacket.publicKeyTag }.count
        guard primaryCount == 1 else {
            throw .malformed("\(subject) block holds \(primaryCount) keys, expected one")
        }
        for packet in packets where packet.tag == OpenPGPPacket.publicKeyTag || packet.tag == OpenPGPPacket.publicSubkeyTag {
            try Self.checkStrength(packet.body, subject: packet.tag == OpenPGPPacket.publicKeyTag ? subject : "\(subject) subkey")
        }
        fingerprint = try Self.fingerprint(of: primary.body, subject: subject)
        subkeyFingerprints = try packets.filter { $0.tag == OpenPGPPacket.publicSubkeyTag }
            .map { (subkey) throws(SignatureError) in try Self.fingerprint(of: subkey.body, subject: "\(subject) subkey") }
        userIDs = packets.filter { $0.tag == OpenPGPPacket.userIDTag }.map { String(decoding: $0.body, as: UTF8.self) }
        // A key or subkey revocation signature (type 0x20 or 0x28; v3 keeps the type a byte later).
        carriesRevocation = packets.contains { packet in
            guard packet.tag == OpenPGPPacket.signatureTag, let version = packet.body.first else { return false }
            let typeIndex = version == 3 ? 2 : 1
            return packet.body.count > typeIndex && [0x20, 0x28].contains(packet.body[typeIndex])
        }
        let seconds = primary.body[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        created = Date(timeIntervalSince1970: TimeInterval(seconds))
        self.packets = Data([UInt8](binary))
    }

    /// The long key ID: the last 16 hex digits of the fingerprint.
    public var keyID: String { String(fingerprint.suffix(16)) }

    /// Whether `fingerprint` names the primary key or one of its subkeys (hex, any case).
    public func owns(fingerprint other: String) -> Bool {
        let wanted = other.uppercased()
        return wanted == fingerprint || subkeyFingerprints.contains(wanted)
    }

    public var description: String { "openpgp key \(fingerprint)" }

    public static func == (lhs: OpenPGPPublicKey, rhs: OpenPGPPublicKey) -> Bool { lhs.fingerprint == rhs.fingerprint }

    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    /// Refuses RSA, DSA and Elgamal keys below 2048 bits, as SSH keys are; the first MPI after the
    /// version, creation time and algorithm is the modulus (or prime) whose size counts.
    static func checkStrength(_ body: [UInt8], subject: String) throws(SignatureError) {
        let names: [UInt8: String] = [1: "rsa", 2: "rsa", 3: "rsa", 16: "elgamal", 17: "dsa", 20: "elgamal"]
        guard body.count >= 8, body[0] == 4, let name = names[body[5]] else { return }
        let bits = Int(body[6]) << 8 | Int(body[7])
        guard bits >= SSHKeyMaterial.minimumRSABits else {
            throw .weakKey("\(subject) is a \(bits)-bit \(name) key, at least \(SSHKeyMaterial.minimumRSABits) bits are required")
        }
    }

    /// The v4 fingerprint (RFC 4880 section 12.2): SHA-1 over 0x99, the body's 2-byte length and the body.
    static func fingerprint(of body: [UInt8], subject: String) throws(SignatureError) -> String {
        guard let version = body.first else { throw .malformed("\(subject) packet is empty") }
        guard version == 4 else {
            throw .unsupportedAlgorithm("\(subject) has version \(version), only version 4 keys are supported")
        }
        guard body.count >= 6, body.count <= 0xFFFF else {
            throw .malformed("\(subject) packet has an invalid length")
        }
        var hashed: [UInt8] = [0x99, UInt8(body.count >> 8), UInt8(body.count & 0xFF)]
        hashed += body
        return Insecure.SHA1.hash(data: hashed).map { String(format: "%02X", $0) }.joined()
    }
}
