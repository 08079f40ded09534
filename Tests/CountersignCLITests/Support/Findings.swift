import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One finding as a CI format carries it: the rule and, where the format has them, file and line.
struct Finding: Hashable, Comparable, CustomStringConvertible {
    var rule: String
    var path: String?
    var line: Int?

    static func < (lhs: Finding, rhs: Finding) -> Bool {
        (lhs.rule, lhs.path ?? "", lhs.line ?? 0) < (rhs.rule, rhs.path ?? "", rhs.line ?? 0)
    }

    var description: String { "\(rule) \(path ?? "-"):\(line.map(String.init) ?? "-")" }
}

/// A format of `countersign check --format`, and how to read its violations back (notices and
/// warnings are left out), checking its structure.
enum FindingsFormat: String, CaseIterable, Sendable {
    case text, json, github, sarif, junit, markdown, codequality

    /// Whether the format carries each finding's file and line in fields of their own, as JSON
    /// has them (text, JUnit and Markdown carry them inside free text; code quality places a
    /// finding without a file on countersign.yaml).
    var hasLocations: Bool { [.json, .github, .sarif].contains(self) }

    /// Whether a finding with a file but no line is placed on the file's first line.
    var placesFileOnFirstLine: Bool { self == .github || self == .sarif }

    /// Whether a finding without a file is placed on countersign.yaml (code scanning needs a file).
    var placesFilelessOnPolicy: Bool { self == .sarif }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The findings in `output`; throws when the output does not have the format's structure.
    func findings(in output: String) throws -> [Finding] {
        switch self {
        case .text: return try Self.text(output)
        case .json: return try Self.json(output)
        case .github: return try Self.github(output)
        case .sarif: return try Self.sarif(output)
        case .junit: return try Self.junit(output)
        case .markdown: return try Self.markdown(output)
        case .codequality: return try Self.codeQuality(output)
        }
    }

    /// Finding lines ending with `(<rule>)`, then the summary line.
    private static func text(_ output: String) throws -> [Finding] {
        let lines = output.split(separator: "\n").filter { !$0.hasPrefix("notice (") && !$0.hasPrefix("warning (") }
        guard let last = lines.last, last.hasPrefix("checked ") else { throw Malformed("no summary line at the end of:\n\(output)") }
        let rules = Servers.rules(in: lines.dropLast().joined(separator: "\n"), hookLines: false)
        guard rules.count == lines.count - 1 else { throw Malformed("a line without a rule id in:\n\(output)") }
        return rules.map { Finding(rule: $0) }
    }

    /// `{"ok": Bool, "violations": [{rule, ref, commit, path, line, message}]}`, every key present.
    private static func json(_ output: String) throws -> [Finding] {
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              Set(object.keys) == ["ok", "violations"], let ok = object["ok"] as? Bool,
              let violations = object["violations"] as? [[String: Any]] else {
            throw Malformed("not {\"ok\", \"violations\"}:\n\(output)")
        }
        guard ok == violations.isEmpty else { throw Malformed("ok is \(ok) with \(violations.count) violations") }
        return try violations.map { violation in
            guard Set(violation.keys) == ["rule", "ref", "commit", "path", "line", "message"],
                  let rule = violation["rule"] as? String, let message = violation["message"] as? String, !message.isEmpty else {
                throw Malformed("a violation without the six keys: \(violation)")
            }
            if let commit = violation["commit"] as? String, commit.count != 40 { throw Malformed("commit \(commit) is not 40 hex") }
            return Finding(rule: rule, path: violation["path"] as? String, line: violation["line"] as? Int)
        }
    }

