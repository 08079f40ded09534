import Foundation
import Signatures
import Testing
import TestSupport

@Suite("Detached signatures")
struct DetachedSignatureTests {
    @Test("the armor header chooses ssh or openpgp")
    func choosesByArmor() throws {
        let message = Data("payload\n".utf8)
        let ssh = try SharedKeys.ssh(.ed25519).sign(message)
        guard case .ssh(let signature) = try DetachedSignature.parse(ssh) else {
            Issue.record("an ssh signature was not parsed as one")
            return
        }
        try signature.verify(message: message)

        let pgp = try SharedKeys.gpg().sign(message)
        #expect(try DetachedSignature.parse(Data(pgp.utf8)) == .openpgp(Data(pgp.utf8)))
    }

    @Test("other formats and garbage are refused with a reason", arguments: [
        ("-----BEGIN SIGNED MESSAGE-----\nMIAGCSqG\n-----END SIGNED MESSAGE-----\n", Refusal.unsupportedAlgorithm, "x509 (gpgsm) signatures are not supported"),
        ("-----BEGIN PGP MESSAGE-----\n\nowGbwMvMwMG4\n-----END PGP MESSAGE-----\n", .unsupportedAlgorithm, "openpgp signed messages are not supported"),
        ("", .malformed, "signature is empty"),
        (" \n", .malformed, "signature is empty"),
        ("hello", .malformed, "signature does not start with an ssh or openpgp armor line"),
        ("-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n", .malformed, "openpgp signature"),
        ("-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n", .malformed, "ssh signature is truncated"),
    ])
    func refuses(text: String, expected: Refusal, reason: String) {
        if let error = refusal({ _ = try DetachedSignature.parse(text) }) {
            expectRefusal(error, expected, containing: reason)
        }
    }

    @Test("every error reads lowercase, without a trailing period", arguments: [
        SignatureError.malformed("x"), .unsupportedAlgorithm("x"), .wrongNamespace(found: "file", expected: "git"),
        .weakKey("x"), .badSignature("x"), .unknownKey("x"), .expiredOrRevoked("x"), .gpgUnavailable("x"), .gpgFailed("x"),
    ])
    func errorStyle(error: SignatureError) {
        expectHouseStyle(error)
        #expect(error.description == error.reason)
    }
}
