import Foundation
import Signatures
import Testing
import TestSupport

@Suite("SSH signatures")
struct SSHSignatureTests {
    static let message = Data("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nsigned content\n".utf8)

    static func algorithm(_ kind: SSHKey.Kind) -> String {
        switch kind {
        case .ed25519: "ssh-ed25519"
        case .ecdsa256: "ecdsa-sha2-nistp256"
        case .ecdsa384: "ecdsa-sha2-nistp384"
        case .rsa: "rsa-sha2-512"
        }
    }

    @Test("ssh-keygen -Y sign signatures verify", arguments: SSHKey.Kind.allCases)
    func roundTrip(kind: SSHKey.Kind) throws {
        let key = try SharedKeys.ssh(kind)
        for message in [Self.message, Data(), Data((0...255).map { UInt8($0) })] {
            let signature = try SSHSignature(armored: try key.sign(message))
            try signature.verify(message: message)
            #expect(signature.publicKey == (try SSHPublicKey(line: key.publicKeyLine)))
            #expect(signature.namespace == "git")
            #expect(signature.hashAlgorithm == "sha512")
            #expect(signature.signatureAlgorithm == Self.algorithm(kind))
        }
    }

    @Test("a sha256 message hash verifies too", arguments: [SSHKey.Kind.ed25519, .rsa])
    func sha256MessageHash(kind: SSHKey.Kind) throws {
        let key = try SharedKeys.ssh(kind)
        let folder = try TempDirectory(prefix: "sig")
        let file = folder.child("message")
        try Self.message.write(to: file)
        try Run.checked(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-O", "hashalg=sha256", "-f", key.privateKeyPath, file.path])
        let signature = try SSHSignature(armored: try String(contentsOfFile: file.path + ".sig", encoding: .utf8))
        #expect(signature.hashAlgorithm == "sha256")
        try signature.verify(message: Self.message)
    }

    @Test("an ecdsa-sha2-nistp521 signature verifies")
    func p521() throws {
        let folder = try TempDirectory(prefix: "key521")
        let path = folder.child("id").path
        try Run.checked(["ssh-keygen", "-q", "-N", "", "-t", "ecdsa", "-b", "521", "-f", path])
        let file = folder.child("message")
        try Self.message.write(to: file)
        try Run.checked(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", path, file.path])
        let signature = try SSHSignature(armored: try String(contentsOfFile: file.path + ".sig", encoding: .utf8))
        #expect(signature.signatureAlgorithm == "ecdsa-sha2-nistp521")
        try signature.verify(message: Self.message)
        #expect(refusal { try signature.verify(message: Self.message + Data("x".utf8)) }.map(Refusal.init) == .badSignature)
    }

    @Test("a changed message, another namespace, a spliced key and a changed signature byte are refused",
          arguments: SSHKey.Kind.allCases)
    func refusals(kind: SSHKey.Kind) throws {
        let key = try SharedKeys.ssh(kind)
        let armored = try key.sign(Self.message)
        let signature = try SSHSignature(armored: armored)
        let fingerprint = signature.publicKey.fingerprint

        var tampered = Self.message
        tampered[tampered.count - 2] ^= 0x20
        if let error = refusal({ try signature.verify(message: tampered) }) {
            expectRefusal(error, .badSignature,
                          containing: "signature does not verify with the \(signature.publicKey.algorithm) key \(fingerprint)")
        }

        let fileSignature = try SSHSignature(armored: try key.sign(Self.message, namespace: "file"))
        if let error = refusal({ try fileSignature.verify(message: Self.message) }) {
            #expect(error == .wrongNamespace(found: "file", expected: "git"))
            #expect(error.description == "ssh signature namespace is \"file\", expected \"git\"")
        }
        try fileSignature.verify(message: Self.message, namespace: "file")
        #expect(refusal { try signature.verify(message: Self.message, namespace: "file") }
            == .wrongNamespace(found: "git", expected: "file"))

        // Another key's signature verifies, but names that key: trusting it is the caller's choice.
        let other = try SSHSignature(armored: try SharedKeys.otherSSH(kind).sign(Self.message))
        try other.verify(message: Self.message)
        #expect(other.publicKey != signature.publicKey)

        // This key's signature presented as the other key's.
        var spliced = try #require(SSHSIGFields(armored: armored))
        spliced.publicKey = [UInt8](other.publicKey.blob)
        let forged = try SSHSignature(armored: spliced.armored)
        if let error = refusal({ try forged.verify(message: Self.message) }) {
            expectRefusal(error, .badSignature, containing: other.publicKey.fingerprint)
        }

        let corrupted = try #require(Armor.rewriting(armored) { $0[$0.count - 1] ^= 0x01 })
        if let error = refusal({ try SSHSignature(armored: corrupted).verify(message: Self.message) }) {
            expectRefusal(error, .badSignature, containing: fingerprint)
        }
        #expect(try SSHKeygen.verifies(corrupted, message: Self.message, publicKeyLine: key.publicKeyLine) == false)
    }

    /// A change to a good Ed25519 signature, and the refusal it must meet.
    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: Refusal
        let reason: String
        let apply: @Sendable (String) -> String
        var testDescription: String { name }

        init(_ name: String, _ expected: Refusal, _ reason: String, _ apply: @escaping @Sendable (String) -> String) {
            self.name = name
            self.expected = expected
            self.reason = reason
            self.apply = apply
        }

        /// A damage made by editing the SSHSIG fields.
        init(_ name: String, _ expected: Refusal, _ reason: String, fields edit: @escaping @Sendable (inout SSHSIGFields) -> Void) {
            self.init(name, expected, reason) { armored in
                var fields = SSHSIGFields(armored: armored)!
                edit(&fields)
                return fields.armored
            }
        }
    }