    /// `::error file=…,line=…,title=<rule>::message` lines, then `countersign: <summary>`.
    private static func github(_ output: String) throws -> [Finding] {
        let lines = output.split(separator: "\n").map(String.init)
        guard let last = lines.last, last.hasPrefix("countersign: checked ") else { throw Malformed("no summary line at the end of:\n\(output)") }
        return try lines.dropLast().filter { !$0.hasPrefix("::notice ") && !$0.hasPrefix("::warning ") }.map { line in
            guard line.hasPrefix("::error "), let end = line.range(of: "::", range: line.index(line.startIndex, offsetBy: 8)..<line.endIndex) else {
                throw Malformed("not a workflow annotation: \(line)")
            }
            let message = line[end.upperBound...]
            guard !message.isEmpty, !message.contains("\n") else { throw Malformed("an empty message: \(line)") }
            var properties: [String: String] = [:]
            for pair in line[line.index(line.startIndex, offsetBy: 8)..<end.lowerBound].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw Malformed("a property without a value: \(line)") }
                properties[String(parts[0])] = String(parts[1]).replacingOccurrences(of: "%2C", with: ",")
                    .replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%25", with: "%")
            }
            guard let title = properties["title"], Set(properties.keys).isSubset(of: ["file", "line", "title"]) else {
                throw Malformed("no title, or an unknown property: \(line)")
            }
            if (properties["line"] == nil) != (properties["file"] == nil) { throw Malformed("a file without a line, or a line without a file: \(line)") }
            guard title.hasPrefix("countersign ") else { throw Malformed("a title that does not name the rule: \(line)") }
            return Finding(rule: String(title.dropFirst("countersign ".count)), path: properties["file"], line: properties["line"].flatMap { Int($0) })
        }
    }

    /// SARIF 2.1.0: version, one run whose tool is countersign, results with rule ids that the
    /// driver's rules define, levels, messages and locations.
    private static func sarif(_ output: String) throws -> [Finding] {
        guard let log = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              log["version"] as? String == "2.1.0", (log["$schema"] as? String)?.contains("sarif") == true,
              let runs = log["runs"] as? [[String: Any]], runs.count == 1,
              let tool = runs[0]["tool"] as? [String: Any], let driver = tool["driver"] as? [String: Any],
              driver["name"] as? String == "countersign", let rules = driver["rules"] as? [[String: Any]],
              let results = runs[0]["results"] as? [[String: Any]] else {
            throw Malformed("not a SARIF 2.1.0 log of countersign:\n\(output)")
        }
        let ruleIDs = Set(rules.compactMap { $0["id"] as? String })
        guard ruleIDs.count == rules.count else { throw Malformed("a rule without an id: \(rules)") }
        return try results.filter { $0["level"] as? String == "error" }.map { result in
            guard let ruleID = result["ruleId"] as? String, ruleIDs.contains(ruleID),
                  ["error", "warning", "note", "none"].contains(result["level"] as? String ?? ""),
                  let message = result["message"] as? [String: Any], (message["text"] as? String)?.isEmpty == false,
                  let locations = result["locations"] as? [[String: Any]] else {
                throw Malformed("a result without a defined rule id, level, message or locations: \(result)")
            }
            guard locations.count == 1, let location = locations.first else { throw Malformed("not one location: \(result)") }
            guard let physical = location["physicalLocation"] as? [String: Any],
                  let artifact = physical["artifactLocation"] as? [String: Any], let uri = artifact["uri"] as? String, !uri.isEmpty else {
                throw Malformed("a location without an artifact uri: \(location)")
            }
            guard let region = physical["region"] as? [String: Any], let line = region["startLine"] as? Int, line >= 1 else {
                throw Malformed("a file without a region whose startLine is ≥ 1: \(location)")
            }
            return Finding(rule: ruleID, path: uri, line: line)
        }
    }

    /// JUnit XML: `<testsuites>` with one `<testsuite>` whose counts match, one `<failure type="<rule>">` per finding.
    private static func junit(_ output: String) throws -> [Finding] {
        let document = try XMLDocument(xmlString: output)
        guard let root = document.rootElement(), root.name == "testsuites" else { throw Malformed("no <testsuites> root:\n\(output)") }
        let suites = root.elements(forName: "testsuite")
        guard suites.count == 1, let suite = suites.first else { throw Malformed("not one <testsuite>:\n\(output)") }
        let cases = suite.elements(forName: "testcase")
        let failures = cases.flatMap { $0.elements(forName: "failure") }
        guard suite.attribute(forName: "tests")?.stringValue == "\(max(cases.count, 1))",
              suite.attribute(forName: "failures")?.stringValue == "\(failures.count)",
              root.attribute(forName: "failures")?.stringValue == "\(failures.count)", !cases.isEmpty else {
            throw Malformed("the counts do not match the test cases:\n\(output)")
        }
        return try failures.map { failure in
            guard let type = failure.attribute(forName: "type")?.stringValue,
                  failure.attribute(forName: "message")?.stringValue?.isEmpty == false else {
                throw Malformed("a failure without type or message: \(failure)")
            }
            return Finding(rule: type)
        }
    }

    /// A heading with the verdict, the table of rules, then one table row per finding:
    /// `| ❌ | `rule` | where | message |`.
    private static func markdown(_ output: String) throws -> [Finding] {
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.first?.hasPrefix("### ") == true else { throw Malformed("no heading:\n\(output)") }
        guard output.utf8.count < 1_048_576 else { throw Malformed("over GitHub's 1 MiB job-summary limit") }
        return lines.filter { $0.hasPrefix("| ❌ | `") }.map { line in
            let rule = line.dropFirst("| ❌ | `".count).prefix { $0 != "`" }
            return Finding(rule: String(rule))
        }
    }

    /// GitLab code quality: an array of issues, each with description, check_name, fingerprint,
    /// severity and location.path and location.lines.begin; violations are `blocker`s.
    private static func codeQuality(_ output: String) throws -> [Finding] {
        guard let issues = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else {
            throw Malformed("not an array of issues:\n\(output)")
        }
        var fingerprints = Set<String>()
        return try issues.compactMap { issue in
            guard let description = issue["description"] as? String, !description.isEmpty,
                  let rule = issue["check_name"] as? String, let fingerprint = issue["fingerprint"] as? String,
                  let severity = issue["severity"] as? String, ["info", "minor", "major", "critical", "blocker"].contains(severity),
                  let location = issue["location"] as? [String: Any], let path = location["path"] as? String, !path.isEmpty,
                  let lines = location["lines"] as? [String: Any], let begin = lines["begin"] as? Int, begin >= 1 else {
                throw Malformed("an issue without the fields GitLab needs: \(issue)")
            }
            guard fingerprints.insert(fingerprint).inserted else { throw Malformed("a fingerprint used twice: \(fingerprint)") }
            return severity == "blocker" ? Finding(rule: rule, path: path, line: begin) : nil
        }
    }
}
