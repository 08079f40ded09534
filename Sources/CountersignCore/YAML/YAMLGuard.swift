/// A lexical pass over YAML text before it is parsed (spec section 3, "Files countersign
/// parses"): anchors, aliases and merge keys are refused here, before any parser could expand
/// them, and so is nesting deeper than `maxDepth`. It reads only what decides where a node starts —
/// quotes, comments, block scalars, flow brackets, and the `-`, `?` and `:` indicators — so text
/// inside a scalar never counts. It errs on the side of refusing: a continuation line of a plain
/// scalar that starts with `*` or `&` is refused too, with the fix to quote it.
struct YAMLGuard {
    /// Something the pass refuses, with its 1-based line.
    struct Refusal: Equatable {
        let line: Int
        let problem: String
    }

    static let maxDepth = 64

    private enum Quote { case single, double }

    private var quote: Quote?
    /// The indentation of the line that opened the block scalar being read, if any.
    private var blockParent: Int?
    private var flowDepth = 0
    /// Whether the next character that is not a space starts a node.
    private var expectsNode = true

    /// The first refusal in `text`, or nil when nothing is refused.
    static func firstRefusal(in text: String) -> Refusal? {
        var scan = YAMLGuard()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let problem = scan.read(Array(line.utf8)) { return Refusal(line: index + 1, problem: problem) }
        }
        return nil
    }

    private mutating func read(_ line: [UInt8]) -> String? {
        let indent = line.prefix { $0 == space }.count
        let blank = line.allSatisfy { $0 == space || $0 == tab || $0 == cr }
        if let parent = blockParent {
            if blank || indent > parent { return nil }
            blockParent = nil
        }
        if quote == nil && flowDepth == 0 { expectsNode = true }
        var depth = flowDepth
        var i = quote == nil ? indent : 0
        while i < line.count {
            let c = line[i]
            if let open = quote {
                i = closeQuote(open, in: line, from: i)
                continue
            }
            let next: UInt8? = i + 1 < line.count ? line[i + 1] : nil
            let endsToken = next == nil || next == space || next == tab || next == cr
            let afterSpace = i == 0 || line[i - 1] == space || line[i - 1] == tab
            if c == space || c == tab || c == cr {
                i += 1
                continue
            }
            if c == hash && afterSpace { return nil }
            if expectsNode {
                switch c {
                case ampersand: return "YAML anchors (&name) are refused: write the value out in full (quote text that starts with &)"
                case star: return "YAML aliases (*name) are refused: write the value out in full (quote text that starts with *)"
                case singleQuote, doubleQuote:
                    quote = c == singleQuote ? .single : .double
                    expectsNode = false
                    i += 1
                    continue
                case pipe, greater:
                    blockParent = indent
                    return nil
                case dash where i == indent && isDocumentMarker(line, at: i):
                    i += 3
                    continue
                case dash, question, colon:
                    guard endsToken else { break }
                    depth += 1
                    if depth > Self.maxDepth { return "YAML nested deeper than \(Self.maxDepth) levels is refused" }
                    i += 1
                    continue
                case bang:
                    while i < line.count && line[i] != space && line[i] != tab { i += 1 }
                    continue
                default:
                    break
                }
            }
            switch c {
            case openBracket, openBrace:
                flowDepth += 1
                depth += 1
                if flowDepth > Self.maxDepth || depth > Self.maxDepth { return "YAML nested deeper than \(Self.maxDepth) levels is refused" }
                expectsNode = true
                i += 1
            case closeBracket, closeBrace:
                flowDepth = max(0, flowDepth - 1)
                expectsNode = false
                i += 1
            case comma where flowDepth > 0:
                expectsNode = true
                i += 1
            case colon where endsToken || (flowDepth > 0 && !expectsNode):
                expectsNode = true
                i += 1
            default:
                guard expectsNode else {
                    i += 1
                    continue
                }
                let start = i
                if let problem = readPlain(line, from: &i) { return problem }
                if i == start { i += 1 }
            }
        }
        return nil
    }

    /// Reads a plain scalar from `i`; refuses it when it is a merge key (`<<` before `:`).
    private mutating func readPlain(_ line: [UInt8], from i: inout Int) -> String? {
        let start = i
        while i < line.count {
            let c = line[i]
            let next: UInt8? = i + 1 < line.count ? line[i + 1] : nil
            if c == colon && (next == nil || next == space || next == tab || next == cr || (flowDepth > 0 && isFlowIndicator(next))) { break }
            if c == hash && i > start && (line[i - 1] == space || line[i - 1] == tab) { break }
            if flowDepth > 0 && isFlowIndicator(c) { break }
            i += 1
        }
        let text = line[start..<i].reversed().drop { $0 == space || $0 == tab }.reversed()
        if i < line.count && line[i] == colon && Array(text) == [less, less] {
            return "YAML merge keys (<<) are refused: write the keys out in full"
        }
        expectsNode = false
        return nil
    }

    /// The index after the closing quote, or the end of the line when the scalar goes on.
    private mutating func closeQuote(_ open: Quote, in line: [UInt8], from start: Int) -> Int {
        var i = start
        while i < line.count {
            switch (open, line[i]) {
            case (.double, backslash):
                i += 2
            case (.double, doubleQuote):
                quote = nil
                return i + 1
            case (.single, singleQuote):
                if i + 1 < line.count && line[i + 1] == singleQuote {
                    i += 2
                } else {
                    quote = nil
                    return i + 1
                }
            default:
                i += 1
            }
        }
        return line.count
    }

    /// `---` at the start of a line, followed by a space or the line's end: a node may follow it.
    private func isDocumentMarker(_ line: [UInt8], at i: Int) -> Bool {
        i == 0 && line.count >= 3 && line[0..<3].allSatisfy { $0 == dash }
            && (line.count == 3 || line[3] == space || line[3] == tab || line[3] == cr)
    }

    private func isFlowIndicator(_ c: UInt8?) -> Bool {
        c == comma || c == openBracket || c == closeBracket || c == openBrace || c == closeBrace
    }
}

private let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r")
private let hash = UInt8(ascii: "#"), ampersand = UInt8(ascii: "&"), star = UInt8(ascii: "*"), bang = UInt8(ascii: "!")
private let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
private let pipe = UInt8(ascii: "|"), greater = UInt8(ascii: ">"), less = UInt8(ascii: "<")
private let dash = UInt8(ascii: "-"), question = UInt8(ascii: "?"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
private let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