    static let damages: [Damage] = [
        Damage("text before the begin line", .malformed, "does not start with a \"-----BEGIN SSH SIGNATURE-----\" line") { "x" + $0 },
        Damage("no end line", .malformed, "has no \"-----END SSH SIGNATURE-----\" line") {
            $0.replacingOccurrences(of: "-----END SSH SIGNATURE-----", with: "")
        },
        Damage("truncated armor", .malformed, "ssh signature is truncated in its") { armored in
            let lines = armored.split(separator: "\n")
            return (lines.prefix(lines.count / 2) + [lines.last!]).joined(separator: "\n") + "\n"
        },
        Damage("data after the end line", .malformed, "data after its end line") { $0 + "trailing\n" },
        Damage("a second signature after the end line", .malformed, "data after its end line") { $0 + $0 },
        Damage("invalid base64", .malformed, "invalid base64") { $0.replacingOccurrences(of: "U1NIU0lH", with: "U1NIU0l*") },
        Damage("empty armor", .malformed, "ssh signature armor is empty") { _ in
            "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n"
        },
        Damage("trailing bytes in the blob", .malformed, "ssh signature has 1 unexpected trailing byte") {
            Armor.rewriting($0) { $0.append(0) }!
        },
        Damage("bad magic", .malformed, "SSHSIG magic preamble", fields: { $0.magic = Array("SSHSIH".utf8) }),
        Damage("version 2", .unsupportedAlgorithm, "ssh signature version 2 is not supported", fields: { $0.version = 2 }),
        Damage("empty namespace", .malformed, "ssh signature has an empty namespace", fields: { $0.namespace = [] }),
        Damage("sha1 message hash", .unsupportedAlgorithm, "hash algorithm \"sha1\" is not supported",
               fields: { $0.hashAlgorithm = Array("sha1".utf8) }),
        Damage("key of another type", .malformed, "signature algorithm \"ssh-ed25519\" does not belong to a ssh-rsa key",
               fields: { $0.publicKey = SSHWire.string("ssh-rsa") + SSHWire.string([1, 0, 1]) + SSHWire.string([0x00, 0xC1] + [UInt8](repeating: 7, count: 255)) }),
        Damage("weak key", .weakKey, "1032-bit modulus",
               fields: { $0.publicKey = SSHWire.string("ssh-rsa") + SSHWire.string([1, 0, 1]) + SSHWire.string([0x00, 0x81] + [UInt8](repeating: 7, count: 128)) }),
        Damage("short signature", .malformed, "ssh-ed25519 signature is 63 bytes, expected 64", fields: { fields in
            let inner = fields.innerSignature!
            fields.signature = SSHWire.string(inner.algorithm) + SSHWire.string(inner.bytes.dropLast())
        }),
        Damage("trailing bytes in the signature", .malformed, "ssh-ed25519 signature has 1 unexpected trailing byte",
               fields: { $0.signature += [0] }),
        Damage("truncated signature field", .malformed, "ssh-ed25519 signature is truncated in its signature bytes",
               fields: { $0.signature = Array($0.signature.dropLast(10)) }),
    ]

