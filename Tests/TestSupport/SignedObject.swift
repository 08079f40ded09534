import Foundation

/// A commit or tag object split into what its signature covers and the signature, as git does:
/// a commit carries the signature in its `gpgsig` header (continuation lines start with a space),
/// a tag appends it to its message. `joined()` puts the parts back into object bytes.
public struct SignedObject: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case commit, tag
    }

    public let kind: Kind
    /// The signed bytes: the object without its signature.
    public let payload: Data
    /// The armored signature, ending with a newline; nil when the object is unsigned.
    public let signature: Data?

    public init(kind: Kind, payload: Data, signature: Data?) {
        self.kind = kind
        self.payload = payload
        self.signature = signature
    }

    /// Splits the raw object (`git cat-file commit|tag <id>` output).
    public static func split(_ object: Data, kind: Kind) -> SignedObject {
        switch kind {
        case .commit: splitCommit([UInt8](object))
        case .tag: splitTag([UInt8](object))
        }
    }

    /// The object bytes: for a commit, the `gpgsig` header goes last among the headers, where git puts it.
    public func joined() -> Data {
        guard let signature else { return payload }
        switch kind {
        case .tag:
            return payload + signature
        case .commit:
            let bytes = [UInt8](payload)
            let endOfHeaders = Self.lines(bytes).first { $0.isEmpty }.map { $0.startIndex } ?? bytes.count
            var sigLines = [UInt8](signature).split(separator: 0x0A, omittingEmptySubsequences: false)
            if sigLines.last?.isEmpty == true { sigLines.removeLast() }
            var header = Array("gpgsig".utf8)
            for line in sigLines { header += [0x20] + line + [0x0A] }
            return Data(bytes[..<endOfHeaders] + header + bytes[endOfHeaders...])
        }
    }

    public func replacing(payload: Data) -> SignedObject { SignedObject(kind: kind, payload: payload, signature: signature) }
    public func replacing(signature: Data?) -> SignedObject { SignedObject(kind: kind, payload: payload, signature: signature) }

    /// Lines of `bytes` without their newlines, as slices keeping their offsets.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            result.append(bytes[start..<end])
            start = end + 1
        }
        return result
    }

    /// Mirrors git's `parse_buffer_signed_by_header` for SHA-1 repositories: `gpgsig` lines and their
    /// continuations form the signature; other `gpgsig-*` headers are left out of the payload.
    private static func splitCommit(_ bytes: [UInt8]) -> SignedObject {
        var payload: [UInt8] = []
        var signature: [UInt8] = []
        var inSignature = false, sawSignature = false, otherSignature = false
        var start = 0
        while start < bytes.count {
            var end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            let line = bytes[start..<end]
            var sig: ArraySlice<UInt8>?
            if inSignature, line.first == 0x20 {
                sig = line.dropFirst()
            } else if line.starts(with: Array("gpgsig ".utf8)) {
                sig = line.dropFirst(7)
                otherSignature = false
            } else if line.starts(with: Array("gpgsig".utf8)) {
                otherSignature = true
            } else if otherSignature, line.first != 0x20 {
                otherSignature = false
            }
            if let sig {
                signature += sig
                sawSignature = true
                inSignature = true
            } else {
                if line.first == 0x0A { end = bytes.count }
                if !otherSignature { payload += bytes[start..<end] }
                inSignature = false
            }
            start = end
        }
        return SignedObject(kind: .commit, payload: Data(payload), signature: sawSignature ? Data(signature) : nil)
    }

    /// The signature starts at the last line that begins like a signature git knows.
    private static func splitTag(_ bytes: [UInt8]) -> SignedObject {
        let markers = ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN PGP MESSAGE-----",
                       "-----BEGIN SIGNED MESSAGE-----", "-----BEGIN SSH SIGNATURE-----"].map { Array($0.utf8) }
        var match: Int?
        for line in lines(bytes) where markers.contains(where: { line.starts(with: $0) }) {
            match = line.startIndex
        }
        guard let match else { return SignedObject(kind: .tag, payload: Data(bytes), signature: nil) }
        return SignedObject(kind: .tag, payload: Data(bytes[..<match]), signature: Data(bytes[match...]))
    }
}
