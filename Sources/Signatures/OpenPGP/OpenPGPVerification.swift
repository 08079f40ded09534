import Foundation

/// What a good OpenPGP signature says: which key made it and when.
public struct OpenPGPVerification: Hashable, Sendable {
    /// The fingerprint of the primary key (40 uppercase hex digits), also when a subkey signed.
    public let primaryKeyFingerprint: String
    /// The fingerprint of the key that signed: the primary key or one of its subkeys.
    public let signingKeyFingerprint: String
    /// The signature's creation time, as the signer's clock put it.
    public let created: Date
    /// When the signing key expired, if it has by the verifier's clock. A signature made before
    /// that is good: whether it counts is judged at a date the caller chooses (the signer's claim
    /// offline, the server's clock too on a server), never at whenever the check runs.
    public let keyExpired: Date?

    public init(primaryKeyFingerprint: String, signingKeyFingerprint: String, created: Date, keyExpired: Date? = nil) {
        self.primaryKeyFingerprint = primaryKeyFingerprint
        self.signingKeyFingerprint = signingKeyFingerprint
        self.created = created
        self.keyExpired = keyExpired
    }

    /// Reads the verdict from gpg's status lines; `name` finds a given key by key ID for messages.
    init(status: GPGStatus, exitStatus: Int32, stderr: String, tool: GPGTool,
         name: (String) -> String) throws(SignatureError) {
        let signatures = status.count("NEWSIG")
        if signatures > 1 { throw .malformed("openpgp signature holds \(signatures) signatures, expected one") }
        if let bad = status.first("BADSIG") {
            throw .badSignature("signature does not verify with the \(name(bad.first ?? ""))")
        }
        // gpg judges expiry at its own clock; a signature made while the key was valid is good.
        let expiredAt = status.first("KEYEXPIRED").flatMap { $0.first }.flatMap(Self.date)
        let madeAt = status.first("VALIDSIG").flatMap { $0.count >= 3 ? Self.date($0[2]) : nil }
        let goodButExpired = status.first("EXPKEYSIG") != nil && expiredAt != nil && madeAt != nil && madeAt! < expiredAt!
        if let expired = status.first("EXPKEYSIG"), !goodButExpired {
            throw .expiredOrRevoked("openpgp signature was made by the expired \(name(expired.first ?? ""))")
        }
        if let revoked = status.first("REVKEYSIG") {
            throw .expiredOrRevoked("openpgp signature was made by the revoked \(name(revoked.first ?? ""))")
        }
        if status.first("EXPSIG") != nil { throw .expiredOrRevoked("openpgp signature has expired") }
        if let error = status.first("ERRSIG") {
            // keyid pkalgo hashalgo class time rc [fpr]
            let keyID = error.first ?? "?"
            switch error.count > 5 ? error[5] : "" {
            case "9":
                throw .unknownKey("openpgp signature was made by key \(keyID), which is not among the given keys")
            case "4":
                throw .unsupportedAlgorithm(
                    "openpgp signature uses an algorithm gpg cannot check (public key algorithm \(error[safe: 1] ?? "?"), hash algorithm \(error[safe: 2] ?? "?"))")
            case let code:
                throw .badSignature("openpgp signature by key \(keyID) cannot be checked (gpg error code \(code))")
            }
        }
        guard exitStatus == 0, status.first("GOODSIG") != nil || goodButExpired, let valid = status.first("VALIDSIG"), valid.count >= 3
        else {
            if status.first("NODATA") != nil { throw .malformed("openpgp signature holds no signature gpg can read") }
            var detail = stderr.split(separator: "\n").first.map { ": \($0)" } ?? ""
            while detail.hasSuffix(".") { detail.removeLast() }
            throw .gpgFailed("\(tool.kind.rawValue) gave no verdict (exit status \(exitStatus))\(detail)")
        }
        // fpr date timestamp expire version reserved pkalgo hashalgo class [primary-fpr]
        signingKeyFingerprint = valid[0].uppercased()
        primaryKeyFingerprint = (valid.count >= 10 ? valid[9] : valid[0]).uppercased()
        guard let date = Self.date(valid[2]) else {
            throw .gpgFailed("\(tool.kind.rawValue) reported an unreadable signature time \"\(valid[2])\"")
        }
        created = date
        keyExpired = goodButExpired ? expiredAt : nil
    }

    /// A status time: seconds since the epoch, or ISO 8601 basic format (`20250101T120000`).
    static func date(_ text: String) -> Date? {
        if let seconds = Int64(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        return formatter.date(from: text)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
