import Foundation

/// Git's rules for where a signature sits in a commit or tag object.
enum SignatureSplitter {
    private static let space = UInt8(ascii: " ")
    private static let newline = UInt8(ascii: "\n")
    private static let gpgsig = Array("gpgsig".utf8)
    private static let headerSignatures = [Array("gpgsig ".utf8), Array("gpgsig-sha256 ".utf8)]

    /// A commit's signature lives in its `gpgsig` header (continued on lines starting with a space);
    /// the payload is the object without it and without other `gpgsig*` headers. This follows git's
    /// `parse_buffer_signed_by_header`; only the header block is searched, never the message.
    static func commit(_ bytes: [UInt8]) -> SignedPayload? {
        var payload: [UInt8] = []
        var signature: [UInt8] = []
        var inSignature = false, sawSignature = false, otherSignature = false
        var line = 0
        while line < bytes.count {
            var next = lineEnd(bytes, from: line)
            var signatureStart: Int?
            if inSignature && bytes[line] == space {
                signatureStart = line + 1
            } else if bytes[line...].starts(with: headerSignatures[0]) {
                signatureStart = line + headerSignatures[0].count
                otherSignature = false
            } else if bytes[line...].starts(with: gpgsig) {
                otherSignature = true
            } else if otherSignature && bytes[line] != space {
                otherSignature = false
            }
            if let signatureStart {
                signature += bytes[signatureStart..<next]
                sawSignature = true
                inSignature = true
            } else {
                if bytes[line] == newline { next = bytes.count }  // the message: copied whole
                if !otherSignature { payload += bytes[line..<next] }
                inSignature = false
            }
            line = next
        }
        return sawSignature ? SignedPayload(signature: Data(signature), signedData: Data(payload)) : nil
    }

    /// A tag's signature is appended to its message: it starts at the last line that opens a signature
    /// (git's `parse_signed_buffer`). The payload is what comes before, without any in-header
    /// `gpgsig`/`gpgsig-sha256` signature (git's `remove_signature`).
    static func tag(_ bytes: [UInt8]) -> SignedPayload? {
        guard let start = trailingSignatureStart(bytes) else { return nil }
        let payload = removingHeaderSignatures(Array(bytes[..<start]))
        return SignedPayload(signature: Data(bytes[start...]), signedData: Data(payload))
    }

    /// The offset of the last line that opens a signature, or nil when there is none.
    static func trailingSignatureStart(_ bytes: [UInt8]) -> Int? {
        var match: Int?
        var line = 0
        while line < bytes.count {
            if SignedPayload.markers.contains(where: { $0.1.contains(where: { bytes[line...].starts(with: $0) }) }) {
                match = line
            }
            line = lineEnd(bytes, from: line)
        }
        return match
    }

    /// Drops `gpgsig ` and `gpgsig-sha256 ` headers (with their continuation lines) from the header block.
    private static func removingHeaderSignatures(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var inSignature = false
        var line = 0
        while line < bytes.count {
            let next = lineEnd(bytes, from: line)
            if inSignature && bytes[line] == space {
                // continuation of a removed signature header
            } else if headerSignatures.contains(where: { bytes[line...].starts(with: $0) }) {
                inSignature = true
            } else if bytes[line] == newline {
                result += bytes[line...]  // end of the headers: the rest is the message
                return result
            } else {
                inSignature = false
                result += bytes[line..<next]
            }
            line = next
        }
        return result
    }

    /// The offset just past the newline ending the line that starts at `start` (or the end).
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes[start...].firstIndex(of: newline).map { $0 + 1 } ?? bytes.count
    }
}
