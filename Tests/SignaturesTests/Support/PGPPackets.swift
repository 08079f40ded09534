/// Splits and writes OpenPGP packet framing in tests, independently of the library's parser,
/// to forge blocks: reordered, re-framed or altered packets.
enum PGPPackets {
    struct Packet {
        var tag: UInt8
        var body: [UInt8]
    }

    /// Old- or new-format packets; nil on anything unexpected (partial or indeterminate lengths).
    static func split(_ bytes: [UInt8]) -> [Packet]? {
        var packets: [Packet] = []
        var index = 0
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            return bytes[start..<start + count].reduce(0) { $0 << 8 | Int($1) }
        }
        while index < bytes.count {
            let header = Int(bytes[index])
            guard header & 0x80 != 0 else { return nil }
            var tag: Int, length: Int, start: Int
            if header & 0x40 != 0 {
                tag = header & 0x3F
                guard let first = number(index + 1, 1) else { return nil }
                if first < 192 {
                    (length, start) = (first, index + 2)
                } else if first < 224 {
                    guard let second = number(index + 2, 1) else { return nil }
                    (length, start) = (((first - 192) << 8) + second + 192, index + 3)
                } else if first == 255 {
                    guard let value = number(index + 2, 4) else { return nil }
                    (length, start) = (value, index + 6)
                } else {
                    return nil
                }
            } else {
                tag = (header >> 2) & 0x0F
                let sizes = [1, 2, 4]
                guard header & 3 < 3, let value = number(index + 1, sizes[header & 3]) else { return nil }
                (length, start) = (value, index + 1 + sizes[header & 3])
            }
            guard start + length <= bytes.count else { return nil }
            packets.append(Packet(tag: UInt8(tag), body: Array(bytes[start..<start + length])))
            index = start + length
        }
        return packets
    }

    /// A new-format packet: one-, two- or five-byte length, or the five-byte form when `long` is set.
    static func newFormat(_ packet: Packet, long: Bool = false) -> [UInt8] {
        let count = packet.body.count
        var header: [UInt8] = [0xC0 | packet.tag]
        if long || count >= 8384 {
            header += [0xFF] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) }
        } else if count < 192 {
            header.append(UInt8(count))
        } else {
            let value = count - 192
            header += [UInt8((value >> 8) + 192), UInt8(value & 0xFF)]
        }
        return header + packet.body
    }

    /// An old-format packet with a one-, two- or four-byte length.
    static func oldFormat(_ packet: Packet) -> [UInt8] {
        let count = packet.body.count
        let base = 0x80 | packet.tag << 2
        if count < 256 { return [base, UInt8(count)] + packet.body }
        if count < 65536 { return [base | 1, UInt8(count >> 8), UInt8(count & 0xFF)] + packet.body }
        return [base | 2] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + packet.body
    }
}
