@testable import CountersignCore
import Foundation
import Testing

/// Spec section 3, "Files countersign parses": anchors, aliases and merge keys are refused before
/// the parser sees them, so a file any member can push parses in bounded time.
@Suite("YAML: anchors, aliases and merge keys refused before parsing")
struct YAMLGuardTests {
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
    ]

    @Test("refused with the line", arguments: refused.indices)
    func refuses(_ index: Int) throws {
        let (name, text, line, problem) = Self.refused[index]
        let refusal = try #require(YAMLGuard.firstRefusal(in: text), "\(name)")
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
        #expect(YAMLGuard.firstRefusal(in: text) == nil, "\(text)")
    }

    @Test("a refused file is reported with its path, line and rule, and nothing is parsed")
    func reported() {
        let diagnostics = Diagnostics()
        let file = YAMLFile(path: "reviews/x/security/threats.yaml", text: Self.keyBomb(levels: 12), rule: .schemaInvalid, diagnostics: diagnostics)
        #expect(file.root == nil)
        let violation = diagnostics.violations.first
        #expect(violation?.rule == .schemaInvalid)
        #expect(violation?.path == "reviews/x/security/threats.yaml")
        #expect(violation?.line == 1)
        #expect(violation?.message.contains("write the value out in full") == true)
    }

    @Test("booleans are YAML 1.2's: yes and on stay text")
    func booleans() throws {
        let diagnostics = Diagnostics()
        let file = YAMLFile(path: "f.yaml", text: "a: true\nb: yes\nc: on\n", rule: .schemaInvalid, diagnostics: diagnostics)
        let root = try #require(file.root?.mapping("f", allowed: ["a", "b", "c"]))
        #expect(root["a"]?.bool("a") == true)
        #expect(root["b"]?.bool("b") == nil)
        #expect(diagnostics.violations.last?.message == "b must be true or false, found \"yes\"")
    }
}
