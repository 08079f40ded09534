import Foundation

/// Findings (`verify`, `check`, hooks) in the formats CI systems read: plain text, the contract's
/// JSON, GitHub workflow annotations, SARIF 2.1.0 and JUnit XML.
public enum FindingsReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, github, sarif, junit
    }

    public static func render(_ violations: [Finding], format: Format, summary: String) throws -> String {
        switch format {
        case .text:
            return (violations.map(\.description) + [summary]).joined(separator: "\n")
        case .json:
            return try encode(JSONFindings(ok: violations.isEmpty, violations: violations))
        case .github:
            return (violations.map(githubAnnotation) + ["countersign: \(summary)"]).joined(separator: "\n")
        case .sarif:
            return try encode(sarif(violations))
        case .junit:
            return junit(violations, summary: summary)
        }
    }

    struct JSONFindings: Encodable {
        var ok: Bool
        var violations: [Finding]
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `::error file=…,line=…,title=…::message`, with GitHub's escaping of `%`, CR and LF (and `,` `:` in properties).
    static func githubAnnotation(_ violation: Finding) -> String {
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var properties: [String] = []
        if let path = violation.path { properties.append("file=\(escapeProperty(path))") }
        if let line = violation.line { properties.append("line=\(line)") }
        properties.append("title=\(escapeProperty(violation.rule.rawValue))")
        let subject = [violation.ref, violation.commit.map { String($0.prefix(10)) }].compactMap { $0 }.joined(separator: " ")
        return "::error \(properties.joined(separator: ","))::\(escapeData(subject.isEmpty ? violation.message : "\(subject): \(violation.message)"))"
    }

    static func sarif(_ violations: [Finding]) -> SARIF.Log {
        let rules = Array(Set(violations.map(\.rule.rawValue))).sorted()
        let results = violations.map { violation in
            SARIF.Result(
                ruleId: violation.rule.rawValue, level: "error", message: .init(text: violation.message),
                locations: violation.path.map { path in
                    [SARIF.Location(physicalLocation: .init(artifactLocation: .init(uri: sarifURI(path)), region: violation.line.map { .init(startLine: $0) }))]
                } ?? [],
                partialFingerprints: violation.commit.map { ["commit": $0] })
        }
        let driver = SARIF.Driver(name: "countersign", informationUri: "https://example.org/countersign",
                                  rules: rules.map { SARIF.Rule(id: $0, shortDescription: .init(text: $0)) })
        return SARIF.Log(runs: [SARIF.Run(tool: .init(driver: driver), results: results)])
    }

    /// A repository path as the relative URI reference SARIF's `artifactLocation.uri` must be:
    /// spaces, `%`, `?`, `#` and other characters outside a URI path are percent-encoded.
    static func sarifURI(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func junit(_ violations: [Finding], summary: String) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\"countersign\" tests=\"\(max(violations.count, 1))\" failures=\"\(violations.count)\">",
                     "  <testsuite name=\"countersign check\" tests=\"\(max(violations.count, 1))\" failures=\"\(violations.count)\">"]
        if violations.isEmpty {
            lines.append("    <testcase classname=\"countersign\" name=\"\(escape(summary))\"/>")
        }
        for violation in violations {
            let name = [violation.rule.rawValue, violation.path ?? violation.ref ?? ""].joined(separator: " ")
            lines.append("    <testcase classname=\"\(escape(violation.rule.rawValue))\" name=\"\(escape(name))\">")
            lines.append("      <failure type=\"\(escape(violation.rule.rawValue))\" message=\"\(escape(violation.message))\">\(escape(violation.description))</failure>")
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n")
    }
}

/// The parts of SARIF 2.1.0 that findings use.
enum SARIF {
    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case version, runs
            case schema = "$schema"
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
    }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]?
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int }
}
