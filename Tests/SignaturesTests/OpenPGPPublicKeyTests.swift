import Foundation
import Signatures
import Testing
import TestSupport

@Suite("OpenPGP public keys")
struct OpenPGPPublicKeyTests {
    /// Fingerprints of the primary key and subkeys as `gpg --with-colons` lists them.
    static func gpgFingerprints(_ key: GPGKey) throws -> [String] {
        try key.gpg(["--with-colons", "--list-keys", key.fingerprint]).split(separator: "\n")
            .filter { $0.hasPrefix("fpr:") }
            .map { String($0.split(separator: ":", omittingEmptySubsequences: false)[9]) }
    }

    @Test("a key exported by gpg parses, with gpg's fingerprint and user ID")
    func parsesExportedKey() throws {
        let gpgKey = try SharedKeys.gpg()
        let key = try OpenPGPPublicKey(armored: gpgKey.armoredPublicKey)
        #expect(key.fingerprint == gpgKey.fingerprint)
        #expect(key.keyID == String(gpgKey.fingerprint.suffix(16)))
        #expect(key.userIDs == ["Test User <test@example.org>"])
        #expect(key.subkeyFingerprints.isEmpty)
        #expect(abs(key.created.timeIntervalSinceNow) < 3600)
        #expect(key.owns(fingerprint: gpgKey.fingerprint.lowercased()))
        #expect(key == (try OpenPGPPublicKey(binary: key.packets)))
    }

    @Test("subkeys (curve25519 and rsa) get gpg's fingerprints; re-framed packets change nothing")
    func subkeysAndFraming() throws {
        let gpgKey = try GPGKey(name: "Sub Keys", email: "subkeys@example.org")
        defer { gpgKey.stopAgent() }
        let passphrase = ["--pinentry-mode", "loopback", "--passphrase", ""]
        try gpgKey.gpg(passphrase + ["--quick-add-key", gpgKey.fingerprint, "cv25519", "encr", "never"])
        try gpgKey.gpg(passphrase + ["--quick-add-key", gpgKey.fingerprint, "rsa2048", "sign", "never"])
        let armored = try gpgKey.gpg(["--armor", "--export", gpgKey.fingerprint])
        let key = try OpenPGPPublicKey(armored: armored)
        let expected = try Self.gpgFingerprints(gpgKey)
        #expect(expected.count == 3)
        #expect([key.fingerprint] + key.subkeyFingerprints == expected)
        #expect(key.owns(fingerprint: expected[2]))

        // The same packets with new-format headers, some with five-byte lengths.
        let packets = try #require(PGPPackets.split([UInt8](key.packets)))
        let reframed = packets.enumerated().flatMap { PGPPackets.newFormat($1, long: $0 % 2 == 1) }
        let again = try OpenPGPPublicKey(binary: Data(reframed))
        #expect([again.fingerprint] + again.subkeyFingerprints == expected)
        #expect(again.userIDs == key.userIDs)
    }

