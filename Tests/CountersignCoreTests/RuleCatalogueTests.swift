import CountersignCore
import Foundation
import Testing

/// The rule catalogue is the one place rules are defined: well-formed, documented from itself,
/// named nowhere else in the sources, and each produced by some test.
@Suite("the rule catalogue")
struct RuleCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Swift files under `folder` of the repository, with their paths relative to the root.
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files.append((String(url.path.dropFirst(root.path.count + 1)), try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    /// Whether `text` holds `id` as a whole token (not inside a longer id).
    static func mentions(_ text: String, _ id: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let range = text.range(of: id, range: search) {
            let before = range.lowerBound == text.startIndex ? " " : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? " " : text[range.upperBound]
            let inID: (Character) -> Bool = { $0.isLetter || $0 == "." || $0 == "-" }
            if !inID(before), !inID(after) { return true }
            search = range.upperBound..<text.endIndex
        }
        return false
    }

    @Test("every rule has an id family.name, a summary and a fix in lowercase without a trailing period", arguments: Rule.allCases)
    func wellFormed(_ rule: Rule) {
        #expect(rule.id.range(of: #"^[a-z]+\.[a-z]+(-[a-z]+)*$"#, options: .regularExpression) != nil)
        for text in [rule.summary, rule.fix] {
            #expect(!text.isEmpty && !text.hasSuffix(".") && text.first?.isUppercase == false, "\(rule): \(text)")
        }
        #expect(rule.exitClass == (rule.severity == .violation ? .fails : .passes))
        if rule.failsUnanchoredTag { #expect(rule.family == "signoff" && rule.severity == .violation) }
    }

    @Test("the gap codes are those of the five steps, each a violation about a file")
    func gapCodes() {
        let steps = ["description", "assessment", "risk-acceptance", "data-protection", "clearance"]
        #expect(Rule.allCases.filter(\.isGapCode).count == steps.flatMap(Rule.gapCodes(of:)).count)
        #expect(Rule.gapCodes(of: "description").map(\.id) == ["review.unassigned-role", "system.description-empty", "system.context-incomplete", "system.data-flows-missing"])
        #expect(Rule.allCases.filter(\.isGapCode).allSatisfy { $0.subject == .file && $0.severity == .violation })
    }

    @Test("docs/reference.md holds the catalogue as it is now (run `make docs` when this fails)")
    func referenceIsCurrent() throws {
        let reference = try String(contentsOf: Self.root.appendingPathComponent("docs/reference.md"), encoding: .utf8)
        let begin = try #require(reference.range(of: "<!-- BEGIN RULES"))
        let end = try #require(reference.range(of: "<!-- END RULES -->"))
        let afterMarker = try #require(reference[begin.upperBound...].range(of: "\n"))
        let written = reference[afterMarker.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(written == RuleReference.markdown.trimmingCharacters(in: .whitespacesAndNewlines), "docs/reference.md is out of date: run `make docs`")
        for rule in Rule.allCases {
            #expect(reference.contains("#### \(rule.id)\n"), "no section for \(rule)")
        }
    }

    @Test("no source file outside the catalogue names a rule id")
    func namedOnlyInTheCatalogue() throws {
        let catalogue = ["Sources/CountersignCore/Rules/Rule.swift", "Sources/CountersignCore/Rules/Rule+Catalogue.swift"]
        for file in try Self.swiftFiles(under: "Sources") where !catalogue.contains(file.path) {
            let named = Rule.allCases.filter { Self.mentions(file.text, $0.id) }
            #expect(named.isEmpty, "\(file.path) names \(named.map(\.id)); refer to the Rule case instead")
        }
    }

    @Test("every rule in the catalogue is produced and checked by some test")
    func everyRuleTested() throws {
        let tests = try Self.swiftFiles(under: "Tests").filter { !$0.path.hasSuffix("RuleCatalogueTests.swift") }
        for rule in Rule.allCases {
            #expect(tests.contains { Self.mentions($0.text, rule.id) }, "no test names \(rule.id): add one that breaks it and checks its id and message")
        }
    }
}
