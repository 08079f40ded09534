import Foundation
@testable import Signatures
import Testing
import TestSupport

@Suite("OpenPGP verification")
struct OpenPGPVerifierTests {
    static let message = Data("object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ntype commit\n\nsigned\n".utf8)

    static func verifier(_ keys: [GPGKey], tool: GPGTool? = nil) throws -> OpenPGPVerifier {
        try OpenPGPVerifier(armoredKeys: keys.map(\.armoredPublicKey), tool: tool)
    }

    @Test("a good signature gives the signer's fingerprint and the signing time")
    func goodSignature() throws {
        let key = try SharedKeys.gpg()
        let before = Date().addingTimeInterval(-2)
        let signature = try key.sign(Self.message)
        let after = Date().addingTimeInterval(2)
        let result = try Self.verifier([key]).verify(signature: Data(signature.utf8), message: Self.message)
        #expect(result.primaryKeyFingerprint == key.fingerprint)
        #expect(result.signingKeyFingerprint == key.fingerprint)
        #expect(result.created >= before && result.created <= after)
    }

    @Test("a changed message, an unknown key, an empty keyring and a changed signature byte are refused")
    func refusals() throws {
        let key = try SharedKeys.gpg(), other = try SharedKeys.otherGPG()
        let verifier = try Self.verifier([key])
        let signature = Data(try key.sign(Self.message).utf8)

        if let error = refusal({ _ = try verifier.verify(signature: signature, message: Self.message + Data("x".utf8)) }) {
            expectRefusal(error, .badSignature, containing: "signature does not verify with the openpgp key \(key.fingerprint)")
        }
        let otherSignature = Data(try other.sign(Self.message).utf8)
        if let error = refusal({ _ = try verifier.verify(signature: otherSignature, message: Self.message) }) {
            expectRefusal(error, .unknownKey, containing: "made by key \(other.fingerprint.suffix(16)), which is not among the given keys")
        }
        if let error = refusal({ _ = try OpenPGPVerifier(keys: []).verify(signature: signature, message: Self.message) }) {
            expectRefusal(error, .unknownKey)
        }
        let corrupted = try #require(Armor.rewriting(String(decoding: signature, as: UTF8.self)) { $0[$0.count - 1] ^= 0x01 })
        if let error = refusal({ _ = try verifier.verify(signature: Data(corrupted.utf8), message: Self.message) }) {
            expectRefusal(error, .badSignature)
        }
        // Both keys in one verifier: each signature names its own key.
        let both = try Self.verifier([key, other])
        #expect(try both.verify(signature: otherSignature, message: Self.message).primaryKeyFingerprint == other.fingerprint)
        #expect(try both.verify(signature: signature, message: Self.message).primaryKeyFingerprint == key.fingerprint)
    }

    @Test("malformed signatures are refused before gpg runs")
    func malformedSignatures() throws {
        let key = try SharedKeys.gpg()
        let verifier = try Self.verifier([key])
        let armored = try key.sign(Self.message)
        let twice = Armor.encode(Armor.decode(armored)!.bytes + Armor.decode(armored)!.bytes, label: "PGP SIGNATURE")
        let cases: [(String, String)] = [
            (twice, "openpgp signature holds 2 signatures, expected one"),
            ("garbage", "does not start with a \"-----BEGIN PGP SIGNATURE-----\" line"),
            (armored.replacingOccurrences(of: "-----END PGP SIGNATURE-----", with: ""), "has no \"-----END PGP SIGNATURE-----\" line"),
            (key.armoredPublicKey.replacingOccurrences(of: "PUBLIC KEY BLOCK", with: "SIGNATURE"), "holds packets other than signatures"),
        ]
        for (text, reason) in cases {
            if let error = refusal({ _ = try verifier.verify(signature: Data(text.utf8), message: Self.message) }) {
                expectRefusal(error, .malformed, containing: reason)
            }
        }
    }

    @Test("a signing subkey's signature names the primary key")
    func subkeySignature() throws {
        let key = try GPGKey(name: "Sub Signer", email: "subsigner@example.org")
        defer { key.stopAgent() }
        let passphrase = ["--pinentry-mode", "loopback", "--passphrase", ""]
        try key.gpg(passphrase + ["--quick-add-key", key.fingerprint, "ed25519", "sign", "never"])
        let subkey = try #require(OpenPGPPublicKeyTests.gpgFingerprints(key).last)
        let signature = try key.gpg(passphrase + ["--armor", "--detach-sign", "--local-user", subkey + "!"], input: Self.message)
        let armoredKey = try key.gpg(["--armor", "--export", key.fingerprint])
        let result = try OpenPGPVerifier(armoredKeys: [armoredKey]).verify(signature: Data(signature.utf8), message: Self.message)
        #expect(result.primaryKeyFingerprint == key.fingerprint)
        #expect(result.signingKeyFingerprint == subkey)
    }

