/// A zlib stream (RFC 1950) whose deflate data is stored, not compressed: what a pack entry
/// needs, written without a compression library. Reading it costs git a copy instead of an inflate.
enum StoredDeflate {
    static func encode(_ data: [UInt8], into out: inout [UInt8]) {
        out.append(0x78)
        out.append(0x01)
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let length = UInt16(end - start)
            out.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE 00 (stored)
            out.append(UInt8(length & 0xff))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xff))
            out.append(UInt8(~length >> 8))
            out.append(contentsOf: data[start..<end])
            start = end
        } while start < data.count
        let checksum = adler32(data)
        out += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: checksum >> $0) }
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        data.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let end = min(index + 5552, buffer.count)  // the largest run without overflow
                while index < end {
                    a &+= UInt32(buffer[index])
                    b &+= a
                    index += 1
                }
                a %= 65_521
                b %= 65_521
            }
        }
        return b << 16 | a
    }
}
