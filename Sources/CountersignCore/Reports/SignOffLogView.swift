import Foundation

/// `log`'s report: every sign-off in acceptance order (unanchored tags last), with its verdict.
public struct SignOffLogView: Report {
    public var entries: [LogEntry]
    public var heading: String

    public init(_ signOffs: [SignOff], heading: String) {
        entries = signOffs.map(LogEntry.init)
        self.heading = heading
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }

    public func render(_ format: ReportFormat) throws -> String {
        if format == .json { return try JSONText.encode(["signoffs": entries]) }
        return ([heading] + entries.map(\.text) + (entries.isEmpty ? ["no sign-offs yet"] : [])).joined(separator: "\n")
    }
}

/// One line of the log.
public struct LogEntry: Encodable, Sendable {
    var tag: String
    var review: String
    var step: String
    var round: Int
    var member: String
    @NullWhenAbsent var role: String?
    @NullWhenAbsent var key: String?
    var verdict: String
    @NullWhenAbsent var signedAt: String?
    @NullWhenAbsent var target: String?
    @NullWhenAbsent var anchor: String?
    @NullWhenAbsent var landedBy: String?
    var violations: [Finding]

    enum CodingKeys: String, CodingKey {
        case tag, review, step, round, member, role, key, verdict, target, anchor, violations
        case landedBy = "landed_by"
        case signedAt = "signed_at"
    }

    public init(_ signOff: SignOff) {
        let summary = SignOffSummary(signOff)
        tag = summary.tag
        review = signOff.name.review
        step = signOff.name.step
        round = signOff.name.round
        member = signOff.name.member
        role = signOff.role
        key = summary.key
        verdict = !signOff.isAnchored ? "unanchored" : signOff.isValid ? "valid" : "rejected"
        signedAt = summary.signedAt
        target = summary.target
        anchor = summary.anchor
        landedBy = summary.landedBy
        violations = signOff.violations
    }

    var text: String {
        let rules = violations.map(\.rule.id).joined(separator: ", ")
        let verdictText = verdict == "rejected" ? "REJECTED (\(rules))" : verdict
        var line = "\(signedAt ?? "????-??-??T??:??:??Z")  \(review)  \(step) r\(round)  \(member) (\(role ?? "?"))  \(verdictText)"
        line += "\n    key \(key ?? "-")  target \(target?.prefix(10) ?? "-")  accepted at \(anchor?.prefix(10) ?? "-")"
        if let landedBy { line += " (landed by \(landedBy))" }
        for violation in violations { line += "\n    \(violation.description)" }
        return line
    }
}
