import Foundation

/// A text file read from a source with the limits every parsed file obeys:
/// at most 1 MiB, no NUL byte, valid UTF-8.
public enum TextFile {
    public static let maximumSize = 1 << 20

    /// The file's text; nil when the file is absent. A file that breaks a limit is reported
    /// to `diagnostics` (as `rule`) and also yields nil.
    public static func read(_ path: String, from source: FileSource, into diagnostics: Diagnostics, rule: RuleID) throws -> String? {
        if let size = try source.size(of: path), size > maximumSize {
            diagnostics.add(rule, path: path, line: nil,
                            "file is \(size) bytes, over the 1 MiB limit for files countersign reads; keep large material under security/evidence/ or outside the repository")
            return nil
        }
        guard let data = try source.contents(of: path) else { return nil }
        if data.contains(0) {
            diagnostics.add(rule, path: path, line: nil, "file is binary (it holds a NUL byte); write it as UTF-8 text")
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = firstInvalidLine(data)
            diagnostics.add(rule, path: path, line: line, "file is not valid UTF-8; save it as UTF-8 text")
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

/// Collects violations while a file or a policy is read, so one pass reports them all, up to
/// `perFileLimit` for one file: a file of thousands of wrong entries says so once, and costs no
/// more to judge than a right one.
public final class Diagnostics {
    public static let perFileLimit = 100
    public private(set) var violations: [Violation] = []
    private var counts: [String: Int] = [:]
    public init() {}

    public func add(_ rule: RuleID, path: String?, line: Int?, _ message: String) {
        let count = counts[path ?? "", default: 0]
        counts[path ?? ""] = count + 1
        if count < Self.perFileLimit {
            violations.append(Violation(rule: rule, path: path, line: line, message: message))
        } else if count == Self.perFileLimit {
            violations.append(Violation(rule: rule, path: path, line: line, message: "more than \(Self.perFileLimit) problems in this file; the rest are not listed, so fix these first"))
        }
    }

    /// Whether `path` has reached the limit: further messages need not be worked out.
    public func isFull(_ path: String?) -> Bool { counts[path ?? "", default: 0] > Self.perFileLimit }

    public func append(contentsOf other: [Violation]) {
        violations.append(contentsOf: other)
    }

    public var isEmpty: Bool { violations.isEmpty }
}
