import Foundation

/// A base64 decoder that accepts only canonical, padded text: Foundation's decoder cannot be told to
/// refuse stray characters while allowing the line breaks of armor, so keys and signatures use this one.
enum StrictBase64 {
    /// Decodes `text`, skipping ASCII whitespace when `allowWhitespace` is set; nil when it is not
    /// canonical base64 (a character outside the alphabet, misplaced or missing padding, stray low bits).
    static func decode(_ text: some StringProtocol, allowWhitespace: Bool = false) -> [UInt8]? {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(text.utf8.count)
        var padding = 0
        for byte in text.utf8 {
            if allowWhitespace, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            // Nothing but padding (and whitespace) may follow padding.
            guard padding == 0, let value = sextet(byte) else { return nil }
            sextets.append(value)
        }
        let total = sextets.count + padding
        guard total % 4 == 0, padding <= 2 else { return nil }
        // Padding is exactly what the last quantum needs: none, or 2 for 1 byte, 1 for 2 bytes.
        let remainder = sextets.count % 4
        guard (remainder == 0 && padding == 0) || (remainder == 2 && padding == 2) || (remainder == 3 && padding == 1)
        else { return nil }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index + 4 <= sextets.count {
            let chunk = UInt32(sextets[index]) << 18 | UInt32(sextets[index + 1]) << 12
                | UInt32(sextets[index + 2]) << 6 | UInt32(sextets[index + 3])
            bytes.append(UInt8(truncatingIfNeeded: chunk >> 16))
            bytes.append(UInt8(truncatingIfNeeded: chunk >> 8))
            bytes.append(UInt8(truncatingIfNeeded: chunk))
            index += 4
        }
        switch remainder {
        case 2:
            guard sextets[index + 1] & 0x0F == 0 else { return nil }
            bytes.append(sextets[index] << 2 | sextets[index + 1] >> 4)
        case 3:
            guard sextets[index + 2] & 0x03 == 0 else { return nil }
            bytes.append(sextets[index] << 2 | sextets[index + 1] >> 4)
            bytes.append(sextets[index + 1] << 4 | sextets[index + 2] >> 2)
        default:
            break
        }
        return bytes
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
