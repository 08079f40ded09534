import Foundation

/// A detached signature as git stores it (a commit's `gpgsig` header, the end of a tag's message),
/// sorted by its armor: an SSH signature is parsed for in-process checking, an OpenPGP one is kept
/// for `OpenPGPVerifier`.
public enum DetachedSignature: Hashable, Sendable {
    case ssh(SSHSignature)
    /// The armored OpenPGP signature, checked to hold exactly one signature packet.
    case openpgp(Data)

    /// Chooses by the first line; refuses other formats (x509/gpgsm, signed messages) and garbage.
    public static func parse(_ armored: Data) throws(SignatureError) -> DetachedSignature {
        let text = String(decoding: armored.prefix(64), as: UTF8.self)
        if text.hasPrefix(SSHSignature.beginLine) {
            return .ssh(try SSHSignature(armored: armored))
        }
        if text.hasPrefix("-----BEGIN \(OpenPGPVerifier.signatureArmorLabel)-----") {
            _ = try OpenPGPVerifier.signaturePacket(armored: armored)
            return .openpgp(armored)
        }
        if text.hasPrefix("-----BEGIN SIGNED MESSAGE-----") {
            throw .unsupportedAlgorithm("x509 (gpgsm) signatures are not supported, use ssh or openpgp")
        }
        if text.hasPrefix("-----BEGIN PGP MESSAGE-----") {
            throw .unsupportedAlgorithm("openpgp signed messages are not supported, expected a detached signature")
        }
        if armored.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw .malformed("signature is empty")
        }
        throw .malformed("signature does not start with an ssh or openpgp armor line")
    }

    public static func parse(_ armored: String) throws(SignatureError) -> DetachedSignature {
        try parse(Data(armored.utf8))
    }
}
