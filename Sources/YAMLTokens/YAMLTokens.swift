import CYaml

/// What YAML text holds before any parser builds a node of it, read with libyaml's own scanner
/// (the one Yams parses with), so the two cannot disagree: anchors, aliases and merge keys are
/// found as the tokens they are, whatever the quoting, line breaks or flow context, and nesting is
/// counted. The only code that touches libyaml's C pointers.
public enum YAMLTokens {
    /// Something refused, with its 1-based line.
    public struct Refusal: Equatable, Sendable {
        public let line: Int
        public let problem: String
    }

    /// The first anchor, alias, merge key or nesting deeper than `maxDepth` in `text`; nil when
    /// there is none, or when the text stops scanning first (the parser then reports that error
    /// at the same place, having expanded nothing).
    public static func firstRefusal(in text: String, maxDepth: Int) -> Refusal? {
        // libyaml keeps the parser's address as its input handler's data: it must not move.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        parser.initialize(to: yaml_parser_t())
        guard yaml_parser_initialize(parser) == 1 else { return nil }
        defer { yaml_parser_delete(parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Refusal? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var afterKey = false
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(parser, &token) == 1 else { return nil }
                defer { yaml_token_delete(&token) }
                let line = Int(token.start_mark.line) + 1
                switch token.type {
                case YAML_STREAM_END_TOKEN:
                    return nil
                case YAML_ANCHOR_TOKEN:
                    return Refusal(line: line, problem: "YAML anchors (&name) are refused: write the value out in full")
                case YAML_ALIAS_TOKEN:
                    return Refusal(line: line, problem: "YAML aliases (*name) are refused: write the value out in full")
                case YAML_TAG_DIRECTIVE_TOKEN:
                    return Refusal(line: line, problem: "YAML %TAG directives are refused: write the standard tags, or none")
                case YAML_TAG_TOKEN:
                    // `!!merge <<` or `!<tag:yaml.org,2002:merge>` asks for a merge as `<<` does.
                    let suffix = token.data.tag.suffix.map { String(cString: $0) } ?? ""
                    if suffix == "merge" || suffix.hasSuffix(":merge") {
                        return Refusal(line: line, problem: "YAML merge keys (<<) are refused: write the keys out in full")
                    }
                case YAML_BLOCK_SEQUENCE_START_TOKEN, YAML_BLOCK_MAPPING_START_TOKEN, YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN:
                    depth += 1
                    if depth > maxDepth { return Refusal(line: line, problem: "YAML nested deeper than \(maxDepth) levels is refused") }
                case YAML_BLOCK_END_TOKEN, YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN:
                    depth -= 1
                case YAML_SCALAR_TOKEN where afterKey && token.data.scalar.style == YAML_PLAIN_SCALAR_STYLE:
                    let scalar = token.data.scalar
                    if scalar.length == 2, scalar.value[0] == UInt8(ascii: "<"), scalar.value[1] == UInt8(ascii: "<") {
                        return Refusal(line: line, problem: "YAML merge keys (<<) are refused: write the keys out in full")
                    }
                default:
                    break
                }
                afterKey = token.type == YAML_KEY_TOKEN
            }
        }
    }
}
