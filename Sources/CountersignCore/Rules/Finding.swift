/// One thing a judge found: a broken rule, a gap item, a notice or a warning, with where it is.
/// Every report (text, JSON, SARIF, annotations) is a view of findings.
public struct Finding: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rule: Rule
    /// The ref or sign-off (`signoff/<review>/<step>/<round>/<member>`) it is about.
    @NullWhenAbsent public var ref: String?
    @NullWhenAbsent public var commit: String?
    @NullWhenAbsent public var path: String?
    @NullWhenAbsent public var line: Int?
    /// What was wrong and, where the case needs it, what to do; no prefix of subject or rule.
    public var message: String

    public init(rule: Rule, ref: String? = nil, commit: String? = nil, path: String? = nil, line: Int? = nil, message: String) {
        self.rule = rule
        self.ref = ref
        self.commit = commit
        self.path = path
        self.line = line
        self.message = message
    }

    public var severity: Rule.Severity { rule.severity }
    /// How to put it right in general (the rule's fix).
    public var fix: String { rule.fix }

    /// The ref as a person names it: `main` for `refs/heads/main`, the sign-off for its tag ref.
    public var subject: String? {
        guard let ref else { return nil }
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }

    /// The ref and the short commit it is about ("main 1a2b3c4d5e"), for forms that place the
    /// file apart; empty when it has neither.
    public var refAndCommit: String {
        [subject, commit.map { String($0.prefix(10)) }].compactMap { $0 }.joined(separator: " ")
    }

    /// `path:line`, `path`, or nil.
    public var location: String? {
        guard let path else { return nil }
        return line.map { "\(path):\($0)" } ?? path
    }

    /// What a person reads. A violation about a ref reads as
    /// `signoff/x/clearance/1/frank: rejected (<rule>): …`; one about a file reads
    /// `path:line: message (rule)`, the form editors jump to; notices and warnings say what they are.
    public var description: String {
        switch severity {
        case .violation:
            if let subject { return "\(subject): rejected (\(rule)): \(message)" }
            return location.map { "\($0): \(message) (\(rule))" } ?? "\(message) (\(rule))"
        case .notice, .warning:
            let about = subject ?? location
            return "\(severity) (\(rule)): " + (about.map { "\($0): \(message)" } ?? message)
        }
    }

    enum CodingKeys: String, CodingKey {
        case rule, ref, commit, path, line, message
    }
}

extension Sequence where Element == Finding {
    /// The findings that fail: every one of a violation's severity.
    public var violations: [Finding] { filter { $0.severity == .violation } }
    /// The findings that fail nothing: notices and warnings.
    public var notices: [Finding] { filter { $0.severity != .violation } }

    /// The exit status findings call for: 1 when any rule among them fails, else 0.
    public var exitStatus: Int32 {
        (contains { $0.rule.exitClass == .fails } ? Rule.ExitClass.fails : Rule.ExitClass.passes).rawValue
    }
}
