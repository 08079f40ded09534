/// The governance record as Markdown, for a pull-request comment or a wiki page. Every value
/// from a review file or a tag is escaped, so it reads as text and never as Markdown or HTML.
struct RecordMarkdown {
    let record: GovernanceRecord

    init(_ record: GovernanceRecord) {
        self.record = record
    }

    private func e(_ text: String?) -> String { MarkdownSummary.escape(text ?? "—") }
    private func code(_ text: String?) -> String { text.map { "`\(MarkdownSummary.code($0))`" } ?? "—" }
    private func place(_ path: String?, _ line: Int?) -> String {
        guard let path else { return "" }
        return code(line.map { "\(path):\($0)" } ?? path)
    }

    var text: String {
        var lines: [String] = []
        let review = record.review
        lines += ["# Governance record of \(e(review.id))\(review.title.map { ": \(e($0))" } ?? "")", ""]
        lines += ["**\(record.verdict.holds ? "✅ holds" : "❌ does not hold")**: \(e(record.verdict.summary))", ""]
        lines += record.verdict.problems.map { "- \(e($0))" } + (record.verdict.problems.isEmpty ? [] : [""])
        if !record.violations.isEmpty {
            lines += ["## ❌ Violations in the history", "", "| rule | where | finding |", "|---|---|---|"]
            lines += record.violations.map { "| `\($0.rule.id)` | \([$0.subject.map(code), $0.location.map(code)].compactMap { $0 }.joined(separator: " ")) | \(e($0.message)) |" }
            lines.append("")
        }
        lines += ["## Review and context", "",
                  "| | |", "|---|---|",
                  "| state | \(record.state.rawValue) |", "| user population | \(e(review.userPopulation)) |",
                  "| operational consequence | \(e(review.operationalConsequence)) |", "| data classification | \(e(review.dataClassification)) |",
                  "| personal data | \(review.personalData.map(String.init) ?? "—") |"]
        lines += review.assignments.sorted { $0.key < $1.key }.map { "| \(e($0.key)) | \(e($0.value.joined(separator: ", "))) |" }
        if let description = review.description {
            lines += ["", "System description:", ""] + description.split(separator: "\n", omittingEmptySubsequences: false).map { "> \(e(String($0)))" }
        }
        let p = record.provenance
        lines += ["", "## Provenance", "",
                  "Made from \(e(p.scope)) (\(p.commits) commits), as of \(p.asOf); root commit \(code(p.root)), root policy blob \(code(p.rootPolicy)), policy blob \(code(p.policy)).", "",
                  "Re-derive the ledger with `\(MarkdownSummary.code(p.verifyCommand))` and this record with `\(MarkdownSummary.code(p.auditCommand)) --format markdown`.", ""]
        lines += ["## Hand-offs", "", "| step | role | requires | state | signed by |", "|---|---|---|---|---|"]
        for step in record.steps {
            let signers = step.signoffs.map { "\(e($0.member)) \($0.signedAt.map { String($0.prefix(10)) } ?? "")" }.joined(separator: ", ")
            lines.append("| \(e(step.step))\(step.when.map { " (if \(e($0)))" } ?? "") | \(e(step.role)) | \(e(step.requires.joined(separator: ", "))) | \(step.state.rawValue)\(step.detail.map { ": \(e($0))" } ?? "") | \(signers) |")
        }
        lines += signOffLog() + clearances() + checklist() + registers()
        return lines.joined(separator: "\n") + "\n"
    }

    private func signOffLog() -> [String] {
        var lines = ["", "## Sign-off log", ""]
        guard !record.signoffs.isEmpty else { return lines + ["No sign-offs yet."] }
        lines += ["Tagger dates are the signer's claim; the acceptance point is the protected commit that holds the anchor.", "",
                  "| tag | verdict | member (role) | key | tagger date (claim) | target | accepted at | landed by | requires | decision | message |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for entry in record.signoffs {
            let verdict = entry.superseded ? "\(entry.verdict), superseded" : entry.verdict
            let rules = entry.violations.map { " `\($0.rule.id)`" }.joined()
            let accepted = entry.anchor.map { "\(code(String($0.prefix(10)))) \(entry.acceptedAt ?? "")" } ?? "—"
            lines.append("| \(code(entry.tag))\(entry.object.map { "<br>object \(code($0))" } ?? "") | \(verdict)\(rules) | \(e(entry.member)) (\(e(entry.role))) | \(code(entry.key)) | \(entry.signedAt ?? "—") | \(code(entry.target.map { String($0.prefix(10)) })) | \(accepted) | \(e(entry.landedBy)) | \(entry.requires.map { code($0.tag) }.joined(separator: " ")) | \(e(entry.decision)) | \(e(entry.message)) |")
        }
        return lines
    }

