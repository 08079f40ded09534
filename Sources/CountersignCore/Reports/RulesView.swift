/// `rules`' report: the catalogue, as a list to read, as JSON for tools, or as the reference's
/// Markdown (what `make docs` writes into docs/reference.md).
public struct RulesView: Report {
    public var rules: [Rule]

    public init(_ rules: [Rule] = Rule.allCases) {
        self.rules = rules
    }

    public var formats: [ReportFormat] { [.text, .json, .markdown] }

    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .json: return try JSONText.encode(rules.map(Entry.init))
        case .markdown: return RuleReference.markdown
        default:
            let width = rules.map(\.id.count).max() ?? 0
            return rules.map { "\($0.id.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \($0.summary)" }
                .joined(separator: "\n")
        }
    }

    struct Entry: Encodable {
        var id: String
        var severity: String
        var subject: String
        @NullWhenAbsent var step: String?
        var failsUnanchoredTag: Bool
        var summary: String
        var fix: String
        var helpURI: String

        init(_ rule: Rule) {
            id = rule.id
            severity = rule.severity.rawValue
            subject = rule.subject.rawValue
            step = rule.step
            failsUnanchoredTag = rule.failsUnanchoredTag
            summary = rule.summary
            fix = rule.fix
            helpURI = RuleReference.url(rule)
        }

        enum CodingKeys: String, CodingKey {
            case id, severity, subject, step, summary, fix
            case failsUnanchoredTag = "fails_unanchored_tag", helpURI = "help_uri"
        }
    }
}