    @Test("damaged signatures are refused with a reason", arguments: damages)
    func refusesDamage(_ damage: Damage) throws {
        let key = try SharedKeys.ssh(.ed25519)
        let damaged = damage.apply(try key.sign(Self.message))
        if let error = refusal({ try SSHSignature(armored: damaged).verify(message: Self.message) }) {
            expectRefusal(error, damage.expected, containing: damage.reason)
        }
        #expect(try SSHKeygen.verifies(damaged, message: Self.message, publicKeyLine: key.publicKeyLine) == false
                || damage.name.contains("after the end line"))
    }

    @Test("whitespace after the end line and CRLF line ends are accepted")
    func tolerantArmor() throws {
        let armored = try SharedKeys.ssh(.ed25519).sign(Self.message)
        try SSHSignature(armored: armored + "\n  \n").verify(message: Self.message)
        let crlf = armored.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(
            of: "-----BEGIN SSH SIGNATURE-----\r\n", with: "-----BEGIN SSH SIGNATURE-----\n")
        try SSHSignature(armored: crlf).verify(message: Self.message)
    }

    @Test("a non-empty reserved field is ignored, as OpenSSH does")
    func reservedIgnored() throws {
        let key = try SharedKeys.ssh(.ed25519)
        var fields = try #require(SSHSIGFields(armored: try key.sign(Self.message)))
        fields.reserved = Array("future".utf8)
        try SSHSignature(armored: fields.armored).verify(message: Self.message)
        #expect(try SSHKeygen.verifies(fields.armored, message: Self.message, publicKeyLine: key.publicKeyLine))
    }

    @Test("an ssh-rsa (sha-1) signature is refused")
    func refusesSHA1RSA() throws {
        var fields = try #require(SSHSIGFields(armored: try SharedKeys.ssh(.rsa).sign(Self.message)))
        let inner = try #require(fields.innerSignature)
        fields.signature = SSHWire.string("ssh-rsa") + SSHWire.string(inner.bytes)
        if let error = refusal({ _ = try SSHSignature(armored: fields.armored) }) {
            expectRefusal(error, .unsupportedAlgorithm, containing: "ssh-rsa signatures (rsa with sha-1) are refused")
        }
    }

    /// ssh-keygen always signs RSA with rsa-sha2-512; an rsa-sha2-256 signature of the SSHSIG data is
    /// made here with openssl from the same key, as an agent or another signer could make it.
    @Test("an rsa-sha2-256 signature verifies, as with ssh-keygen", .enabled(if: Run.isInstalled("openssl")))
    func rsaSHA256() throws {
        let key = try SharedKeys.ssh(.rsa)
        let folder = try TempDirectory(prefix: "rsa256")
        let pem = folder.child("key").path
        try FileManager.default.copyItem(atPath: key.privateKeyPath, toPath: pem)
        try Run.checked(["ssh-keygen", "-q", "-p", "-m", "PEM", "-P", "", "-N", "", "-f", pem])
        let messageFile = folder.child("message")
        try Self.message.write(to: messageFile)
        try Run.checked(["openssl", "dgst", "-sha512", "-binary", "-out", folder.child("hash").path, messageFile.path])
        let hash = try Data(contentsOf: folder.child("hash"))
        let signed = Array("SSHSIG".utf8) + SSHWire.string("git") + SSHWire.string([UInt8]()) + SSHWire.string("sha512")
            + SSHWire.string(hash)
        try Data(signed).write(to: folder.child("signed"))
        try Run.checked(["openssl", "dgst", "-sha256", "-sign", pem, "-out", folder.child("sig").path, folder.child("signed").path])

        var fields = try #require(SSHSIGFields(armored: try key.sign(Self.message)))
        fields.signature = SSHWire.string("rsa-sha2-256") + SSHWire.string([UInt8](try Data(contentsOf: folder.child("sig"))))
        let signature = try SSHSignature(armored: fields.armored)
        #expect(signature.signatureAlgorithm == "rsa-sha2-256")
        try signature.verify(message: Self.message)
        #expect(try SSHKeygen.verifies(fields.armored, message: Self.message, publicKeyLine: key.publicKeyLine))
        #expect(refusal { try signature.verify(message: Self.message + Data("x".utf8)) }.map(Refusal.init) == .badSignature)
    }
}
