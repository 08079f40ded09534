/// The governance record as one self-contained HTML5 file for an auditor: inline style only, no
/// script and no URL, readable on screen and printed on A4. Every value from the record goes
/// through `XMLText.escape`, so none is ever read as HTML.
struct RecordHTML {
    let record: GovernanceRecord

    init(_ record: GovernanceRecord) {
        self.record = record
    }

    var text: String {
        let review = record.review
        let name = review.title.map { "\(review.id): \($0)" } ?? review.id
        var body = ["<header><p class=\"kind\">Governance record</p><h1>\(e(name))</h1>",
                    "<p class=\"muted\">\(e(record.provenance.scope)) · as of \(e(record.provenance.asOf)) · \(e(record.schema))</p></header>"]
        body.append(banner())
        if !record.violations.isEmpty { body.append(violations()) }
        body += [context(), provenance(), handOffs(), signOffLog(), clearances(), checklist(),
                 acceptances(), triggers(), controls(), policyChanges(), gaps()]
        return Self.document(title: "\(name) — governance record", body: body)
    }

    /// The index of `audit --all`: one row per review, its link relative to the index.
    static func index(_ records: [GovernanceRecord], links: [String]) -> String {
        var body = ["<header><p class=\"kind\">countersign audit</p><h1>Governance records</h1>"]
        if let first = records.first {
            body.append("<p class=\"muted\">\(XMLText.escape(first.provenance.scope)) · as of \(XMLText.escape(first.provenance.asOf))</p>")
        }
        body.append("</header>")
        let rows = zip(records, links).map { record, link in
            let row = IndexRow(record, file: link)
            let last = row.lastDecision.map { "\(XMLText.escape($0)) \(XMLText.escape(row.lastClearedAt ?? ""))" } ?? "no clearance yet"
            let verdict = row.holds ? "<span class=\"ok\">✓ holds</span>" : "<span class=\"bad\">✗ does not hold</span>"
            return "<tr><td><a href=\"\(XMLText.escape(link))\"><code>\(XMLText.escape(row.id))</code></a></td><td>\(XMLText.escape(row.title ?? "—"))</td>"
                + "<td>\(row.state.rawValue)</td><td>\(verdict)</td><td>\(last)</td><td>\(XMLText.escape(row.open))</td></tr>"
        }
        body.append("<section id=\"reviews\"><h2>Reviews</h2>"
                    + table(["review", "title", "state", "verdict", "last clearance", "open"], rows, empty: "no reviews at this revision")
                    + "</section>")
        return document(title: "Governance records", body: body)
    }

    // MARK: - document

    /// One HTML5 document around `body`.
    static func document(title: String, body: [String]) -> String {
        (["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
          "<title>\(XMLText.escape(title))</title>", "<style>", style, "</style>", "</head>", "<body>"]
         + body + ["</body>", "</html>"]).joined(separator: "\n") + "\n"
    }

