import CLibgit2

/// A SHA-1 object id (20 bytes), the name of every git object; a plain value safe to share.
/// Ordered by its bytes, which is also the order of its hex form.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    // The 20 bytes, big-endian, so that comparing the words compares the bytes.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// The id of no object (40 zeros): what a hook sees for a ref that is created or deleted.
    public static let zero = ObjectID(bytes: [UInt8](repeating: 0, count: 20))!

    /// Parses exactly 40 hex digits (either case); nil for anything else.
    public init?(_ hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        var index = 0
        while index < 40 {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes: bytes)
    }

    /// Builds an id from its 20 raw bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        func word(_ range: Range<Int>) -> UInt64 { bytes[range].reduce(0) { $0 << 8 | UInt64($1) } }
        high = word(0..<8)
        middle = word(8..<16)
        low = UInt32(word(16..<20))
    }

    /// The 20 raw bytes.
    public var bytes: [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: high >> ($0 * 8)) }
            + (0..<8).reversed().map { UInt8(truncatingIfNeeded: middle >> ($0 * 8)) }
            + (0..<4).reversed().map { UInt8(truncatingIfNeeded: low >> ($0 * 8)) }
    }

    /// The 40 lowercase hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(40)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public var isZero: Bool { self == .zero }
    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }

    /// Encoded as its 40 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ObjectID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 40-hex object id: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension ObjectID {
    /// Copies a libgit2 id.
    init(_ oid: git_oid) {
        let bytes = withUnsafeBytes(of: oid.id) { Array($0) }
        self.init(bytes: bytes)!
    }

    /// Copies the id a libgit2 call returned by pointer.
    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The id as libgit2 wants it.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        return oid
    }
}