    /// A key made on 2020-01-01 that expired a day later, in its own gpg home, and its signature of
    /// `message` made while it was valid; `revoke` imports the revocation gpg wrote for it too.
    static func expiredKeySignature(revoke: Bool) throws -> (armoredKey: String, signature: String) {
        let home = try TempDirectory(prefix: "gpg-old")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        let env = ["GNUPGHOME": home.path]
        defer { _ = try? Run.program(["gpgconf", "--kill", "gpg-agent"], environment: env) }
        let past = ["--faked-system-time", "20200101T000000", "--pinentry-mode", "loopback", "--passphrase", ""]
        try Run.checked(["gpg", "--batch"] + past + ["--quick-gen-key", "Old <old@example.org>", "ed25519", "sign", "1d"], environment: env)
        let signature = try Run.checked(["gpg", "--batch"] + past + ["--armor", "--detach-sign", "--local-user", "old@example.org"],
                                        environment: env, input: message).stdout
        if revoke {
            // gpg wrote a revocation certificate when it made the key; importing it revokes the key.
            let folder = home.url.appendingPathComponent("openpgp-revocs.d")
            let certificate = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
            let text = try String(contentsOf: folder.appendingPathComponent(certificate), encoding: .utf8)
                .replacingOccurrences(of: ":-----BEGIN", with: "-----BEGIN")
            try Run.checked(["gpg", "--batch", "--import"], environment: env, input: Data(text.utf8))
        }
        return (try Run.checked(["gpg", "--batch", "--armor", "--export", "old@example.org"], environment: env).stdout, signature)
    }

    @Test("a signature by a key that is revoked as well as expired is refused")
    func revokedAndExpiredKey() throws {
        let (armoredKey, signature) = try Self.expiredKeySignature(revoke: true)
        #expect(try OpenPGPPublicKey(armored: armoredKey).carriesRevocation)
        if let error = refusal({ _ = try OpenPGPVerifier(armoredKeys: [armoredKey]).verify(signature: Data(signature.utf8), message: Self.message) }) {
            expectRefusal(error, .expiredOrRevoked, containing: "revoked")
        }
    }

    @Test("a signature made while its key was valid is good after the key expired, with the expiry reported")
    func expiredKey() throws {
        let (armoredKey, signature) = try Self.expiredKeySignature(revoke: false)
        #expect(try !OpenPGPPublicKey(armored: armoredKey).carriesRevocation)
        // gpg judges the expiry at today's clock; the verdict keeps both dates, and the ledger judges
        // the key at the signer's date, so the answer does not change as the auditor's clock moves.
        let result = try OpenPGPVerifier(armoredKeys: [armoredKey]).verify(signature: Data(signature.utf8), message: Self.message)
        let expired = try #require(result.keyExpired)
        #expect(result.created < expired)
        #expect(expired < Date(timeIntervalSince1970: 1_600_000_000))
    }

    @Test("the private gpg home is mode 0700, holds only the given keys and goes with the verifier")
    func privateHome() throws {
        let key = try SharedKeys.gpg()
        var verifier: OpenPGPVerifier? = try Self.verifier([key])
        let home = try #require(verifier?.home)
        let mode = try FileManager.default.attributesOfItem(atPath: home.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path) == ["keyring.gpg"])
        let keyring = try Data(contentsOf: home.appendingPathComponent("keyring.gpg"))
        #expect(keyring == (try OpenPGPPublicKey(armored: key.armoredPublicKey)).packets)
        _ = try verifier?.verify(signature: Data(try key.sign(Self.message).utf8), message: Self.message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0 != "keyring.gpg" && $0 != "trustdb.gpg" }.isEmpty)
        verifier = nil
        #expect(!FileManager.default.fileExists(atPath: home.path))
    }

    @Test("no gpgv or gpg on the search path is an error naming the debian packages")
    func missingTool() throws {
        let empty = try TempDirectory(prefix: "path")
        if let error = refusal({ _ = try GPGTool.locate(searchPath: empty.path) }) {
            expectRefusal(error, .gpgUnavailable, containing: "debian package gpgv (or gnupg)")
        }
        let missing = GPGTool(kind: .gpgv, path: empty.child("gpgv").path)
        if let error = refusal({
            _ = try Self.verifier([try SharedKeys.gpg()], tool: missing).verify(signature: Data(try SharedKeys.gpg().sign(Self.message).utf8), message: Self.message)
        }) {
            expectRefusal(error, .gpgUnavailable, containing: "install the debian package gpgv")
        }
    }

    @Test("gpg stands in when gpgv is missing, with the same verdicts")
    func gpgFallback() throws {
        let gpgPath = try Run.checked(["sh", "-c", "command -v gpg"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = try TempDirectory(prefix: "path")
        try FileManager.default.createSymbolicLink(atPath: folder.child("gpg").path, withDestinationPath: gpgPath)
        let tool = try GPGTool.locate(searchPath: folder.path)
        #expect(tool.kind == .gpg)
        let key = try SharedKeys.gpg(), other = try SharedKeys.otherGPG()
        let verifier = try Self.verifier([key], tool: tool)
        let signature = Data(try key.sign(Self.message).utf8)
        #expect(try verifier.verify(signature: signature, message: Self.message).primaryKeyFingerprint == key.fingerprint)
        #expect(refusal { _ = try verifier.verify(signature: signature, message: Data("other".utf8)) }.map(Refusal.init) == .badSignature)
        let otherSignature = Data(try other.sign(Self.message).utf8)
        #expect(refusal { _ = try verifier.verify(signature: otherSignature, message: Self.message) }.map(Refusal.init) == .unknownKey)
    }

    @Test("gpgv is preferred when both are installed")
    func prefersGpgv() throws {
        let tool = try GPGTool.locate()
        #expect(tool.kind == .gpgv || !Run.isInstalled("gpgv"))
    }
}
