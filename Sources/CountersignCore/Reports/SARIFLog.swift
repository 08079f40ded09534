import Foundation

/// SARIF 2.1.0 for code scanning: the catalogue as the rule table (descriptions, fixes, help
/// links), one result per finding with its file and line, and stable fingerprints.
struct SARIFLog: Encodable {
    var version = "2.1.0"
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version, runs
        case schema = "$schema"
    }

    init(_ report: FindingsReport, fingerprints: [String]) {
        let rules = Rule.allCases
        let driver = Driver(name: "countersign", informationUri: RuleReference.home, rules: rules.map(RuleEntry.init))
        let results = zip(report.findings, fingerprints).map { finding, fingerprint in
            Result(finding, ruleIndex: rules.firstIndex(of: finding.rule) ?? 0, fingerprint: fingerprint)
        }
        runs = [Run(tool: Tool(driver: driver), results: results)]
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var informationUri: String
        var rules: [RuleEntry]
    }

    struct Message: Encodable {
        var text: String
        var markdown: String?
    }

    struct RuleEntry: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var helpUri: String
        var defaultConfiguration: Configuration

        struct Configuration: Encodable { var level: String }

        init(_ rule: Rule) {
            id = rule.id
            name = rule.id.split(whereSeparator: { $0 == "." || $0 == "-" }).map(\.capitalized).joined()
            shortDescription = Message(text: rule.summary)
            fullDescription = Message(text: "\(rule.summary) (\(rule.severity.rawValue), about a \(rule.subject.rawValue)\(rule.step.map { ", step \($0)" } ?? ""))")
            help = Message(text: "fix: \(rule.fix)", markdown: "**Fix:** \(rule.fix). See [\(rule.id)](\(RuleReference.url(rule))).")
            helpUri = RuleReference.url(rule)
            defaultConfiguration = Configuration(level: SARIFLog.level(rule.severity))
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: [String: String]?

        init(_ finding: Finding, ruleIndex: Int, fingerprint: String) {
            ruleId = finding.rule.id
            self.ruleIndex = ruleIndex
            level = SARIFLog.level(finding.severity)
            let subject = finding.subject.map { "\($0): " } ?? ""
            message = Message(text: subject + finding.message)
            if let path = finding.path {
                // Every result with a file has a region: its line, else the file's first line.
                locations = [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: SARIFLog.uri(path)),
                                                                         region: Region(startLine: finding.line ?? 1)))]
            } else {
                // Code scanning refuses a result without a file: one about a commit or a ref is placed on
                // the policy that sets the rule, with the ref or commit as its logical location.
                locations = [Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: Policy.path), region: Region(startLine: 1)),
                                      logicalLocations: [LogicalLocation(name: finding.subject ?? finding.commit ?? "repository",
                                                                         kind: finding.ref != nil ? "ref" : finding.commit != nil ? "commit" : "repository")])]
            }
            partialFingerprints = ["countersign/v1": fingerprint]
            var properties: [String: String] = [:]
            if let ref = finding.ref { properties["ref"] = ref }
            if let commit = finding.commit { properties["commit"] = commit }
            self.properties = properties.isEmpty ? nil : properties
        }
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int }

    struct LogicalLocation: Encodable {
        var name: String
        var kind: String
    }

    static func level(_ severity: Rule.Severity) -> String {
        switch severity {
        case .violation: "error"
        case .warning: "warning"
        case .notice: "note"
        }
    }

    /// A repository path as the relative URI reference SARIF's `artifactLocation.uri` must be:
    /// spaces, `%`, `?`, `#` and other characters outside a URI path are percent-encoded.
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
