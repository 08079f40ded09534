import Foundation

/// ASCII armor (RFC 9580 section 6): a begin line naming the block, optional headers, base64 lines,
/// an optional CRC-24 line and the end line. Parsed strictly so garbage is refused before gpg sees it.
struct OpenPGPArmor {
    /// The block's label, e.g. `PGP PUBLIC KEY BLOCK` or `PGP SIGNATURE`.
    let label: String
    /// The decoded packets.
    let bytes: [UInt8]

    /// Parses `text`, which must be one armored block labelled `label`; `subject` names it in errors.
    init(_ text: String, label expected: String, subject: String) throws(SignatureError) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, let label = Self.label(first, "BEGIN") else {
            throw .malformed("\(subject) does not start with a \"-----BEGIN \(expected)-----\" line")
        }
        guard label == expected else {
            throw .malformed("\(subject) is a \"\(label)\" block, expected \"\(expected)\"")
        }
        let endLine = "-----END \(label)-----"
        guard let end = lines.firstIndex(of: endLine) else {
            throw .malformed("\(subject) has no \"\(endLine)\" line")
        }
        guard end == lines.count - 1 else { throw .malformed("\(subject) has data after its end line") }

        var body = lines[1..<end].drop { Self.isHeader($0) }
        body = body.drop { $0.isEmpty }
        var checksum: String?
        if let last = body.last, last.hasPrefix("=") {
            checksum = String(last.dropFirst())
            body = body.dropLast()
        }
        guard let bytes = StrictBase64.decode(body.joined()) else {
            throw .malformed("\(subject) holds invalid base64")
        }
        guard !bytes.isEmpty else { throw .malformed("\(subject) is empty") }
        if let checksum {
            guard let crc = StrictBase64.decode(checksum), crc.count == 3 else {
                throw .malformed("\(subject) has a malformed crc24 checksum line")
            }
            let value = UInt32(crc[0]) << 16 | UInt32(crc[1]) << 8 | UInt32(crc[2])
            guard value == Self.crc24(bytes) else {
                throw .malformed("\(subject) does not match its crc24 checksum")
            }
        }
        self.label = label
        self.bytes = bytes
    }

    /// The label of a `-----BEGIN X-----` (or END) line.
    static func label(_ line: String, _ kind: String) -> String? {
        let prefix = "-----\(kind) ", suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// An armor header such as `Comment: text`; base64 never holds a colon.
    private static func isHeader(_ line: String) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        return colon != line.startIndex && line[line.index(after: colon)...].hasPrefix(" ")
    }

    /// The CRC-24 of RFC 9580 section 6.1.
    static func crc24(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xB704CE
        for byte in bytes {
            crc ^= UInt32(byte) << 16
            for _ in 0..<8 {
                crc <<= 1
                if crc & 0x1000000 != 0 { crc ^= 0x1864CFB }
            }
        }
        return crc & 0xFFFFFF
    }
}
