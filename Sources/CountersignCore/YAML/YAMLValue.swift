import Foundation
import Yams

/// A YAML node that knows its file and line and reports type errors to the file's diagnostics,
/// so every schema reads with the same checks and every message names `file:line`.
public struct YAMLValue {
    let node: Node
    let file: YAMLFile

    public var line: Int { node.mark?.line ?? 1 }

    func fail(_ message: @autoclosure () -> String, line: Int? = nil) {
        guard !file.diagnostics.isFull(file.path) else { return }
        file.diagnostics.add(file.rule, message(), path: file.path, line: line ?? self.line)
    }

    /// Any non-null scalar, as written.
    public func string(_ what: String) -> String? {
        guard case .scalar(let scalar) = node, scalar.tagName != .null else {
            fail("\(what) must be text, found \(kindName)")
            return nil
        }
        return scalar.string
    }

    /// A non-empty scalar, trimmed.
    public func text(_ what: String) -> String? {
        guard let value = string(what) else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fail("\(what) is empty") }
        return trimmed.isEmpty ? nil : trimmed
    }

    public func int(_ what: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.tagName == .int, let value = Int(scalar.string) else {
            fail("\(what) must be a whole number, found \(describe)")
            return nil
        }
        return value
    }

    public func bool(_ what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.tagName == .bool, let value = node.bool else {
            fail("\(what) must be true or false, found \(describe)")
            return nil
        }
        return value
    }

    /// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time in UTC such as `2027-06-30T00:00:00Z`.
    public func date(_ what: String) -> Date? {
        guard case .scalar(let scalar) = node, let date = CalendarDate.parse(scalar.string) else {
            fail("\(what) must be a date like 2027-06-30 or 2027-06-30T00:00:00Z, found \(describe)")
            return nil
        }
        return date
    }

    /// One of `allowed`, spelled exactly.
    public func choice(_ what: String, _ allowed: [String]) -> String? {
        guard let value = string(what) else { return nil }
        guard allowed.contains(value) else {
            fail("\(what) is \"\(value)\"; use one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return value
    }

    public func sequence(_ what: String) -> [YAMLValue]? {
        guard case .sequence(let items) = node else {
            if case .scalar(let scalar) = node, scalar.tagName == .null { return [] }
            fail("\(what) must be a list, found \(kindName)")
            return nil
        }
        return items.map { YAMLValue(node: $0, file: file) }
    }

    /// A list of texts; items that are not text are reported and left out.
    public func strings(_ what: String) -> [String]? {
        sequence(what)?.compactMap { $0.text("an item of \(what)") }
    }

    /// A mapping whose keys must all be in `allowed`: a misspelt key is reported, never ignored.
    public func mapping(_ what: String, allowed: [String]? = nil) -> YAMLMapping? {
        guard case .mapping(let pairs) = node else {
            if case .scalar(let scalar) = node, scalar.tagName == .null {
                return YAMLMapping(entries: [], owner: self)
            }
            fail("\(what) must be a mapping of keys to values, found \(kindName)")
            return nil
        }
        var entries: [YAMLMapping.Entry] = []
        for (key, value) in pairs {
            let keyValue = YAMLValue(node: key, file: file)
            guard case .scalar(let scalar) = key else {
                keyValue.fail("a key of \(what) must be text")
                continue
            }
            if let allowed, !allowed.contains(scalar.string) {
                keyValue.fail(YAMLValue.unknownKeyMessage(scalar.string, in: what, allowed: allowed))
                continue
            }
            entries.append(.init(key: scalar.string, keyLine: keyValue.line, value: YAMLValue(node: value, file: file)))
        }
        return YAMLMapping(entries: entries, owner: self)
    }

    /// Whether the value is a mapping (for a field that takes a scalar or a mapping).
    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    var kindName: String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): scalar.tagName == .null ? "nothing" : "\"\(scalar.string)\""
        }
    }

    private var describe: String { kindName }

    static func unknownKeyMessage(_ key: String, in what: String, allowed: [String]) -> String {
        let suggestion = allowed.min { editDistance($0, key) < editDistance($1, key) }
        if let suggestion, editDistance(suggestion, key) <= max(2, key.count / 3) {
            return "unknown key \"\(key)\" in \(what); did you mean \"\(suggestion)\"?"
        }
        return "unknown key \"\(key)\" in \(what); allowed keys: \(allowed.joined(separator: ", "))"
    }
}

/// A YAML mapping read through `YAMLValue`: lookups by key, and required keys reported when missing.
public struct YAMLMapping {
    public struct Entry {
        public let key: String
        public let keyLine: Int
        public let value: YAMLValue
    }

    public let entries: [Entry]
    let owner: YAMLValue

    public var line: Int { owner.line }

    /// The value at `key`; a key with no value (`key:` or `key: ~`) counts as absent.
    public subscript(key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value.node, scalar.tagName == .null { return nil }
        return value
    }

    /// The value at `key`, or nil after reporting that it is missing.
    public func required(_ key: String, in what: String) -> YAMLValue? {
        if let value = self[key] { return value }
        owner.fail("\(what) has no \"\(key)\"; add it")
        return nil
    }
}

/// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

extension Node.Scalar {
    /// The resolved tag (`str`, `int`, `bool`, `null`, …) of a scalar. A plain scalar without a
    /// tag is resolved here by the YAML 1.2 core rules countersign reads (null, `true`/`false`,
    /// decimal integers), without the regular expressions Yams would try on every scalar: they
    /// cost most of the time a large file takes to parse.
    var tagName: Tag.Name {
        switch tag.description {
        case "": Self.resolvePlain(string)
        case "!": .str
        default: Tag.Name(rawValue: tag.description)
        }
    }

    private static func resolvePlain(_ text: String) -> Tag.Name {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "false": return .bool
        default:
            let digits = text.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            let signs = text.utf8.count - digits.count
            return signs <= 1 && !digits.isEmpty && digits.allSatisfy({ (0x30...0x39).contains($0) }) ? .int : .str
        }
    }
}
