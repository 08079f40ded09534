/// The SSH wire encoding: big-endian uint32 lengths before strings.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(raw: [UInt8]) { bytes += raw }

    mutating func append(uint32 value: UInt32) {
        bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    mutating func append(string: [UInt8]) {
        append(uint32: UInt32(string.count))
        bytes += string
    }

    mutating func append(text: String) { append(string: Array(text.utf8)) }
}
