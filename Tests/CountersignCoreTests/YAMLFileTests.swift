@testable import CountersignCore
import Foundation
import Testing

/// A refused YAML file is a finding with its path, line and rule; booleans are YAML 1.2's.
@Suite("YAML files: refusals and booleans")
struct YAMLFileTests {
    @Test("a refused file is reported with its path, line and rule, and nothing is parsed")
    func reported() {
        let diagnostics = FindingCollector()
        let file = YAMLFile(path: "reviews/x/security/threats.yaml", text: "? &a0 [lol]\n: x\n? &a1 [*a0, *a0]\n: x\n", rule: .schemaInvalid, diagnostics: diagnostics)
        #expect(file.root == nil)
        let violation = diagnostics.violations.first
        #expect(violation?.rule == .schemaInvalid)
        #expect(violation?.path == "reviews/x/security/threats.yaml")
        #expect(violation?.line == 1)
        #expect(violation?.message.contains("write the value out in full") == true)
    }

    @Test("booleans are YAML 1.2's: yes and on stay text")
    func booleans() throws {
        let diagnostics = FindingCollector()
        let file = YAMLFile(path: "f.yaml", text: "a: true\nb: yes\nc: on\n", rule: .schemaInvalid, diagnostics: diagnostics)
        let root = try #require(file.root?.mapping("f", allowed: ["a", "b", "c"]))
        #expect(root["a"]?.bool("a") == true)
        #expect(root["b"]?.bool("b") == nil)
        #expect(diagnostics.violations.last?.message == "b must be true or false, found \"yes\"")
    }

    @Test("a file with thousands of problems lists the first hundred and says there are more")
    func problemsPerFile() throws {
        let diagnostics = FindingCollector()
        let text = (0..<500).map { "key\($0): 1" }.joined(separator: "\n") + "\n"
        let file = YAMLFile(path: "f.yaml", text: text, rule: .schemaInvalid, diagnostics: diagnostics)
        _ = file.rootMapping("f", allowed: ["title"])
        #expect(diagnostics.violations.count == FindingCollector.perFileLimit + 1)
        #expect(diagnostics.violations.first?.line == 1)
        #expect(diagnostics.violations.last?.message == "more than 100 problems in this file; the rest are not listed, so fix these first")
    }
}
