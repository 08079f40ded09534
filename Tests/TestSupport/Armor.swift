import Foundation

/// Takes apart and rebuilds ASCII-armored blocks (SSH signatures, OpenPGP keys and signatures) so
/// tests can corrupt the bytes inside and armor them again.
public enum Armor {
    /// The label (`SSH SIGNATURE`, `PGP SIGNATURE`, ...) and decoded body of an armored block;
    /// armor headers and the CRC-24 line are skipped.
    public static func decode(_ armored: String) -> (label: String, bytes: Data)? {
        let lines = armored.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first, first.hasPrefix("-----BEGIN "), first.hasSuffix("-----") else { return nil }
        let label = String(first.dropFirst("-----BEGIN ".count).dropLast(5))
        guard let end = lines.firstIndex(of: "-----END \(label)-----") else { return nil }
        let body = lines[1..<end].filter { !$0.isEmpty && !$0.contains(": ") && !$0.hasPrefix("=") }
        guard let bytes = Data(base64Encoded: body.joined()) else { return nil }
        return (label, bytes)
    }

    /// Armors `bytes` under `label`: SSH style (70 columns, no blank line) for `SSH SIGNATURE`,
    /// OpenPGP style (a blank line, 64 columns, no CRC-24 line) otherwise.
    public static func encode(_ bytes: Data, label: String) -> String {
        let ssh = label.hasPrefix("SSH")
        let width = ssh ? 70 : 64
        let text = bytes.base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        if !ssh { lines.append("") }
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: width, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<next]))
            index = next
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `armored` with `transform` applied to its decoded bytes, armored again.
    public static func rewriting(_ armored: String, _ transform: (inout Data) -> Void) -> String? {
        guard let decoded = decode(armored) else { return nil }
        var bytes = decoded.bytes
        transform(&bytes)
        return encode(bytes, label: decoded.label)
    }
}
