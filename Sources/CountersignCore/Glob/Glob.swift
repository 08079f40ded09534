/// A path pattern with git's wildmatch rules (`*` stays within a folder, `**` crosses folders,
/// `?`, `[a-z]`, `[!x]`, `\` escapes; case-sensitive), as used by `owns`, `covers` and triggers.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    /// The line in the file it was read from.
    public let line: Int
    private let bytes: [UInt8]

    public init(_ pattern: String, line: Int = 0) {
        self.pattern = pattern
        self.line = line
        bytes = Array(pattern.utf8)
    }

    public var description: String { pattern }

    /// The part before the first wildcard: every path the glob matches starts with it.
    public var literalPrefix: String {
        String(pattern.prefix { !"*?[\\".contains($0) })
    }

    public func matches(_ path: String) -> Bool {
        Glob.match(bytes, 0, Array(path.utf8), 0)
    }

    /// A path this glob matches, made by filling each wildcard with a plain name;
    /// used to find globs of two roles that can claim one path.
    public var witness: String {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "?"):
                while index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") { index += 1 }
                result.append(contentsOf: Array("x".utf8))
            case UInt8(ascii: "["):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "]") { end += 1 }
                let first = index + 1 < end ? bytes[index + 1] : UInt8(ascii: "x")
                result.append(first == UInt8(ascii: "!") || first == UInt8(ascii: "^") ? UInt8(ascii: "_") : first)
                index = end
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.count { index += 1; result.append(bytes[index]) }
            default:
                result.append(byte)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")

    private static func match(_ p: [UInt8], _ pStart: Int, _ t: [UInt8], _ tStart: Int) -> Bool {
        var pi = pStart, ti = tStart
        while pi < p.count {
            let c = p[pi]
            switch c {
            case star:
                var end = pi
                while end < p.count, p[end] == star { end += 1 }
                let isDouble = end - pi >= 2
                let atStart = pi == 0 || p[pi - 1] == slash
                let atEnd = end == p.count || p[end] == slash
                if isDouble, atStart, atEnd {
                    if end == p.count { return true }
                    // `**/`: zero or more whole folders.
                    if match(p, end + 1, t, ti) { return true }
                    var k = ti
                    while k < t.count {
                        if t[k] == slash, match(p, end + 1, t, k + 1) { return true }
                        k += 1
                    }
                    return false
                }
                if end == p.count { return !t[ti...].contains(slash) }
                var k = ti
                while k <= t.count {
                    if match(p, end, t, k) { return true }
                    if k < t.count, t[k] == slash { break }
                    k += 1
                }
                return false
            case UInt8(ascii: "?"):
                guard ti < t.count, t[ti] != slash else { return false }
                pi += 1
                ti += 1
            case UInt8(ascii: "["):
                guard ti < t.count, t[ti] != slash else { return false }
                guard let (matched, next) = matchClass(p, pi, t[ti]) else {
                    // An unclosed `[` is a literal.
                    guard t[ti] == c else { return false }
                    pi += 1
                    ti += 1
                    continue
                }
                guard matched else { return false }
                pi = next
                ti += 1
            case UInt8(ascii: "\\") where pi + 1 < p.count:
                guard ti < t.count, t[ti] == p[pi + 1] else { return false }
                pi += 2
                ti += 1
            default:
                guard ti < t.count, t[ti] == c else { return false }
                pi += 1
                ti += 1
            }
        }
        return ti == t.count
    }

    /// Matches `byte` against the class starting at `p[start] == "["`; nil when the class never closes.
    private static func matchClass(_ p: [UInt8], _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count {
            if p[i] == UInt8(ascii: "]"), !first { return (matched != negate, i + 1) }
            first = false
            var low = p[i]
            if low == UInt8(ascii: "\\"), i + 1 < p.count {
                i += 1
                low = p[i]
            }
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                let high = p[i + 2]
                if low <= byte, byte <= high { matched = true }
                i += 3
            } else {
                if low == byte { matched = true }
                i += 1
            }
        }
        return nil
    }
}
