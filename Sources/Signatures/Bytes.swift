/// Helpers over big-endian byte arrays for the parsers.
extension Array where Element == UInt8 {
    /// The number of significant bits of a big-endian magnitude without leading zero bytes.
    var bitCount: Int {
        guard let first else { return 0 }
        return (count - 1) * 8 + (UInt8.bitWidth - first.leadingZeroBitCount)
    }

    /// The index where `needle` first occurs at or after `start`.
    func offset(of needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, count >= needle.count, start <= count - needle.count else { return nil }
        for index in Swift.max(start, 0)...(count - needle.count) where self[index] == needle[0] {
            if self[index..<index + needle.count].elementsEqual(needle) { return index }
        }
        return nil
    }
}
