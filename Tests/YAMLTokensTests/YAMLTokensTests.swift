import Foundation
import Testing
import YAMLTokens

/// Anchors, aliases and merge keys are refused before the parser sees them, so a file any member
/// can push parses in bounded time; libyaml's own scanner finds them, whatever hides them.
@Suite("YAML tokens: anchors, aliases and merge keys refused before parsing")
struct YAMLTokensTests {
    /// The nested-alias key bomb: each level a sequence of the previous one, used as a mapping key.
    static func keyBomb(levels: Int) -> String {
        var text = "? &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n: x\n"
        for level in 1..<levels {
            let previous = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "? &a\(level) [\(previous)]\n: x\n"
        }
        return text
    }

    static let refused: [(name: String, text: String, line: Int, problem: String)] = [
        ("the nested-alias key bomb", keyBomb(levels: 6), 1, "anchors"),
        ("an anchor on a value", "a: &x 1\nb: 2\n", 1, "anchors"),
        ("an anchor after a tag", "a: !!str &x text\n", 1, "anchors"),
        ("an alias in a sequence", "a: 1\nb:\n  - *x\n", 3, "aliases"),
        ("an alias in a flow mapping", "a: {b: [c, *x]}\n", 1, "aliases"),
        ("an alias on a flow continuation line", "a: [b,\n  *x]\n", 2, "aliases"),
        ("an alias after a quoted key", "\"a\": *x\n", 1, "aliases"),
        ("an alias after the document marker", "--- *x\n", 1, "aliases"),
        ("a complex key's anchor", "? &k [a]\n: b\n", 1, "anchors"),
        ("a merge key", "base: {a: 1}\nitem:\n  <<: {a: 2}\n", 3, "merge keys"),
        ("a merge key in flow", "item: {<<: {a: 2}}\n", 1, "merge keys"),
        ("deep flow nesting", String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n", 1, "nested deeper"),
        ("deep sequence nesting on one line", String(repeating: "- ", count: 100) + "x\n", 1, "nested deeper"),
        ("the bomb with CRLF line ends after a comment", "# c\r\n" + keyBomb(levels: 3).replacingOccurrences(of: "\n", with: "\r\n"), 2, "anchors"),
        ("an anchor after a lone CR", "a: 1 # c\rb: &x [y]\rc: *x\r", 2, "anchors"),
        ("an alias after a quote on a plain scalar's continuation line", "a: x\n  \"y\n" + keyBomb(levels: 2), 3, "anchors"),
        ("a block scalar ending at its collection's indent", "- k: |\n    t\n" + keyBomb(levels: 2).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n", 3, "anchors"),
        ("flow ? without a space", "{?&a0 [lol, lol] : x}\n", 1, "anchors"),
        ("a tag ending at a flow comma", "[!t,&a [x, x], !t,*a]\n", 1, "anchors"),
        ("a BOM before the bomb", "\u{FEFF}" + keyBomb(levels: 2), 1, "anchors"),
        ("a merge key behind a tag", "base: {a: 1}\nitem:\n  !!merge <<: {a: 2}\n", 3, "merge keys"),
        ("a verbatim merge tag", "item: {!<tag:yaml.org,2002:merge> x: {a: 2}}\n", 1, "merge keys"),
        ("a %TAG directive", "%TAG !m! tag:yaml.org,2002:\n---\na: !m!merge x\n", 1, "%TAG"),
        ("deep nesting across lines", (0..<80).map { String(repeating: " ", count: $0 * 2) + "- a:" }.joined(separator: "\n") + "\n", 64, "nested deeper"),
    ]

    @Test("refused with the line", arguments: refused.indices)
    func refuses(_ index: Int) throws {
        let (name, text, line, problem) = Self.refused[index]
        let refusal = try #require(YAMLTokens.firstRefusal(in: text, maxDepth: 64), "\(name)")
        #expect(refusal.line == line, "\(name)")
        #expect(refusal.problem.contains(problem), "\(name): \(refusal.problem)")
    }

    static let accepted: [String] = [
        "title: R&D assistant\nnote: a *b* c\n",
        "text: \"*starts with a star\"\nother: '&amp; ''quoted'' *'\n",
        "notes: |\n  * a markdown bullet\n  &nbsp; <<: not a key\n  - *x\nnext: 1\n",
        "folded: >-\n    *emphasis*\n    & more\n",
        "url: https://example.org/a#b # a comment with *x and &y\n",
        "# *a comment* &at the start\nkey: value\n",
        "list: [a, 'b, *c', \"d]*e\"]\n",
        "multi: \"a line\n  *still quoted\"\n",
        "key: a:b*c&d\n",
        String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "\n",
    ]

    @Test("text that only looks like an anchor or alias is accepted", arguments: accepted)
    func accepts(_ text: String) {
        #expect(YAMLTokens.firstRefusal(in: text, maxDepth: 64) == nil, "\(text)")
    }
}