    private func clearances() -> [String] {
        var lines = ["", "## Clearance rounds", ""]
        guard !record.clearances.isEmpty else { return lines + ["No clearance yet."] }
        for round in record.clearances {
            lines += ["### Round \(round.round): \(e(round.decision)) — \(record.standing(of: round))", ""]
            lines.append("Signed by \(round.signoffs.map(code).joined(separator: ", ")) at \(code(round.target.map { String($0.prefix(10)) })), accepted \(round.acceptedAt ?? "—"); relies on \(round.relies.isEmpty ? "—" : round.relies.map(code).joined(separator: ", ")).")
            lines += ["", "Rationale: \(e(round.rationale))"]
            if !round.conditions.isEmpty { lines += ["", "Conditions:"] + round.conditions.map { "- \(e($0))" } }
            if !round.returned.isEmpty {
                lines += ["", "Returned:"]
                lines += round.returned.map { "- \(e($0.step)): \(e($0.item)) (\(place($0.path, $0.line))) — answered by \($0.answeredBy.isEmpty ? "nothing yet" : $0.answeredBy.map(code).joined(separator: ", "))" }
            }
            lines.append("")
        }
        return lines
    }

    private func checklist() -> [String] {
        var lines = ["## Sign-off authority's checklist", ""]
        for item in record.checklist {
            lines.append("- \(item.holds ? "✅" : "❌") **\(e(item.title))** — \(item.holds ? "holds" : "does not hold")")
            lines += item.evidence.map { "  - evidence: \(e($0.text)) \(place($0.path, $0.line))\($0.signoff.map { " \(code($0))" } ?? "")" }
            lines += item.gaps.map { "  - gap `\($0.code.id)` \(place($0.path, $0.line)): \(e($0.message))" }
            lines += item.open.map { "  - open: \(e($0))" }
        }
        return lines
    }

    private func registers() -> [String] {
        var lines = ["", "## Risk acceptances", ""]
        lines += record.acceptances.isEmpty ? ["None recorded."] : record.acceptances.map {
            "- \(e($0.threat)) accepted by \(e($0.acceptedBy)) on condition \(e($0.condition)); expires \($0.expires ?? "never")\($0.expired ? " — **expired**" : "") (\(place($0.path, $0.line)))"
        }
        lines += ["", "## Triggers", ""]
        lines += record.triggers.isEmpty ? ["None registered."] : record.triggers.map {
            "- \(e($0.id)): \(e($0.description)) — \($0.fired ? "**fired**: \(e($0.why))" : "not fired") (\(place($0.path, $0.line)))"
        }
        lines += ["", "## Controls", "", "| control | mitigates | owner | status | due | conditions |", "|---|---|---|---|---|---|"]
        lines += record.controls.map {
            "| \(e($0.id))\($0.title.map { ": \(e($0))" } ?? "") | \(e($0.mitigates.joined(separator: ", "))) | \(e($0.owner)) | \(e($0.status)) | \($0.due ?? "—")\($0.overdue ? " **overdue**" : "") | \(e($0.conditions.joined(separator: "; "))) |"
        }
        lines += ["", "## Policy changes while the review ran", ""]
        lines += record.policyChanges.isEmpty ? ["None."] : record.policyChanges.map {
            "- \(code(String($0.commit.prefix(10)))) by \(e($0.author)) at \($0.date): \(e($0.changes.joined(separator: "; ")))"
        }
        lines += ["", "## Open gap items", ""]
        lines += record.gaps.isEmpty ? ["None."] : record.gaps.map { "- `\($0.code.id)` \(place($0.path, $0.line)): \(e($0.message))" }
        return lines
    }

    /// The index of `audit --all`.
    static func index(_ records: [GovernanceRecord], links: [String]) -> String {
        var lines = ["# Governance records", "", "| review | title | state | verdict | last clearance | open |", "|---|---|---|---|---|---|"]
        for (record, link) in zip(records, links) {
            let row = IndexRow(record, file: link)
            let last = row.lastDecision.map { "\(MarkdownSummary.escape($0)) \(row.lastClearedAt ?? "")" } ?? "—"
            lines.append("| [\(MarkdownSummary.escape(row.id))](\(link)) | \(MarkdownSummary.escape(row.title ?? "")) | \(row.state.rawValue) | \(row.holds ? "holds" : "does not hold") | \(last) | \(row.open) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
