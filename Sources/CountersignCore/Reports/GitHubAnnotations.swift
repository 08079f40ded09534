/// GitHub workflow commands: one annotation per finding (`::error file=…,line=…,title=…::…`),
/// shown on the pull request's changed files, then the verdict.
struct GitHubAnnotations {
    let report: FindingsReport

    init(_ report: FindingsReport) {
        self.report = report
    }

    var text: String {
        (report.findings.map(Self.annotation) + ["countersign: \(report.summary)"]).joined(separator: "\n")
    }

    /// A finding with a file gets `file=` and `line=` (its first line when it names none), so
    /// GitHub places it on that line; the title names the rule, the message says the rest.
    static func annotation(_ finding: Finding) -> String {
        let command = switch finding.severity {
        case .violation: "error"
        case .warning: "warning"
        case .notice: "notice"
        }
        var properties: [String] = []
        if let path = finding.path {
            properties.append("file=\(escapeProperty(path))")
            properties.append("line=\(finding.line ?? 1)")
        }
        properties.append("title=\(escapeProperty("countersign \(finding.rule.id)"))")
        let subject = finding.refAndCommit
        let message = subject.isEmpty ? finding.message : "\(subject): \(finding.message)"
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// GitHub's escaping of a command's data: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A property's value also escapes `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
