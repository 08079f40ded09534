@testable import CountersignCore
import Foundation
import Testing
import TestSupport

/// The HTML governance record and index: one self-contained file with no script and no URL,
/// every value escaped, every sign-off, condition, returned item and checklist item shown, and the
/// hand-off picture drawn one node per step.
@Suite("audit: the HTML record")
struct RecordHTMLTests {
    static let sample = SampleRecord.returnedThenCleared()
    static let html = RecordHTML(sample).text

    /// How often `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The text between the first `start` and the next `end` after it.
    static func slice(_ text: String, from start: String, to end: String) -> String? {
        guard let lower = text.range(of: start), let upper = text.range(of: end, range: lower.upperBound..<text.endIndex) else { return nil }
        return String(text[lower.lowerBound..<upper.upperBound])
    }

    @Test("one HTML5 document: charset, title, inline style with A4 print rules, no script and no URL of any kind")
    func selfContained() throws {
        let html = Self.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>support-assistant: Customer support assistant — governance record</title>"))
        #expect(Self.count("<style>", in: html) == 1 && html.contains("@media print") && html.contains("@page { size: A4; margin: 15mm }"))
        #expect(html.contains("tr, .card { break-inside: avoid;"))
        let lower = html.lowercased()
        for forbidden in ["<script", "http://", "https://", "src=", "href=", "<link", "@import", "<img", "<iframe", "<object"] {
            #expect(!lower.contains(forbidden), "the record contains \(forbidden)")
        }
        let urls = lower.components(separatedBy: "url(").dropFirst()
        #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("#handoff-arrow)") }, "every url() is the arrow marker")
    }

    @Test("sections in order, violations right after the banner, and pages broken only before the sign-off log and the clearance rounds")
    func sectionsInOrder() throws {
        let ids = ["verdict", "violations", "context", "provenance", "hand-offs", "sign-off-log", "clearance-rounds", "checklist",
                   "risk-acceptances", "triggers", "controls", "policy-changes", "gaps"]
        let positions = try ids.map { id in
            try #require(Self.html.range(of: "<section id=\"\(id)\"")?.lowerBound, "no section \(id)")
        }
        #expect(positions == positions.sorted())
        #expect(Self.count("<section ", in: Self.html) == ids.count)
        #expect(Self.count("class=\"new-page\"", in: Self.html) == 2)
        #expect(Self.html.contains("<section id=\"sign-off-log\">\n<h2 class=\"new-page\">Sign-off log</h2>"))
        #expect(Self.html.contains("<section id=\"clearance-rounds\">\n<h2 class=\"new-page\">Clearance rounds</h2>"))

        var clean = Self.sample
        clean.violations = []
        #expect(!RecordHTML(clean).text.contains("<section id=\"violations\""))
    }