    /// A damaged key block and the reason it must be refused for.
    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: Refusal
        let reason: String
        let apply: @Sendable (String) throws -> String
        var testDescription: String { name }
    }

    static func rewritePackets(_ armored: String, _ edit: ([PGPPackets.Packet]) -> [UInt8]) -> String {
        let bytes = Armor.decode(armored)!.bytes
        return Armor.encode(Data(edit(PGPPackets.split([UInt8](bytes))!)), label: "PGP PUBLIC KEY BLOCK")
    }

    static let damages: [Damage] = [
        Damage(name: "garbage", expected: .malformed,
               reason: "openpgp public key does not start with a \"-----BEGIN PGP PUBLIC KEY BLOCK-----\" line") { _ in "not a key" },
        Damage(name: "a signature block", expected: .malformed,
               reason: "is a \"PGP SIGNATURE\" block, expected \"PGP PUBLIC KEY BLOCK\"") {
            $0.replacingOccurrences(of: "PUBLIC KEY BLOCK", with: "SIGNATURE")
        },
        Damage(name: "a private key block", expected: .malformed, reason: "is a private key block") {
            $0.replacingOccurrences(of: "PUBLIC KEY BLOCK", with: "PRIVATE KEY BLOCK")
        },
        Damage(name: "no end line", expected: .malformed, reason: "has no \"-----END PGP PUBLIC KEY BLOCK-----\" line") {
            $0.replacingOccurrences(of: "-----END PGP PUBLIC KEY BLOCK-----", with: "")
        },
        Damage(name: "data after the end line", expected: .malformed, reason: "has data after its end line") { $0 + "more\n" },
        Damage(name: "invalid base64", expected: .malformed, reason: "holds invalid base64") { armored in
            var lines = armored.components(separatedBy: "\n")
            lines[3] = "*" + lines[3].dropFirst()
            return lines.joined(separator: "\n")
        },
        Damage(name: "crc24 mismatch", expected: .malformed, reason: "does not match its crc24 checksum") { armored in
            var lines = armored.components(separatedBy: "\n")
            let crc = try #require(lines.firstIndex { $0.hasPrefix("=") && $0.count == 5 })
            lines[crc] = lines[crc] == "=AAAA" ? "=AAAB" : "=AAAA"
            return lines.joined(separator: "\n")
        },
        Damage(name: "changed body under its crc24", expected: .malformed, reason: "does not match its crc24 checksum") { armored in
            var lines = armored.components(separatedBy: "\n")
            let index = lines.count / 2
            lines[index] = String(lines[index].reversed())
            return lines.joined(separator: "\n")
        },
        Damage(name: "malformed crc24 line", expected: .malformed, reason: "malformed crc24 checksum line") { armored in
            var lines = armored.components(separatedBy: "\n")
            let crc = try #require(lines.firstIndex { $0.hasPrefix("=") && $0.count == 5 })
            lines[crc] = "=AA"
            return lines.joined(separator: "\n")
        },
        Damage(name: "truncated", expected: .malformed, reason: "is truncated in a packet") { armored in
            Armor.encode(Armor.decode(armored)!.bytes.dropLast(20), label: "PGP PUBLIC KEY BLOCK")
        },
        Damage(name: "empty", expected: .malformed, reason: "openpgp public key is empty") { _ in
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n-----END PGP PUBLIC KEY BLOCK-----\n"
        },
        Damage(name: "user ID first", expected: .malformed, reason: "does not start with a public key packet") {
            rewritePackets($0) { packets in (packets[1...] + packets[..<1]).flatMap { PGPPackets.oldFormat($0) } }
        },
        Damage(name: "two keys", expected: .malformed, reason: "block holds 2 keys, expected one") {
            rewritePackets($0) { packets in (packets + packets).flatMap { PGPPackets.oldFormat($0) } }
        },
        Damage(name: "secret key packet", expected: .malformed, reason: "holds secret key material") {
            rewritePackets($0) { packets in
                var secret = packets[0]
                secret.tag = 5
                return (packets + [secret]).flatMap { PGPPackets.oldFormat($0) }
            }
        },
        Damage(name: "literal data packet", expected: .malformed, reason: "holds an unexpected packet (tag 11)") {
            rewritePackets($0) { packets in
                (packets + [PGPPackets.Packet(tag: 11, body: Array("b\u{0}\u{0}\u{0}\u{0}\u{0}hi".utf8))]).flatMap { PGPPackets.oldFormat($0) }
            }
        },
        Damage(name: "version 5 key", expected: .unsupportedAlgorithm, reason: "only version 4 keys are supported") {
            rewritePackets($0) { packets in
                var packets = packets
                packets[0].body[0] = 5
                return packets.flatMap { PGPPackets.oldFormat($0) }
            }
        },
        Damage(name: "partial body length", expected: .malformed, reason: "partial body length") {
            rewritePackets($0) { packets in [0xC6, 0xE1] + packets[0].body }
        },
        Damage(name: "not a packet", expected: .malformed, reason: "holds an invalid packet header") {
            rewritePackets($0) { packets in [0x00] + packets.flatMap { PGPPackets.oldFormat($0) } }
        },
    ]

    @Test("damaged key blocks are refused with a reason", arguments: damages)
    func refusesDamage(_ damage: Damage) throws {
        let damaged = try damage.apply(try SharedKeys.gpg().armoredPublicKey)
        if let error = refusal({ _ = try OpenPGPPublicKey(armored: damaged) }) {
            expectRefusal(error, damage.expected, containing: damage.reason)
        }
    }

    @Test("armor without headers' blank line, without crc24 and with indentation still parses")
    func tolerantArmor() throws {
        let gpgKey = try SharedKeys.gpg()
        let bare = Armor.encode(Armor.decode(gpgKey.armoredPublicKey)!.bytes, label: "PGP PUBLIC KEY BLOCK")
        #expect(try OpenPGPPublicKey(armored: bare).fingerprint == gpgKey.fingerprint)
        let withHeaders = gpgKey.armoredPublicKey.replacingOccurrences(
            of: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n",
            with: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nComment: made by a test\nVersion: 1\n")
        #expect(try OpenPGPPublicKey(armored: withHeaders).fingerprint == gpgKey.fingerprint)
        let indented = gpgKey.armoredPublicKey.split(separator: "\n").map { "    " + $0 }.joined(separator: "\r\n")
        #expect(try OpenPGPPublicKey(armored: "\n" + indented + "\n\n").fingerprint == gpgKey.fingerprint)
    }

    @Test("an rsa key below 2048 bits is refused as weak")
    func refusesWeakRSA() throws {
        let home = try TempDirectory(prefix: "gpg-weak")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        let env = ["GNUPGHOME": home.path]
        defer { _ = try? Run.program(["gpgconf", "--kill", "gpg-agent"], environment: env) }
        try Run.checked(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                         "--quick-gen-key", "Weak <weak@example.org>", "rsa1024", "sign", "never"], environment: env)
        let armored = try Run.checked(["gpg", "--batch", "--armor", "--export", "weak@example.org"], environment: env).stdout
        if let error = refusal({ _ = try OpenPGPPublicKey(armored: armored) }) {
            expectRefusal(error, .weakKey, containing: "openpgp public key is a 1024-bit rsa key, at least 2048 bits are required")
        }
    }
}
