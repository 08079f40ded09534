/// `status`'s report: each review's state, each step's state, its gaps and who signs next.
public struct StatusView: Report {
    public var statuses: [ReviewStatus]
    public var policy: Policy?
    /// Lines before the reviews in the text form: the revision shown, how it relates to the remote.
    public var header: [String]

    public init(_ statuses: [ReviewStatus], policy: Policy?, header: [String]) {
        self.statuses = statuses
        self.policy = policy
        self.header = header
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }

    public func render(_ format: ReportFormat) throws -> String {
        if format == .json { return try JSONText.encode(["reviews": statuses]) }
        var lines = header
        for status in statuses { lines += Self.lines(status, policy: policy) }
        if statuses.isEmpty { lines.append("no reviews yet; start one with `countersign new <review>`") }
        return lines.joined(separator: "\n")
    }

    /// The text form of one review: one line per step, then gaps and who is next.
    static func lines(_ status: ReviewStatus, policy: Policy?) -> [String] {
        var lines: [String] = []
        lines.append("\n\(status.id): \(status.state.rawValue)")
        for reason in status.reasons + status.overdue { lines.append("  ! \(reason)") }
        for step in status.steps {
            let signers = step.signoffs.map { signOff in
                "\(signOff.member) r\(signOff.round)\(signOff.signedAt.map { " \($0.prefix(10))" } ?? "")"
                    + (signOff.anchor.map { " accepted at \($0.prefix(10))" } ?? "") + (signOff.landedBy.map { " by \($0)" } ?? "")
            }.joined(separator: ", ")
            let mark = switch step.state {
            case .signed: "✓"
            case .stale, .returned: "!"
            case .partial, .pending: "…"
            case .missing: "·"
            case .notApplicable: "-"
            }
            var line = "  \(mark) \(step.id.padding(toLength: 16, withPad: " ", startingAt: 0)) \(step.role.padding(toLength: 13, withPad: " ", startingAt: 0)) \(step.state.rawValue)"
            if !signers.isEmpty { line += "  \(signers)" }
            if let detail = step.detail { line += "  (\(detail))" }
            lines.append(line)
        }
        if !status.gaps.isEmpty {
            lines.append("  gaps:")
            for gap in status.gaps { lines.append("    \(gap.step): \(gap)") }
        }
        for next in status.next {
            let who = policy?.describe(role: next.role, members: next.members) ?? "\(next.role) (\(next.members.joined(separator: ", ")))"
            lines.append("  next: \(who) signs \(next.step)")
        }
        return lines
    }
}
