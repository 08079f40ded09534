import Foundation
import GitKit

/// What `verify`, `check` and the hooks found, in every format a CI system reads: violations
/// first, then notices and warnings, with the one-line verdict.
public struct FindingsReport: Report, Sendable {
    /// Every finding, violations first.
    public var findings: [Finding]
    /// The verdict: what was judged and whether it holds, e.g. "checked merging …: ok".
    public var summary: String
    /// Lines of the text form between the findings and the summary (what was trusted, and how).
    public var details: [String]
    /// Which command judged, for titles: "countersign check".
    public var title: String
    public var formats: [ReportFormat]

    public init(findings: [Finding], summary: String, details: [String] = [], title: String, formats: [ReportFormat] = ReportFormat.findings) {
        self.findings = findings.violations + findings.notices
        self.summary = summary
        self.details = details
        self.title = title
        self.formats = formats
    }

    public var violations: [Finding] { findings.violations }
    public var notices: [Finding] { findings.notices }
    public var ok: Bool { violations.isEmpty }
    public var exitStatus: Int32 { findings.exitStatus }

    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .text: (findings.map(\.description) + details + [summary]).joined(separator: "\n")
        case .json: try JSONText.encode(JSONFindings(ok: ok, violations: violations))
        case .github: GitHubAnnotations(self).text
        case .sarif: try JSONText.encode(SARIFLog(self, fingerprints: fingerprints()))
        case .junit: JUnitReport(self).xml
        case .markdown: MarkdownSummary(self).text
        case .codequality: try JSONText.encode(CodeQualityReport.issues(self, fingerprints: fingerprints()))
        case .html, .oscal: throw InputError("findings cannot be written as \(format.rawValue); use \(ReportFormat.findings.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// `{"ok": …, "violations": […]}`.
    struct JSONFindings: Encodable {
        var ok: Bool
        var violations: [Finding]
    }

    /// A stable identity of each finding across runs: its rule, its file and its subject (never a
    /// commit id), and which occurrence of that key it is, so the same problem keeps its identity
    /// in code scanning and merge requests, and two in one file stay two.
    func fingerprints() throws -> [String] {
        var seen: [String: Int] = [:]
        return try findings.map { finding in
            let key = [finding.rule.id, finding.path ?? "", finding.subject ?? ""].joined(separator: "\n")
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return try ObjectID.hash(Data("\(key)\n\(occurrence)".utf8), as: .blob).hex
        }
    }

    /// "1 violation", "3 violations".
    public static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
