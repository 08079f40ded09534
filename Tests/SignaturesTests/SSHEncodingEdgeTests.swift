import Foundation
import Signatures
import Testing
import TestSupport

/// Signatures made by ssh-keygen whose values sit on encoding edges, found by signing until one
/// showed up: an ECDSA r or s shorter than the curve size (an mpint with fewer bytes, or one whose
/// leading zero only keeps the sign bit clear) and an RSA signature stored without its leading zero
/// byte. OpenSSH accepts all three; so must this library.
@Suite("SSH signature encoding edges")
struct SSHEncodingEdgeTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        let name: String
        let publicKeyLine: String
        let message: String
        let armored: String
        var testDescription: String { name }
    }

    static let fixtures = [
        Fixture(
            name: "nistp256, r of 31 bytes behind a zero byte",
            publicKeyLine: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGA10ZR9OY2YakLbuiGUU6ovxGhYZoLsHrouaaVC7pX5lkjn7honRsBGcf93Guk9NrJI2Vo2551YHmnyM2bYIBc= fixture",
            message: "countersign fixture message\n",
            armored: """
            -----BEGIN SSH SIGNATURE-----
            U1NIU0lHAAAAAQAAAGgAAAATZWNkc2Etc2hhMi1uaXN0cDI1NgAAAAhuaXN0cDI1NgAAAE
            EEYDXRlH05jZhqQtu6IZRTqi/EaFhmguweui5ppULulfmWSOfuGidGwEZx/3ca6T02skjZ
            WjbnnVgeafIzZtggFwAAAANnaXQAAAAAAAAABnNoYTUxMgAAAGMAAAATZWNkc2Etc2hhMi
            1uaXN0cDI1NgAAAEgAAAAgAJlcvhW5CKSoi6B4GULpGheN3TZJERtg6GB8yOhZQq8AAAAg
            MfJTQs0eKIJdHDKhUyqTXAmXAttc7y9yQc7KW+WVpQQ=
            -----END SSH SIGNATURE-----
            """),
        Fixture(
            name: "nistp384, s of 47 bytes",
            publicKeyLine: "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBGOqxikHxy9wtYwBdIvbCLuNtYKycrqcIWw+SYoXkUgpNgX+lflkdVXOB8R8U+MdnQdxolJJxtCucEFlE49uF7uq/8NYaHOT3Jrxp+cNeonN+OuDcPUIED1uq3fIr41kNA== fixture",
            message: "countersign fixture message\n",
            armored: """
            -----BEGIN SSH SIGNATURE-----
            U1NIU0lHAAAAAQAAAIgAAAATZWNkc2Etc2hhMi1uaXN0cDM4NAAAAAhuaXN0cDM4NAAAAG
            EEY6rGKQfHL3C1jAF0i9sIu421grJyupwhbD5JiheRSCk2Bf6V+WR1Vc4HxHxT4x2dB3Gi
            UknG0K5wQWUTj24Xu6r/w1hoc5PcmvGn5w16ic3464Nw9QgQPW6rd8ivjWQ0AAAAA2dpdA
            AAAAAAAAAGc2hhNTEyAAAAggAAABNlY2RzYS1zaGEyLW5pc3RwMzg0AAAAZwAAADB/icGj
            EfIwJJasf0DVB8R23xlb6HzCs9HMWLSBoPlsy4WUOYaTIZr+n3RuXW3sfB8AAAAvfxsiSO
            nj3nGKVVzb6QeVNfVtYgZoWvioJFpmy3UcTxkiJivw/HysJwR6PLZH8jY=
            -----END SSH SIGNATURE-----
            """),
        Fixture(
            name: "rsa-sha2-512, signature one byte shorter than the modulus",
            publicKeyLine: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCbKHhXLEL/sG/lBxMrzPuknoZT50sKsJ/2SR16FkHakCVENezsn225Qje7Sbx6WvRoSGK6vuZ7XeRYMCYOfq4CKyNzLeWJdm6OVc59zarfziZdYsBXaHnQqaKtCR3ebT1WMke9F6Qxs4PHsoSa4oYSc1K1ZFUrFK8SdGpYdJtRIltKjCFaTtdEYy6lvE2tiju1tYQpe9VpQ5/Yb02CpELkTQzWhv8oL1deqe2XmRfecBosZshLsjMe54GZ/2zvTj2DOLXxhSiAf5ETbvzamzgQ13xPd5jb6XgmvU/rO3yiMjHosOWS3Tzdc7kIEtLf25NOXWnO5iXsdnfmf8p+k1ed fixture",
            message: "countersign fixture message 1\n",
            armored: """
            -----BEGIN SSH SIGNATURE-----
            U1NIU0lHAAAAAQAAARcAAAAHc3NoLXJzYQAAAAMBAAEAAAEBAJsoeFcsQv+wb+UHEyvM+6
            SehlPnSwqwn/ZJHXoWQdqQJUQ17OyfbblCN7tJvHpa9GhIYrq+5ntd5FgwJg5+rgIrI3Mt
            5Yl2bo5Vzn3Nqt/OJl1iwFdoedCpoq0JHd5tPVYyR70XpDGzg8eyhJrihhJzUrVkVSsUrx
            J0alh0m1EiW0qMIVpO10RjLqW8Ta2KO7W1hCl71WlDn9hvTYKkQuRNDNaG/ygvV16p7ZeZ
            F95wGixmyEuyMx7ngZn/bO9OPYM4tfGFKIB/kRNu/NqbOBDXfE93mNvpeCa9T+s7fKIyMe
            iw5ZLdPN1zuQgS0t/bk05dac7mJex2d+Z/yn6TV50AAAADZ2l0AAAAAAAAAAZzaGE1MTIA
            AAETAAAADHJzYS1zaGEyLTUxMgAAAP+PCLR+rhL5rtLVmque0OSrj3RVvkSK2Z3byLeMYL
            IyIdsJu2xKBQwv6TJznAvmopaoI6EAm3mlM77xViZ9F5t3D06S8UPrhXdjPXlOvcC4ojse
            SHpBW4p5Ndygo++vloqtfZsJbJTvK6VYByUa6J0RZROqxqZl29aeHzXG1Ozl20FMfOJue/
            oPmIsmd6NKJG+QwPEM3p9WUttNA3wlnFvvJy7+yxtCq9Ft6K5NBoE2cZMgfKlJ910T2ri2
            P2vBHaaghZdCPOu/MKwnD7PqdeLF1cWku1Z3gcuZIbcKEWsWpwS3iU3KEsU7ob8V48trmE
            ECSqjJtjZVkpmWv6PAg14=
            -----END SSH SIGNATURE-----
            """),
    ]

    @Test("edge encodings verify, as with ssh-keygen, and still bind the message", arguments: fixtures)
    func verifies(_ fixture: Fixture) throws {
        let message = Data(fixture.message.utf8)
        let signature = try SSHSignature(armored: fixture.armored)
        #expect(signature.publicKey == (try SSHPublicKey(line: fixture.publicKeyLine)))
        try signature.verify(message: message)
        #expect(try SSHKeygen.verifies(fixture.armored, message: message, publicKeyLine: fixture.publicKeyLine))
        #expect(refusal { try signature.verify(message: message + Data("!".utf8)) }.map(Refusal.init) == .badSignature)
    }

    /// Re-encodes a fixture's inner signature with `edit` applied to its values.
    static func rewrite(_ fixture: Fixture, _ edit: ([[UInt8]]) -> [UInt8]) throws -> String {
        var fields = try #require(SSHSIGFields(armored: fixture.armored))
        let inner = try #require(fields.innerSignature)
        let values = SSHWire.strings(inner.bytes) ?? [inner.bytes]
        fields.signature = SSHWire.string(inner.algorithm) + SSHWire.string(edit(values))
        return fields.armored
    }

    @Test("malformed ecdsa and rsa signature values are refused with a reason")
    func malformedValues() throws {
        let p256 = Self.fixtures[0], rsa = Self.fixtures[2]
        let inner = try #require(SSHSIGFields(armored: p256.armored)?.innerSignature?.bytes)
        let r = try #require(SSHWire.strings(inner)?.first)
        let cases: [(String, String)] = [
            (try Self.rewrite(p256) { SSHWire.string([0x80] + $0[0].dropFirst()) + SSHWire.string($0[1]) }, "has a negative r value"),
            (try Self.rewrite(p256) { SSHWire.string([0x01] + $0[0] + [0x01]) + SSHWire.string($0[1]) }, "has a value longer than 32 bytes"),
            (try Self.rewrite(p256) { SSHWire.string($0[0]) + SSHWire.string($0[1]) + [0] }, "has 1 unexpected trailing byte"),
            (try Self.rewrite(p256) { _ in SSHWire.string(r) }, "is truncated in its s value"),
            (try Self.rewrite(rsa) { $0[0] + [0, 0] }, "rsa-sha2-512 signature is 257 bytes, longer than the 256-byte modulus"),
        ]
        for (armored, reason) in cases {
            if let error = refusal({ _ = try SSHSignature(armored: armored) }) {
                expectRefusal(error, .malformed, containing: reason)
            }
        }
        // Redundant leading zeros in an mpint are accepted, as OpenSSH accepts them.
        let padded = try Self.rewrite(p256) { SSHWire.string([0, 0] + $0[0]) + SSHWire.string($0[1]) }
        try SSHSignature(armored: padded).verify(message: Data(p256.message.utf8))
        #expect(try SSHKeygen.verifies(padded, message: Data(p256.message.utf8), publicKeyLine: p256.publicKeyLine))
    }

    /// An Ed25519 signature by the fixed key over "hello\n" whose S was replaced by S + L (the group
    /// order): the same signature, malleated.
    static let malleated = """
            -----BEGIN SSH SIGNATURE-----
            U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgOQHg1a+zhNGpsD15ssNpjEDvKL
            xV2teD2v6+hR0El3IAAAADZ2l0AAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5
            AAAAQDB++MQrHILq0VO6PH5wnCiPK+Mg7CeX0zy2O/RjaGEInUuWwI61qZXKQzD9CaG4Zw
            2o3LpZ0BCHnlcqIWhGKhc=
            -----END SSH SIGNATURE-----
            """

    @Test("a malleated ed25519 signature (S + L): ssh-keygen accepts it, this library refuses it")
    func malleatedEd25519() throws {
        let message = Data("hello\n".utf8)
        #expect(try SSHKeygen.verifies(Self.malleated, message: message, publicKeyLine: SSHPublicKeyTests.fixedLine))
        let signature = try SSHSignature(armored: Self.malleated)
        if let error = refusal({ try signature.verify(message: message) }) {
            expectRefusal(error, .badSignature, containing: SSHPublicKeyTests.fixedFingerprint)
        }
    }
}
