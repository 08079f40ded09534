/// Why a key or a signature was refused; every case carries a lowercase reason without a trailing period.
///
/// The cases separate what callers judge differently: input that does not parse, an algorithm this
/// library will not check, a signature meant for another purpose, a key too weak to trust, a signature
/// that does not verify, and a missing or failing gpg installation.
public enum SignatureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key or signature does not parse: bad armor, bad base64, a truncated or inconsistent field.
    case malformed(String)
    /// A well-formed key or signature whose algorithm is refused (DSA, SHA-1 RSA, security keys, ...).
    case unsupportedAlgorithm(String)
    /// An SSH signature made for another namespace than the one expected (git signs in "git").
    case wrongNamespace(found: String, expected: String)
    /// A key too small to be trusted, such as RSA below 2048 bits.
    case weakKey(String)
    /// A well-formed signature that does not verify over the message with its key.
    case badSignature(String)
    /// An OpenPGP signature made by a key that is not among the keys given to the verifier.
    case unknownKey(String)
    /// An OpenPGP signature made by an expired or revoked key, or one that has itself expired.
    case expiredOrRevoked(String)
    /// Neither `gpgv` nor `gpg` can be run.
    case gpgUnavailable(String)
    /// gpg ran but failed for a reason that says nothing about the signature (e.g. its home cannot be made).
    case gpgFailed(String)

    /// What is wrong, in lowercase and without a trailing period.
    public var reason: String {
        switch self {
        case .malformed(let reason), .unsupportedAlgorithm(let reason), .weakKey(let reason),
             .badSignature(let reason), .unknownKey(let reason), .expiredOrRevoked(let reason),
             .gpgUnavailable(let reason), .gpgFailed(let reason):
            reason
        case .wrongNamespace(let found, let expected):
            "ssh signature namespace is \"\(found)\", expected \"\(expected)\""
        }
    }

    public var description: String { reason }
}
