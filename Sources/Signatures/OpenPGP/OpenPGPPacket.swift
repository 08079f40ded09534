/// One OpenPGP packet (RFC 9580 section 4): its tag and body. Keys and signatures never use
/// partial body lengths, so those are refused.
struct OpenPGPPacket: Hashable, Sendable {
    static let signatureTag: UInt8 = 2
    static let secretKeyTag: UInt8 = 5
    static let publicKeyTag: UInt8 = 6
    static let secretSubkeyTag: UInt8 = 7
    static let userIDTag: UInt8 = 13
    static let publicSubkeyTag: UInt8 = 14

    let tag: UInt8
    let body: [UInt8]

    /// Splits `bytes` into packets; `subject` names the input in errors.
    static func split(_ bytes: [UInt8], subject: String) throws(SignatureError) -> [OpenPGPPacket] {
        var packets: [OpenPGPPacket] = []
        var offset = 0
        func byte(_ at: Int) throws(SignatureError) -> Int {
            guard at < bytes.count else { throw .malformed("\(subject) is truncated in a packet header") }
            return Int(bytes[at])
        }
        func bigEndian(_ at: Int, count: Int) throws(SignatureError) -> Int {
            var value = 0
            for index in at..<at + count { value = value << 8 | (try byte(index)) }
            return value
        }
        while offset < bytes.count {
            let header = Int(bytes[offset])
            guard header & 0x80 != 0 else { throw .malformed("\(subject) holds an invalid packet header") }
            let tag: Int
            let length: Int
            var cursor = offset + 1
            if header & 0x40 != 0 {
                tag = header & 0x3F
                let first = try byte(cursor)
                switch first {
                case 0..<192:
                    length = first
                    cursor += 1
                case 192..<224:
                    length = ((first - 192) << 8) + (try byte(cursor + 1)) + 192
                    cursor += 2
                case 255:
                    length = try bigEndian(cursor + 1, count: 4)
                    cursor += 5
                default:
                    throw .malformed("\(subject) uses a partial body length, which keys and signatures may not")
                }
            } else {
                tag = (header >> 2) & 0x0F
                switch header & 0x03 {
                case 0: length = try byte(cursor); cursor += 1
                case 1: length = try bigEndian(cursor, count: 2); cursor += 2
                case 2: length = try bigEndian(cursor, count: 4); cursor += 4
                default:
                    throw .malformed("\(subject) uses an indeterminate packet length")
                }
            }
            guard tag != 0 else { throw .malformed("\(subject) holds a packet with the reserved tag 0") }
            guard length <= bytes.count - cursor else { throw .malformed("\(subject) is truncated in a packet body") }
            packets.append(OpenPGPPacket(tag: UInt8(tag), body: Array(bytes[cursor..<cursor + length])))
            offset = cursor + length
        }
        return packets
    }
}