    @Test("the banner: does not hold, in red while the history breaks a rule, with the summary and every problem")
    func banner() throws {
        let banner = try #require(Self.slice(Self.html, from: "<section id=\"verdict\"", to: "</section>"))
        #expect(banner.contains("class=\"banner red\"") && banner.contains("The record does not hold"))
        #expect(banner.contains(XMLText.escape(Self.sample.verdict.summary)))
        for problem in Self.sample.verdict.problems { #expect(banner.contains("<li>\(XMLText.escape(problem))</li>"), "\(problem)") }
        let violations = try #require(Self.slice(Self.html, from: "<section id=\"violations\"", to: "</section>"))
        #expect(violations.contains("signoff.separation-of-duties") && violations.contains(XMLText.escape(SampleRecord.separation.message)))

        var amber = Self.sample
        amber.violations = []
        amber.state = .clearedWithConditions
        #expect(RecordHTML(amber).text.contains("class=\"banner amber\""))
        var holds = amber
        holds.verdict = .init(holds: true, summary: "support-assistant is cleared-with-conditions and everything the record checks holds", problems: [])
        let text = RecordHTML(holds).text
        #expect(text.contains("class=\"banner holds\"") && text.contains("The record holds") && !text.contains("class=\"problems\""))
    }

    @Test("a review with no sign-offs: the banner says so and the empty lists say what is missing")
    func noSignOffs() throws {
        var record = Self.sample
        record.signoffs = []
        record.clearances = []
        record.acceptances = []
        record.triggers = []
        record.controls = []
        record.policyChanges = []
        record.gaps = []
        record.violations = []
        let html = RecordHTML(record).text
        let banner = try #require(Self.slice(html, from: "<section id=\"verdict\"", to: "</section>"))
        #expect(banner.contains("class=\"banner red\"") && banner.contains("the review has no sign-offs"))
        for sentence in ["no sign-offs yet", "no clearance round yet", "no risk acceptances recorded", "no triggers registered",
                         "no controls registered", "no policy changes while the review ran", "no open gap items"] {
            #expect(html.contains("<p class=\"empty\">\(sentence)</p>"), "\(sentence)")
        }
        #expect(!Self.html.contains("the review has no sign-offs"))
    }

    @Test("a hostile title, condition and description are escaped: no tag, no raw quote or ampersand, no control character")
    func escaping() throws {
        var record = SampleRecord.returnedThenCleared(title: "<script>alert(1)</script>")
        let condition = "C-9 \"vendor\" & <b>counsel</b> agree\u{1}d"
        record.clearances[1].conditions.append(condition)
        record.review.description = "</pre><img src=x onerror=alert(2)>"
        record.signoffs[0].message = "it's <i>done</i> & \"signed\""
        let html = RecordHTML(record).text
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<title>support-assistant: &lt;script&gt;alert(1)&lt;/script&gt; — governance record</title>"))
        #expect(html.contains("<h1>support-assistant: &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(html.contains("<li>C-9 &quot;vendor&quot; &amp; &lt;b&gt;counsel&lt;/b&gt; agree\u{FFFD}d</li>"))
        #expect(!html.contains("\u{1}") && !html.contains("<b>counsel"))
        #expect(html.contains("&lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;") && !html.contains("<img"))
        #expect(html.contains("it&#39;s &lt;i&gt;done&lt;/i&gt; &amp; &quot;signed&quot;"))
    }

    @Test("every sign-off tag, condition, returned item with its answer, and checklist title appears; superseded and rejected rows are marked")
    func everythingShown() throws {
        let record = Self.sample
        let log = try #require(Self.slice(Self.html, from: "<section id=\"sign-off-log\"", to: "</section>"))
        for entry in record.signoffs {
            #expect(log.contains("<code>\(XMLText.escape(entry.tag))</code>"), "\(entry.tag)")
            #expect(log.contains("<code title=\"\(entry.target ?? "")\">\(entry.target?.prefix(10) ?? "")</code>"))
        }
        #expect(log.contains("<th>tagger date (signer's claim)</th>"))
        #expect(Self.count("<tbody class=\"superseded\">", in: log) == record.signoffs.filter(\.superseded).count)
        #expect(Self.count(">superseded<", in: log) == record.signoffs.filter(\.superseded).count)
        let rejected = try #require(Self.slice(log, from: "<tbody class=\"rejected\">", to: "</tbody>"))
        #expect(rejected.contains("signoff/support-assistant/risk-acceptance/2/bob") && rejected.contains("signoff.separation-of-duties"))
        #expect(log.contains("decision: <strong>returned</strong>") && log.contains("decision: <strong>cleared-with-conditions</strong>"))

        let rounds = try #require(Self.slice(Self.html, from: "<section id=\"clearance-rounds\"", to: "</section>"))
        #expect(rounds.contains("<h3>Round 1: returned — superseded by round 2</h3>") && rounds.contains("<h3>Round 2: cleared-with-conditions — in force</h3>"))
        for condition in record.clearances.flatMap(\.conditions) { #expect(rounds.contains("<li>\(XMLText.escape(condition))</li>"), "\(condition)") }
        for item in record.clearances.flatMap(\.returned) {
            let relative = item.path.replacingOccurrences(of: "reviews/\(record.review.id)/", with: "./")
            #expect(rounds.contains(XMLText.escape(item.item)) && rounds.contains("<code title=\"\(item.path):\(item.line)\">\(relative):\(item.line)</code>"))
            for answer in item.answeredBy { #expect(rounds.contains("answered by <code>\(answer)</code>")) }
        }

        let checklist = try #require(Self.slice(Self.html, from: "<section id=\"checklist\"", to: "</section>"))
        for item in record.checklist {
            let mark = item.holds ? "✓ holds" : "✗ does not hold"
            #expect(checklist.contains("<tr class=\"\(item.holds ? "holding" : "open")\"><td>"
                                       + "<span class=\"\(item.holds ? "ok" : "bad")\">\(mark)</span> — <strong>\(XMLText.escape(item.title))</strong></td>"), "\(item.title)")
        }
        #expect(checklist.contains("gap <code>authority.expired-acceptance</code>") && checklist.contains("open: control C-3 is overdue"))
        #expect(checklist.contains("<code>signoff/support-assistant/data-protection/1/erin</code>"))

        let registers = try #require(Self.slice(Self.html, from: "<section id=\"risk-acceptances\"", to: "<section id=\"gaps\""))
        #expect(Self.count("<span class=\"flag\">expired</span>", in: registers) == 1)
        #expect(Self.count("<span class=\"flag\">fired</span>", in: registers) == 1 && registers.contains("not fired"))
        #expect(Self.count("<span class=\"flag\">overdue</span>", in: registers) == 1)
        #expect(registers.contains("grace added to the authority role") && registers.contains("<li>\(SampleRecord.conditions[0])</li>"))
        #expect(Self.html.contains("<pre class=\"text\"># Support assistant\n\nAnswers customer tickets"))
        #expect(Self.html.contains("<code>\(XMLText.escape(record.provenance.verifyCommand))</code>"))
    }

    @Test("the picture: one node per step in columns by requires, the DPO step dashed and labelled, an arrow per requirement")
    func picture() throws {
        let steps = Self.sample.steps
        let picture = HandOffPicture(steps)
        #expect(picture.columns == [0, 1, 2, 2, 3])
        let svg = picture.svg
        #expect(svg.hasPrefix("<svg ") && svg.contains("role=\"img\"") && svg.contains("viewBox=\"0 0 ") && svg.contains("<title>hand-offs in policy order"))
        #expect(svg.contains("<defs><marker id=\"handoff-arrow\""))
        #expect(Self.count("<g class=\"node\"", in: svg) == steps.count)
        #expect(Self.count("<line class=\"arrow\"", in: svg) == steps.map(\.requires.count).reduce(0, +))
        let dpo = try #require(Self.slice(svg, from: "<g class=\"node\" data-step=\"data-protection\"", to: "</g>"))
        #expect(dpo.contains("stroke-dasharray") && dpo.contains(">if personal data</text>") && dpo.contains(">erin 2025-01-13</text>"))
        let description = try #require(Self.slice(svg, from: "<g class=\"node\" data-step=\"description\"", to: "</g>"))
        #expect(!description.contains("stroke-dasharray") && description.contains("fill=\"#c8e6c9\"") && description.contains(">alice 2025-01-06</text>"))
        #expect(Self.html.contains(svg))

        let states: [(ReviewStatus.StepStatus.State, String)] = [(.signed, "#c8e6c9"), (.partial, "#ffe0b2"), (.pending, "#ffe0b2"),
                                                                 (.stale, "#ffcdd2"), (.returned, "#ffcdd2"), (.missing, "#eeeeee"), (.notApplicable, "#ffffff")]
        let hostile = states.map { state, _ in
            GovernanceRecord.HandOff(step: "s-\(state.rawValue)", role: "<b>&\"role\"", requires: [], state: state, signoffs: [])
        }
        let drawn = HandOffPicture(hostile).svg
        for (state, fill) in states {
            let node = try #require(Self.slice(drawn, from: "data-step=\"s-\(state.rawValue)\"", to: "</g>"))
            #expect(node.contains("fill=\"\(fill)\""), "\(state)")
        }
        #expect(!drawn.contains("<b>") && drawn.contains("role: &lt;b&gt;&amp;&quot;role&quot;"))
    }

    @Test("the index links every review by a relative, escaped link, with its state, verdict, last clearance and what is open")
    func index() throws {
        var other = SampleRecord.returnedThenCleared(title: "<script>x</script>")
        other.review.id = "triage-bot"
        other.clearances = []
        other.verdict = .init(holds: true, summary: "", problems: [])
        other.gaps = []
        other.violations = []
        other.checklist = []
        let records = [Self.sample, other]
        let html = RecordHTML.index(records, links: ["support-assistant.html", "triage&bot.html"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n") && html.contains("<meta charset=\"utf-8\">") && !html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<a href=\"support-assistant.html\"><code>support-assistant</code></a>"))
        #expect(html.contains("<a href=\"triage&amp;bot.html\"><code>triage-bot</code></a>"))
        #expect(Self.count("<tr><td><a href=", in: html) == records.count)
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("cleared-with-conditions 2025-01-22T16:09:51Z") && html.contains("no clearance yet"))
        #expect(html.contains("1 gap item, 1 checklist item open, 1 violation") && html.contains("<td>nothing</td>"))
        #expect(html.contains("✗ does not hold") && html.contains("✓ holds"))
        #expect(RecordHTML.index([], links: []).contains("<p class=\"empty\">no reviews at this revision</p>"))
    }

    @Test("printed on A4 by a headless browser, the sample takes three pages: summary and picture, sign-off log, the rest",
          .enabled(if: TestTools.chromium != nil, "needs chromium (Debian package chromium), which the test set-up installs as root"))
    func printsOnThreePages() throws {
        let browser = try #require(TestTools.chromium)
        let folder = try TempDirectory(prefix: "record-html")
        let page = folder.child("record.html"), pdf = folder.child("record.pdf")
        try Data(Self.html.utf8).write(to: page)
        try Run.checked([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                         "--print-to-pdf=\(pdf.path)", page.absoluteString],
                        environment: ["HOME": folder.path])
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").count - text.components(separatedBy: "/Type /Pages").count
        #expect(pages == 3, "the sample printed on \(pages) pages")
    }
}
