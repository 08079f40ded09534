import Foundation

/// A signature found in a commit or tag object and the exact bytes it signs, split as git splits them.
/// Verifying the signature is left to the caller.
public struct SignedPayload: Hashable, Sendable {
    /// Which kind of signature the armor announces.
    public enum Format: String, Hashable, Sendable {
        case ssh, openpgp, x509, unknown
    }

    /// The armored signature, ending with a newline as git hands it to gpg or ssh-keygen.
    public let signature: Data
    /// The bytes the signature covers.
    public let signedData: Data

    public init(signature: Data, signedData: Data) {
        self.signature = signature
        self.signedData = signedData
    }

    /// The format named by the signature's first line.
    public var format: Format {
        let start = Array(signature.prefix(64))
        for (format, markers) in Self.markers where markers.contains(where: { start.starts(with: $0) }) {
            return format
        }
        return .unknown
    }

    /// The lines that open a signature, by format (git's `gpg-interface.c`).
    static let markers: [(Format, [[UInt8]])] = [
        (.openpgp, [Array("-----BEGIN PGP SIGNATURE-----".utf8), Array("-----BEGIN PGP MESSAGE-----".utf8)]),
        (.x509, [Array("-----BEGIN SIGNED MESSAGE-----".utf8)]),
        (.ssh, [Array("-----BEGIN SSH SIGNATURE-----".utf8)]),
    ]
}

extension Repository {
    /// The signature of commit `id` and the bytes it signs; nil when the commit is unsigned.
    /// Parsed from the raw object rather than with `git_commit_extract_signature`, which in
    /// libgit2 1.5 also matches `gpgsig` lines in the message and mangles `gpgsig-sha256` headers.
    public func commitSignature(_ id: ObjectID) throws -> SignedPayload? {
        let object = try readObject(id)
        guard object.type == .commit else {
            throw GitError(code: .invalid, errorClass: .object, message: "object \(id) is a \(object.type), not a commit")
        }
        return SignatureSplitter.commit(Array(object.data))
    }

    /// The signature appended to tag object `id` and the bytes it signs; nil when the tag is unsigned.
    public func tagSignature(_ id: ObjectID) throws -> SignedPayload? {
        let object = try readObject(id)
        guard object.type == .tag else {
            throw GitError(code: .invalid, errorClass: .object, message: "object \(id) is a \(object.type), not a tag")
        }
        return SignatureSplitter.tag(Array(object.data))
    }
}

extension SignedPayload {
    /// The signature appended to a tag object's bytes (as `git cat-file tag` prints them) and what
    /// it signs, split as git splits it; nil when the bytes carry no signature.
    public static func ofTag(_ data: Data) -> SignedPayload? {
        SignatureSplitter.tag(Array(data))
    }

    /// Where the trailing signature of a tag object's bytes starts, or nil when it has none.
    public static func tagSignatureStart(_ data: Data) -> Int? {
        SignatureSplitter.trailingSignatureStart(Array(data))
    }
}
