import Foundation

/// A text file read from a source with the limits every parsed file obeys:
/// at most 1 MiB, no NUL byte, valid UTF-8.
public enum TextFile {
    public static let maximumSize = 1 << 20

    /// The file's text; nil when the file is absent. A file that breaks a limit is reported
    /// to `diagnostics` (as `rule`) and also yields nil.
    public static func read(_ path: String, from source: FileSource, into diagnostics: FindingCollector, rule: Rule) throws -> String? {
        if let size = try source.size(of: path), size > maximumSize {
            diagnostics.add(rule, "file is \(size) bytes, over the 1 MiB limit for files countersign reads; keep large material under security/evidence/ or outside the repository", path: path)
            return nil
        }
        guard let data = try source.contents(of: path) else { return nil }
        if data.contains(0) {
            diagnostics.add(rule, "file is binary (it holds a NUL byte); write it as UTF-8 text", path: path, line: nil)
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = firstInvalidLine(data)
            diagnostics.add(rule, "file is not valid UTF-8; save it as UTF-8 text", path: path, line: line)
            return nil
        }
        return text
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    private static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(validating: data[start...index], as: UTF8.self) == nil { return line }
            line += 1
            start = data.index(after: index)
        }
        return line
    }
}
