import CountersignCore
import Foundation
import Testing

/// The CI renderers, field by field, on findings of each kind of subject: a file with a line, a
/// file without one, a commit, a sign-off, and a notice. (`check` produces them end to end in
/// the CLI tests; here every field is pinned down.)
@Suite("reports: GitHub, SARIF, Markdown, code quality")
struct ReportRendererTests {
    static let commit = String(repeating: "ab", count: 20)
    static let findings = [
        Finding(rule: .schemaInvalid, ref: "refs/heads/main", commit: commit, path: "reviews/x/security/threats.yaml", line: 7, message: "likelihood must be a number, found \"high\""),
        Finding(rule: .commitNotOwner, ref: "refs/heads/main", commit: commit, path: "reviews/x/dpo/advisory.md", message: "bob changes reviews/x/dpo/advisory.md, owned by dpo"),
        Finding(rule: .commitUnsigned, ref: "refs/heads/main", commit: commit, message: "the commit is not signed"),
        Finding(rule: .signoffOutOfOrder, ref: "signoff/x/clearance/1/frank", commit: commit, path: "reviews/x/ledger/clearance.1.frank", message: "step \"data-protection\" has no current sign-off"),
        Finding(rule: .mergeFiresTrigger, path: "deploy/model.yaml", message: "this merge changes deploy/model.yaml, which fires trigger model-change of x"),
    ]
    static let report = FindingsReport(findings: findings, summary: "checked merging feature into main: 4 violations", title: "countersign check")

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("github: error, warning or notice by severity, file and line for a file (its first line when none), a title naming the rule")
    func github() throws {
        let lines = try Self.report.render(.github).split(separator: "\n").map(String.init)
        let short = Self.commit.prefix(10)
        #expect(lines == [
            "::error file=reviews/x/security/threats.yaml,line=7,title=countersign schema.invalid::main \(short): likelihood must be a number, found \"high\"",
            "::error file=reviews/x/dpo/advisory.md,line=1,title=countersign commit.not-owner::main \(short): bob changes reviews/x/dpo/advisory.md, owned by dpo",
            "::error title=countersign commit.unsigned::main \(short): the commit is not signed",
            "::error file=reviews/x/ledger/clearance.1.frank,line=1,title=countersign signoff.out-of-order::signoff/x/clearance/1/frank \(short): step \"data-protection\" has no current sign-off",
            "::notice file=deploy/model.yaml,line=1,title=countersign merge.fires-trigger::this merge changes deploy/model.yaml, which fires trigger model-change of x",
            "countersign: checked merging feature into main: 4 violations",
        ])
    }

    @Test("code quality: description, check_name, fingerprint, severity, location.path and lines.begin for every issue")
    func codeQuality() throws {
        let issues = try #require(try Self.json(Self.report.render(.codequality)) as? [[String: Any]])
        #expect(issues.count == 5)
        #expect(issues.map { $0["check_name"] as? String } == Self.findings.map(\.rule.id))
        #expect(issues.map { $0["severity"] as? String } == ["blocker", "blocker", "blocker", "blocker", "info"])
        let locations = issues.map { $0["location"] as? [String: Any] }
        #expect(locations.map { $0?["path"] as? String } == ["reviews/x/security/threats.yaml", "reviews/x/dpo/advisory.md", "countersign.yaml",
                                                             "reviews/x/ledger/clearance.1.frank", "deploy/model.yaml"])
        #expect(locations.map { ($0?["lines"] as? [String: Any])?["begin"] as? Int } == [7, 1, 1, 1, 1])
        #expect((issues[0]["description"] as? String)?.hasSuffix("likelihood must be a number, found \"high\" (schema.invalid)") == true)
        let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
        #expect(Set(fingerprints).count == 5 && fingerprints.allSatisfy { $0.count == 40 })
    }

    @Test("fingerprints: the same problem keeps its fingerprint when the commit changes; two alike in one file stay two")
    func fingerprints() throws {
        func prints(_ findings: [Finding]) throws -> [String] {
            let issues = try #require(try Self.json(FindingsReport(findings: findings, summary: "", title: "t").render(.codequality)) as? [[String: Any]])
            return issues.compactMap { $0["fingerprint"] as? String }
        }
        var moved = Self.findings[0]
        moved.commit = String(repeating: "cd", count: 20)
        #expect(try prints([Self.findings[0]]) == prints([moved]))
        let twice = try prints([Self.findings[0], Self.findings[0]])
        #expect(twice.count == 2 && twice[0] != twice[1])
    }

    @Test("sarif: the catalogue as rule table with help links, a region on every result with a file, levels by severity")
    func sarif() throws {
        let log = try #require(try Self.json(Self.report.render(.sarif)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["informationUri"] as? String == RuleReference.home)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == Rule.allCases.count)
        let notOwner = try #require(rules.first { $0["id"] as? String == "commit.not-owner" })
        #expect((notOwner["shortDescription"] as? [String: Any])?["text"] as? String == Rule.commitNotOwner.summary)
        #expect(notOwner["helpUri"] as? String == "\(RuleReference.document)#commitnot-owner")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error", "error", "error", "error", "note"])
        let lines = results.map { result -> Int? in
            let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (physical?["region"] as? [String: Any])?["startLine"] as? Int
        }
        #expect(lines == [7, 1, 1, 1, 1])
        // Code scanning needs a file on every result: the unsigned commit is placed on the policy, with the ref as its logical location.
        let unsigned = try #require((results[2]["locations"] as? [[String: Any]])?.first)
        #expect(((unsigned["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String == "countersign.yaml")
        #expect((unsigned["logicalLocations"] as? [[String: Any]])?.first?["name"] as? String == "main")
        #expect(Set(rules.compactMap { $0["name"] as? String }).count == rules.count, "rule names collide")
        #expect(results.allSatisfy { (($0["partialFingerprints"] as? [String: String])?["countersign/v1"]?.count ?? 0) == 40 })
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
    }

    @Test("markdown: a verdict, a table of rules linked to the reference, the findings escaped as text")
    func markdown() throws {
        let hostile = Finding(rule: .schemaInvalid, path: "reviews/x/review.yaml", line: 1, message: "title <script>alert(1)</script> | *bold* [link](http://x)\nsecond line")
        let text = try FindingsReport(findings: Self.findings + [hostile], summary: "checked: 5 violations", title: "countersign check").render(.markdown)
        #expect(text.hasPrefix("### ❌ countersign check\n\nchecked: 5 violations\n"))
        #expect(text.contains("| [`commit.not-owner`](\(RuleReference.url(.commitNotOwner))) | violation | 1 |"))
        #expect(text.contains("| [`schema.invalid`](\(RuleReference.url(.schemaInvalid))) | violation | 2 |"))
        #expect(text.contains("title &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*bold\\* \\[link\\](http://x) second line"))
        #expect(!text.contains("<script>"))
        let clean = try FindingsReport(findings: [], summary: "checked: ok", title: "countersign check").render(.markdown)
        #expect(clean == "### ✅ countersign check\n\nchecked: ok\n\n")
    }

    @Test("markdown stays under GitHub's 1 MiB job-summary limit and says how many findings it left out")
    func markdownLimit() throws {
        let many = (0..<20_000).map { Finding(rule: .schemaInvalid, path: "reviews/x/security/evidence/file-\($0).yaml", line: $0 + 1, message: String(repeating: "a long message ", count: 6)) }
        let text = try FindingsReport(findings: many, summary: "checked: 20000 violations", title: "countersign check").render(.markdown)
        #expect(text.utf8.count < 1_048_576)
        let shown = text.split(separator: "\n").filter { $0.hasPrefix("| ❌ |") }.count
        #expect(shown > 1_000 && shown < 20_000)
        #expect(text.contains("… and \(20_000 - shown) more findings"))
    }

    @Test("a format a report cannot render is unusable input, never a silent fallback")
    func unsupportedFormat() throws {
        let view = StatusView([], policy: nil, header: [])
        #expect(throws: InputError.self) { try view.rendered(.sarif, command: "status") }
        do {
            _ = try view.rendered(.markdown, command: "status")
        } catch let error as InputError {
            #expect(error.message == "`status` cannot write --format markdown; use text, json")
        }
    }
}