    /// Screen and A4 print. Only the sign-off log's and the clearance rounds' headings start a
    /// page, so a small review prints as: page 1 summary, picture and violations; page 2 the
    /// sign-off log; page 3 the rest. A test prints the sample record and counts those pages.
    static let style = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b;
      background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; font-size: 15px;
      -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
    code { overflow-wrap: anywhere; }
    p { margin: .3em 0; }
    header h1 { margin: 0 0 .2em; font-size: 1.6em; }
    .kind { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .75em; color: #555; }
    h2 { font-size: 1.25em; margin: 1.5em 0 .4em; padding-bottom: .15em; border-bottom: 1px solid #ccc; }
    h3 { font-size: 1em; margin: 0 0 .3em; }
    .muted, .empty { color: #666; }
    .empty { font-style: italic; }
    .ok { color: #1b5e20; font-weight: 600; }
    .bad, .flag { color: #b71c1c; font-weight: 600; }
    table { border-collapse: collapse; width: 100%; font-size: .88em; margin: .3em 0; }
    th, td { border: 1px solid #d5d5d5; padding: .25em .4em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
    th { background: #f2f2f2; font-weight: 600; }
    tr, .card { break-inside: avoid; page-break-inside: avoid; }
    ul { margin: .15em 0; padding-left: 1.3em; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .05em .8em; margin: .3em 0; font-size: .9em; }
    dl.facts.two { grid-template-columns: max-content 1fr max-content 1fr; }
    dl.facts dt { color: #555; }
    dl.facts dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
    dl.facts dd ul { padding-left: 1.1em; }
    pre.text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #e0e0e0; padding: .4em .6em;
      margin: .3em 0; font-size: .82em; }
    .prose { white-space: pre-wrap; overflow-wrap: break-word; }
    .banner { border: 2px solid; border-radius: .4em; padding: .5em 1em; margin: 1em 0; }
    .banner h2 { border: 0; margin: 0 0 .2em; font-size: 1.3em; }
    .banner.holds { background: #e8f5e9; border-color: #2e7d32; }
    .banner.amber { background: #fff3e0; border-color: #ef6c00; }
    .banner.red { background: #ffebee; border-color: #c62828; }
    #violations h2 { color: #b71c1c; }
    #violations table { border: 2px solid #c62828; }
    .card { border: 1px solid #d5d5d5; border-radius: .35em; padding: .4em .7em; margin: .4em 0; }
    table.checklist td:first-child { width: 38%; }
    table.checklist td ul { padding-left: 1em; }
    tr.open td:first-child { border-left: 4px solid #c62828; }
    tr.holding td:first-child { border-left: 4px solid #2e7d32; }
    .card.superseded, tbody.superseded { color: #6f6f6f; background: #f7f7f7; }
    tbody.rejected td { background: #fff5f5; }
    table.log { table-layout: fixed; }
    td.message { border-top: 0; }
    svg.handoffs { max-width: 100%; height: auto; display: block; margin: .4em 0; }
    .new-page { break-before: page; page-break-before: always; }
    a { color: #0b4f9c; }
    @page { size: A4; margin: 15mm }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 8.5pt; line-height: 1.25; }
      header h1 { font-size: 14pt; }
      h2 { font-size: 11pt; margin: 6pt 0 2pt; break-after: avoid; page-break-after: avoid; }
      h3 { break-after: avoid; }
      .banner { margin: 5pt 0; padding: 4pt 8pt; }
      .banner h2 { font-size: 11.5pt; }
      table, dl.facts, pre.text, .card { font-size: 7pt; }
      table { margin: 2pt 0; }
      th, td { padding: 1.5pt 3pt; }
      .card { padding: 2pt 6pt; margin: 2pt 0; }
      a { color: inherit; text-decoration: none; }
    }
    """

    // MARK: - text

    /// A value as text, or a dash when absent.
    func e(_ text: String?) -> String { XMLText.escape(text ?? "—") }

    /// A value in `<code>`, or a dash when absent.
    func code(_ text: String?) -> String { text.map { "<code>\(XMLText.escape($0))</code>" } ?? "—" }

    /// A commit or object id cut to 10 digits, the whole id in its title.
    func short(_ hex: String?) -> String {
        hex.map { "<code title=\"\(XMLText.escape($0))\">\(XMLText.escape(String($0.prefix(10))))</code>" } ?? "—"
    }

    /// The review's folder, which the paths of its files are shown relative to.
    var folder: String { "\(Review.root)/\(record.review.id)/" }

    /// `path:line` in `<code>`, or nothing without a path. A path in the review's folder reads
    /// `./security/threats.yaml:3`, to keep tables narrow; the full path is in its title.
    func place(_ path: String?, _ line: Int?) -> String {
        guard let path else { return "" }
        let full = line.map { "\(path):\($0)" } ?? path
        guard full.hasPrefix(folder) else { return code(full) }
        return "<code title=\"\(XMLText.escape(full))\">./\(XMLText.escape(String(full.dropFirst(folder.count))))</code>"
    }

    /// A list of HTML items, or a sentence saying there are none.
    func list(_ items: [String], empty: String, class name: String? = nil) -> String {
        guard !items.isEmpty else { return "<p class=\"empty\">\(XMLText.escape(empty))</p>" }
        return "<ul\(name.map { " class=\"\($0)\"" } ?? "")>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    /// A table of rows (`<tr>` HTML) under constant headers, or a sentence saying there are no rows.
    static func table(_ headers: [String], _ rows: [String], empty: String, class name: String? = nil) -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(XMLText.escape(empty))</p>" }
        return "<table\(name.map { " class=\"\($0)\"" } ?? "")><thead><tr>" + headers.map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>\n"
            + rows.joined(separator: "\n") + "\n</tbody></table>"
    }

    /// A section under a constant heading; `newPage` starts a printed page at the heading.
    func section(_ id: String, _ heading: String, newPage: Bool = false, _ body: [String]) -> String {
        (["<section id=\"\(id)\">", "<h2\(newPage ? " class=\"new-page\"" : "")>\(heading)</h2>"] + body + ["</section>"])
            .joined(separator: "\n")
    }

    // MARK: - verdict and violations

    private func banner() -> String {
        let verdict = record.verdict
        let severe = !record.hasSignOffs || !record.violations.isEmpty
            || [.returned, .rejected, .reassessmentRequired].contains(record.state)
        let tone = verdict.holds ? "holds" : severe ? "red" : "amber"
        var body = ["<section id=\"verdict\" class=\"banner \(tone)\">",
                    "<h2>\(verdict.holds ? "✓ The record holds" : "✗ The record does not hold")</h2>",
                    "<p class=\"summary\">\(e(verdict.summary))</p>",
                    "<p>state: <strong>\(record.state.rawValue)</strong></p>"]
        if !record.hasSignOffs {
            body.append("<p class=\"bad\">the review has no sign-offs: no step of it is attested by anyone.</p>")
        }
        if !verdict.problems.isEmpty {
            body.append(list(verdict.problems.map { e($0) }, empty: "", class: "problems"))
        }
        body.append("</section>")
        return body.joined(separator: "\n")
    }

    private func violations() -> String {
        let rows = record.violations.map { finding in
            let place = [finding.subject.map(code), finding.path.map { self.place($0, finding.line) }, finding.commit.map(short)].compactMap { $0 }
            return "<tr><td><code>\(e(finding.rule.id))</code></td><td>\(place.isEmpty ? "—" : place.joined(separator: "<br>"))</td><td>\(e(finding.message))</td></tr>"
        }
        return section("violations", "Violations", [
            "<p>the history breaks these rules; each makes the record fail whatever else holds.</p>",
            Self.table(["rule", "where", "finding"], rows, empty: "no violations"),
        ])
    }
}
