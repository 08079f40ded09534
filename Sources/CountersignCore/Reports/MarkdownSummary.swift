/// Markdown for a job summary or a pull-request comment: the verdict, a table of rules with
/// their counts, then the findings. Kept under GitHub's 1 MiB job-summary limit: when the
/// findings would not fit, the ones that do are listed and the rest counted.
struct MarkdownSummary {
    /// GitHub refuses a job summary over 1 MiB; this leaves room for what other steps add.
    static let limit = 1_000_000
    let report: FindingsReport

    init(_ report: FindingsReport) {
        self.report = report
    }

    var text: String {
        let mark = report.ok ? "✅" : "❌"
        var lines = ["### \(mark) \(Self.escape(report.title))", "", Self.escape(report.summary), ""]
        let byRule = Dictionary(grouping: report.findings, by: \.rule)
        if !byRule.isEmpty {
            lines += ["| rule | severity | findings | what it means |", "|---|---|---:|---|"]
            for rule in byRule.keys.sorted() {
                lines.append("| [`\(rule.id)`](\(RuleReference.url(rule))) | \(rule.severity.rawValue) | \(byRule[rule]?.count ?? 0) | \(Self.escape(rule.summary)) |")
            }
            lines += ["", "| | rule | where | finding |", "|---|---|---|---|"]
        }
        var size = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        for (index, finding) in report.findings.enumerated() {
            let row = Self.row(finding)
            if size + row.utf8.count + 200 > Self.limit {
                lines += ["", "… and \(report.findings.count - index) more findings, not shown here to stay within the job summary's size; run `countersign check` locally or read the SARIF report for all of them"]
                break
            }
            lines.append(row)
            size += row.utf8.count + 1
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ finding: Finding) -> String {
        let mark = switch finding.severity {
        case .violation: "❌"
        case .warning: "⚠️"
        case .notice: "ℹ️"
        }
        let place = [finding.subject.map { "`\(code($0))`" }, finding.location.map { "`\(code($0))`" },
                     finding.commit.map { "`\($0.prefix(10))`" }].compactMap { $0 }.joined(separator: " ")
        return "| \(mark) | `\(finding.rule.id)` | \(place) | \(escape(finding.message)) |"
    }

    /// Text in a table cell, read as text: Markdown and HTML characters escaped, no line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!": out += "\\\(character)"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            case _ where character.unicodeScalars.contains { $0.properties.generalCategory == .control }: out += "\u{FFFD}"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside a code span: no backticks or line breaks, pipes escaped for the table.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : String($0) }.joined()
    }
}
