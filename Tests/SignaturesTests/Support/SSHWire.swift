import Foundation
import TestSupport

/// Builds and takes apart SSH wire encodings in tests, to forge keys and signatures field by field.
enum SSHWire {
    static func string(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + bytes
    }

    static func string(_ text: String) -> [UInt8] { string(Array(text.utf8)) }

    static func uint32(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    /// Reads consecutive length-prefixed strings; nil if the bytes do not split exactly.
    static func strings(_ bytes: some Collection<UInt8>) -> [[UInt8]]? {
        var rest = Array(bytes)[...]
        var result: [[UInt8]] = []
        while !rest.isEmpty {
            guard rest.count >= 4 else { return nil }
            let count = rest.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            rest = rest.dropFirst(4)
            guard rest.count >= count else { return nil }
            result.append(Array(rest.prefix(count)))
            rest = rest.dropFirst(count)
        }
        return result
    }
}

/// The fields of an SSHSIG blob, editable and encodable again.
struct SSHSIGFields {
    var magic = Array("SSHSIG".utf8)
    var version: UInt32 = 1
    var publicKey: [UInt8]
    var namespace: [UInt8]
    var reserved: [UInt8]
    var hashAlgorithm: [UInt8]
    var signature: [UInt8]

    init?(armored: String) {
        guard let bytes = Armor.decode(armored)?.bytes, bytes.count > 10,
              let fields = SSHWire.strings(bytes.dropFirst(10)), fields.count == 5 else { return nil }
        publicKey = fields[0]
        namespace = fields[1]
        reserved = fields[2]
        hashAlgorithm = fields[3]
        signature = fields[4]
    }

    var blob: Data {
        Data(magic + SSHWire.uint32(version) + SSHWire.string(publicKey) + SSHWire.string(namespace)
            + SSHWire.string(reserved) + SSHWire.string(hashAlgorithm) + SSHWire.string(signature))
    }

    var armored: String { Armor.encode(blob, label: "SSH SIGNATURE") }

    /// The inner signature's algorithm name and bytes.
    var innerSignature: (algorithm: String, bytes: [UInt8])? {
        guard let parts = SSHWire.strings(signature), parts.count == 2 else { return nil }
        return (String(decoding: parts[0], as: UTF8.self), parts[1])
    }
}
