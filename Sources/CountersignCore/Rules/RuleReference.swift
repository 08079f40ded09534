/// Where each rule is explained: the reference's section for it, linked from SARIF `helpUri`s, the
/// Markdown summary and the code-quality report.
public enum RuleReference {
    /// The project's home; a fork that publishes its own documentation changes this one value.
    public static let home = "https://github.com/countersign/countersign"
    public static let document = "\(home)/blob/main/docs/reference.md"

    public static func url(_ rule: Rule) -> String { "\(document)#\(anchor(rule))" }

    /// The anchor GitHub gives the rule's heading: the id lowercased, without its dots (`#### a.b-c` → `ab-c`).
    public static func anchor(_ rule: Rule) -> String {
        String(rule.id.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}

extension RuleReference {
    /// The groups the reference lists rules in, in order, each with its heading.
    static let groups: [(heading: String, rules: [Rule])] = [
        ("Commits and files (pre-commit, pre-receive, `check`, `verify`)", Rule.allCases.filter { !$0.isGapCode && ["commit", "policy", "schema"].contains($0.family) }),
        ("Refs (pre-receive)", Rule.allCases.filter { $0.family == "ref" }),
        ("Sign-offs", Rule.allCases.filter { $0.family == "signoff" }),
        ("What a merge would do (`check`)", Rule.allCases.filter { $0.family == "merge" }),
    ] + ["description", "assessment", "risk-acceptance", "data-protection", "clearance"].map { step in
        ("Gap items of the \(step) step", Rule.gapCodes(of: step))
    }

    /// The rules part of docs/reference.md, generated from the catalogue (`make docs` writes it
    /// between the markers; a test fails when the file is out of date).
    public static var markdown: String {
        var lines = ["Every rule and gap code countersign reports. A **violation** fails the command (exit 1)",
                     "and rejects a push; a **notice** or **warning** informs and fails nothing. A rule marked",
                     "*tag* judges the sign-off's tag object alone, so `verify` reports it even before the",
                     "tag's anchor lands.", ""]
        for group in groups {
            lines += ["### \(group.heading)", "", "| rule | severity | about | it fails when |", "|---|---|---|---|"]
            for rule in group.rules {
                lines.append("| [`\(rule.id)`](#\(anchor(rule))) | \(rule.severity.rawValue) | \(rule.subject.rawValue)\(rule.failsUnanchoredTag ? " (*tag*)" : "") | \(rule.summary) |")
            }
            lines.append("")
            for rule in group.rules {
                lines += ["#### \(rule.id)", "", "\(capitalized(rule.summary)).", "", "**Fix:** \(rule.fix)."]
                if let step = rule.step { lines += ["", "A gap item of the `\(step)` step: its sign-off is refused (`\(Rule.signoffIncomplete)`) while it holds."] }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

extension Rule {
    /// The part of the id before the dot: `signoff` for the sign-off rules.
    public var family: String { String(id.prefix { $0 != "." }) }
}

extension Rule {
    /// The rule of an id a person typed; an unknown id is unusable input, with the nearest id.
    public static func named(_ id: String) throws -> Rule {
        if let rule = Rule(rawValue: id) { return rule }
        let hint = NameHint.suggestion(for: id, among: allCases.map(\.id)).map { "did you mean \($0)? " } ?? ""
        throw InputError("there is no rule \(id); \(hint)`countersign rules` lists them all")
    }
}
