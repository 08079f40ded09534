/// JUnit XML, which GitLab and most CI systems show as a test report: one failing test case per
/// violation, one passing case when there is none.
struct JUnitReport {
    let report: FindingsReport

    init(_ report: FindingsReport) {
        self.report = report
    }

    var xml: String {
        let violations = report.violations
        let tests = max(violations.count, 1)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<testsuites name=\"countersign\" tests=\"\(tests)\" failures=\"\(violations.count)\">",
                     "  <testsuite name=\"\(XMLText.escape(report.title))\" tests=\"\(tests)\" failures=\"\(violations.count)\">"]
        if violations.isEmpty {
            lines.append("    <testcase classname=\"countersign\" name=\"\(XMLText.escape(report.summary))\"/>")
        }
        for violation in violations {
            let name = [violation.rule.id, violation.location ?? violation.subject ?? ""].joined(separator: " ")
            lines.append("    <testcase classname=\"\(XMLText.escape(violation.rule.id))\" name=\"\(XMLText.escape(name))\">")
            lines.append("      <failure type=\"\(XMLText.escape(violation.rule.id))\" message=\"\(XMLText.escape(violation.message))\">"
                         + "\(XMLText.escape(violation.description + "\nfix: " + violation.fix))</failure>")
            lines.append("    </testcase>")
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n")
    }
}

/// Escaping for XML and HTML text and attribute values; characters XML 1.0 cannot hold at all
/// (control characters other than tab, LF and CR) become U+FFFD.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
