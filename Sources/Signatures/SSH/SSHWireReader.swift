import Foundation

/// Reads the SSH wire encoding of RFC 4251 (uint32, string, mpint) with bounds checks, naming the
/// field that is short so every refusal says where the input went wrong.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0
    /// What is being read, e.g. "ssh signature", used to start error messages.
    let subject: String

    init(_ bytes: some Sequence<UInt8>, subject: String) {
        self.bytes = Array(bytes)
        self.subject = subject
    }

    var isAtEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func readBytes(_ count: Int, field: String) throws(SignatureError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw .malformed("\(subject) is truncated in its \(field)")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func readUInt32(field: String) throws(SignatureError) -> UInt32 {
        let raw = try readBytes(4, field: field)
        return raw.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A length-prefixed byte string.
    mutating func readString(field: String) throws(SignatureError) -> [UInt8] {
        let length = try readUInt32(field: field)
        guard length <= UInt32(remaining) else {
            throw .malformed("\(subject) is truncated in its \(field)")
        }
        return try readBytes(Int(length), field: field)
    }

    /// A length-prefixed string that must be UTF-8 without NUL bytes (names, namespaces).
    mutating func readText(field: String) throws(SignatureError) -> String {
        let raw = try readString(field: field)
        let text = String(decoding: raw, as: UTF8.self)
        guard !raw.contains(0), Array(text.utf8) == raw else {
            throw .malformed("\(subject) has a \(field) that is not text")
        }
        return text
    }

    /// A non-negative mpint, returned as its big-endian magnitude without leading zero bytes
    /// (OpenSSH accepts redundant leading zeros and refuses negative values; so does this).
    mutating func readPositiveMPInt(field: String) throws(SignatureError) -> [UInt8] {
        let raw = try readString(field: field)
        if let first = raw.first, first & 0x80 != 0 {
            throw .malformed("\(subject) has a negative \(field)")
        }
        return Array(raw.drop(while: { $0 == 0 }))
    }

    func expectEnd() throws(SignatureError) {
        guard isAtEnd else {
            throw .malformed("\(subject) has \(remaining) unexpected trailing byte\(remaining == 1 ? "" : "s")")
        }
    }
}
