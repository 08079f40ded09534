/// GitLab's code-quality report (a JSON array of issues), shown in merge requests. GitLab needs a
/// file for every issue: a finding with none (a commit's signature, a ref) is placed on
/// `countersign.yaml`, the policy that sets the rule.
enum CodeQualityReport {
    struct Issue: Encodable {
        var description: String
        var checkName: String
        var fingerprint: String
        var severity: String
        var location: Location
        var categories = ["Security"]

        struct Location: Encodable {
            var path: String
            var lines: Lines
        }

        struct Lines: Encodable { var begin: Int }

        enum CodingKeys: String, CodingKey {
            case description, fingerprint, severity, location, categories
            case checkName = "check_name"
        }
    }

    static func issues(_ report: FindingsReport, fingerprints: [String]) -> [Issue] {
        zip(report.findings, fingerprints).map { finding, fingerprint in
            let subject = finding.refAndCommit
            return Issue(description: (subject.isEmpty ? "" : "\(subject): ") + finding.message + " (\(finding.rule.id))",
                         checkName: finding.rule.id, fingerprint: fingerprint, severity: severity(finding.severity),
                         location: .init(path: finding.path ?? Policy.path, lines: .init(begin: finding.line ?? 1)))
        }
    }

    /// A violation blocks the merge; notices and warnings inform.
    static func severity(_ severity: Rule.Severity) -> String {
        switch severity {
        case .violation: "blocker"
        case .warning: "minor"
        case .notice: "info"
        }
    }
}
