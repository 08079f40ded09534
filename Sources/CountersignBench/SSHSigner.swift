import Crypto
import Foundation

/// An Ed25519 key that makes SSHSIG signatures (OpenSSH's PROTOCOL.sshsig) in-process, exactly as
/// `ssh-keygen -Y sign -n git` armors them, so git and countersign verify them like any other.
struct SSHSigner {
    let key: Curve25519.Signing.PrivateKey

    init(seed: Data) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    init() {
        key = Curve25519.Signing.PrivateKey()
    }

    var seed: Data { key.rawRepresentation }

    /// The public key's wire blob: string("ssh-ed25519") + string(32 bytes).
    var publicKeyBlob: [UInt8] {
        var writer = WireWriter()
        writer.append(text: "ssh-ed25519")
        writer.append(string: Array(key.publicKey.rawRepresentation))
        return writer.bytes
    }

    /// `ssh-ed25519 AAAA… comment`, as in a `.pub` file.
    func publicKeyLine(comment: String) -> String {
        "ssh-ed25519 \(Data(publicKeyBlob).base64EncodedString()) \(comment)"
    }

    /// The armored signature of `payload` in namespace `git` with SHA-512, ending with a newline.
    func sign(_ payload: some DataProtocol) throws -> String {
        let digest = Array(SHA512.hash(data: payload))
        var signed = WireWriter()
        signed.append(raw: Array("SSHSIG".utf8))
        signed.append(text: "git")
        signed.append(text: "")
        signed.append(text: "sha512")
        signed.append(string: digest)
        let raw = try key.signature(for: signed.bytes)

        var signature = WireWriter()
        signature.append(text: "ssh-ed25519")
        signature.append(string: Array(raw))
        var blob = WireWriter()
        blob.append(raw: Array("SSHSIG".utf8))
        blob.append(uint32: 1)
        blob.append(string: publicKeyBlob)
        blob.append(text: "git")
        blob.append(text: "")
        blob.append(text: "sha512")
        blob.append(string: signature.bytes)
        return Self.armor(blob.bytes)
    }

    /// `-----BEGIN SSH SIGNATURE-----`, the base64 wrapped at 70 columns, the end line.
    static func armor(_ blob: [UInt8]) -> String {
        let base64 = Array(Data(blob).base64EncodedString().utf8)
        var lines = ["-----BEGIN SSH SIGNATURE-----"]
        var start = 0
        while start < base64.count {
            let end = min(start + 70, base64.count)
            lines.append(String(decoding: base64[start..<end], as: UTF8.self))
            start = end
        }
        lines.append("-----END SSH SIGNATURE-----")
        return lines.joined(separator: "\n") + "\n"
    }
}
