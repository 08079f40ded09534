import Foundation
import Testing
import TestSupport

/// `countersign audit` through the built binary: the governance record of a real history in each
/// of its four formats, the folder of `--all`, hostile text, and unusable input.
@Suite("audit: the governance record through the binary")
struct AuditCommandTests {
    static let review = "support-assistant"
    static let condition = "output filter before general availability"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test("every format holds every sign-off of `log`, both clearance decisions, the condition, the returned item and the five checklist items",
          arguments: ["html", "markdown", "json", "oscal"])
    func everyFormat(format: String) throws {
        let (scenario, ids) = try ReviewScenario.returnedThenCleared()
        let url = scenario.repository.url
        let log = try json(try Binary.checked(["log", Self.review, "--format", "json"], in: url).stdout)
        let logged = try #require(log["signoffs"] as? [[String: Any]])
        #expect(logged.count == ids.signOffs.count)
        let record = try json(try Binary.checked(["audit", Self.review, "--format", "json"], in: url).stdout)
        let titles = try #require(record["checklist"] as? [[String: Any]]).compactMap { $0["title"] as? String }
        #expect(titles.count == 5)

        let file = url.appendingPathComponent("record.\(format)")
        let audit = try Binary.run(["audit", Self.review, "--format", format, "-o", file.path], in: url)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout == file.path + "\n")
        let text = try String(contentsOf: file, encoding: .utf8)
        for entry in logged {
            let tag = try #require(entry["tag"] as? String)
            #expect(text.contains(tag), "\(format) lacks \(tag)")
        }
        for signOff in ids.signOffs {
            #expect(text.contains(signOff.tag), "\(format) lacks the tag object \(signOff.tag) of \(signOff.name)")
        }
        for expected in ["returned", "cleared-with-conditions", Self.condition, ReviewScenario.returnedItem, "the output filter needs a date"] + titles {
            #expect(text.contains(expected), "\(format) lacks \(expected)")
        }
    }

    @Test("--all writes one record per review and an index, and prints the index's path", arguments: [("html", "html"), ("markdown", "md"), ("json", "json"), ("oscal", "oscal.json")])
    func all(format: String, fileExtension: String) throws {
        let (scenario, _) = try ReviewScenario.returnedThenCleared()
        let folder = scenario.repository.url.appendingPathComponent("records")
        let audit = try Binary.run(["audit", "--all", "--format", format, "-o", folder.path], in: scenario.repository.url)
        #expect(audit.status == 0, "\(audit.stdout)\(audit.stderr)")
        let index = folder.appendingPathComponent(format == "oscal" ? "index.json" : "index.\(fileExtension)")
        #expect(audit.stdout == index.path + "\n")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [index.lastPathComponent, "\(Self.review).\(fileExtension)"].sorted())
        let text = try String(contentsOf: index, encoding: .utf8)
        #expect(text.contains("\(Self.review).\(fileExtension)"))
        #expect(text.contains("cleared-with-conditions"))
    }

    @Test("a review with no sign-offs: the record says so and audit exits 1")
    func noSignOffs() throws {
        let scenario = try ReviewScenario()
        try scenario.writeReview(Self.review, as: Cast.alice, files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]))
        let audit = try Binary.run(["audit", Self.review, "--format", "markdown"], in: scenario.repository.url)
        #expect(audit.status == 1, "\(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("the review has no sign-offs"))
        #expect(audit.stdout.contains("draft"))
    }

    @Test("a violation in the history: shown before the sign-off log, with its rule, and audit exits 1", arguments: ["markdown", "html"])
    func violation(format: String) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let description = (Fixtures.completeReview["system/description.md"] ?? "") + "\nEdited by the governance lead.\n"
        try scenario.writeReview(Self.review, as: Cast.dana, files: ["system/description.md": description], message: "Dana edits the description")
        let audit = try Binary.run(["audit", Self.review, "--format", format], in: scenario.repository.url)
        #expect(audit.status == 1, "\(audit.stdout)\(audit.stderr)")
        let log = try #require(audit.stdout.range(of: "Sign-off log"), "\(audit.stdout)")
        let before = audit.stdout[..<log.lowerBound]
        #expect(before.contains("commit.not-owner"), "\(before)")
        #expect(before.contains("by dana changes reviews/\(Self.review)/system/description.md"), "\(before)")
    }

    @Test("unusable input exits 2 and says what to do", arguments: [
        (["audit", "payroll"], ["no review \"payroll\"", "known reviews: support-assistant"]),
        (["audit", "support-asistant"], ["did you mean \"support-assistant\"?", "known reviews: support-assistant"]),
        (["audit"], ["name a review, or pass --all"]),
        (["audit", "support-assistant", "--all"], ["not both"]),
        (["audit", "support-assistant", "--format", "sarif"], ["`audit` cannot write --format sarif; use html, markdown, json, oscal"]),
    ])
    func unusable(arguments: [String], fragments: [String]) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let result = try Binary.run(arguments, in: scenario.repository.url)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        for fragment in fragments { #expect(result.stderr.contains(fragment), "\(result.stderr)") }
    }

    /// The lifecycle up to the DPO, a title with markup and a control character, and a clearance
    /// whose rationale and condition hold `&`, quotes and tags.
    static func hostile() throws -> ReviewScenario {
        let (scenario, life) = try ReviewScenario.forkLifecycle(at: { $0.dataProtection.anchor })
        let manifest = (Fixtures.completeReview["review.yaml"] ?? "")
            .replacingOccurrences(of: "title: Support assistant", with: #"title: "<script>alert(1)</script> & \"co\" \a""#)
        try scenario.writeReview(Self.review, as: Cast.alice, files: ["review.yaml": manifest], message: "A title with markup")
        let disposition = #"""
            decision: cleared-with-conditions
            rationale: "T-2 <b>accepted</b> & \"watched\""
            conditions: ["filter <img src=x> & \"ready\" before GA"]
            gaps: []

            """#
        try scenario.writeReview(Self.review, as: Cast.frank, files: ["authority/disposition.yaml": disposition], message: "Clear")
        _ = try scenario.signOff(review: Self.review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                                 decision: "cleared-with-conditions")
        return scenario
    }

    @Test("markup and control characters from review files are text in HTML and Markdown, never markup", arguments: ["html", "markdown"])
    func hostileText(format: String) throws {
        let scenario = try Self.hostile()
        let audit = try Binary.run(["audit", Self.review, "--format", format], in: scenario.repository.url)
        #expect(audit.status != 2, "\(audit.stderr)")
        let text = audit.stdout
        #expect(!text.lowercased().contains("<script"), "\(text)")
        #expect(!text.contains("<img") && !text.contains("<b>"))
        #expect(!text.unicodeScalars.contains { $0.value == 7 })
        if format == "html" {
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"))
            #expect(text.contains("filter &lt;img src=x&gt; &amp; &quot;ready&quot; before GA"))
        } else {
            #expect(text.contains(#"\<script\>alert\(1\)\</script\>"#) || text.contains("&lt;script&gt;"), "\(text)")
        }
    }

    @Test("read by a CommonMark parser with tables, the Markdown record has one log row per sign-off, every tag as code, and no markup from the files",
          .enabled(if: AuditCommandTests.markdownParser != nil, "needs markdown-it-py, which `make test` installs with pip into .build/test-tools"))
    func markdownParses() throws {
        let python = try #require(Self.markdownParser)
        let (scenario, ids) = try ReviewScenario.returnedThenCleared()
        let render = { (url: URL) throws -> String in
            let file = url.appendingPathComponent("record.md")
            _ = try Binary.run(["audit", Self.review, "--format", "markdown", "-o", file.path], in: url)
            return try Run.checked([python, "-c", Self.renderMarkdown, file.path]).stdout
        }
        let html = try render(scenario.repository.url)
        let log = try #require(html.range(of: "<h2>Sign-off log</h2>"), "\(html)")
        let table = try #require(html[log.upperBound...].range(of: "</table>"))
        let rows = html[log.upperBound..<table.lowerBound].components(separatedBy: "<tr>").count - 1
        #expect(rows == ids.signOffs.count + 1, "\(rows) rows for \(ids.signOffs.count) sign-offs and the header")
        for signOff in ids.signOffs { #expect(html.contains("<code>\(signOff.name)</code>"), "\(signOff.name)") }

        let hostileScenario = try Self.hostile()
        let hostile = try render(hostileScenario.repository.url)
        #expect(!hostile.lowercased().contains("<script") && !hostile.contains("<img") && !hostile.contains("<b>"), "\(hostile)")
        #expect(hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(hostile)")
    }

    static let markdownParser = TestTools.python(importing: "markdown_it")
    static let renderMarkdown = """
        import sys
        from markdown_it import MarkdownIt
        print(MarkdownIt("commonmark").enable("table").render(open(sys.argv[1], encoding="utf-8").read()))
        """

    @Test("in a headless browser the hostile record has no script element and shows the title as text",
          .enabled(if: TestTools.chromium != nil, "needs chromium (Debian package chromium), which the test set-up installs as root"))
    func hostileInBrowser() throws {
        let browser = try #require(TestTools.chromium)
        let scenario = try Self.hostile()
        let page = scenario.repository.url.appendingPathComponent("record.html")
        _ = try Binary.run(["audit", Self.review, "-o", page.path], in: scenario.repository.url)
        let dom = try Run.checked([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.absoluteString],
                                  environment: ["HOME": scenario.repository.url.path]).stdout
        #expect(!dom.lowercased().contains("<script"))
        #expect(!dom.contains("<img"))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("in a headless browser the record renders to a PNG with the picture's green nodes, and prints to a PDF",
          .enabled(if: TestTools.chromium != nil && AuditCommandTests.imaging != nil,
                   "needs chromium (apt) and Python's pillow and pypdf, which `make test` installs into .build/test-tools"))
    func rendersAndPrints() throws {
        let browser = try #require(TestTools.chromium), python = try #require(Self.imaging)
        let (scenario, _) = try ReviewScenario.returnedThenCleared()
        let folder = scenario.repository.url.appendingPathComponent("records")
        try Binary.checked(["audit", "--all", "-o", folder.path], in: scenario.repository.url)
        let page = folder.appendingPathComponent("\(Self.review).html")
        let png = folder.appendingPathComponent("record.png"), pdf = folder.appendingPathComponent("record.pdf")
        let home = ["HOME": scenario.repository.url.path]
        let flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
        try Run.checked(flags + ["--window-size=1200,1600", "--screenshot=\(png.path)", page.absoluteString], environment: home)
        try Run.checked(flags + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], environment: home)
        let measured = try Run.checked([python, "-c", Self.measure, png.path, pdf.path]).stdout
        let figures = Dictionary(uniqueKeysWithValues: measured.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        })
        #expect(Int(figures["colours"] ?? "") ?? 0 > 20, "\(measured)")
        #expect(Int(figures["green"] ?? "") ?? 0 > 1000, "the signed nodes' #c8e6c9 is missing: \(measured)")
        #expect(Int(figures["pages"] ?? "") ?? 0 >= 2, "\(measured)")
        #expect(figures["text"]?.contains(Self.review) == true, "\(measured)")
    }

    static let imaging = TestTools.python(importing: "PIL", "pypdf")
    static let measure = """
        import sys
        from PIL import Image
        from pypdf import PdfReader
        image = Image.open(sys.argv[1]).convert("RGB")
        print("colours", len(image.getcolors(maxcolors=1 << 24)))
        print("green", sum(1 for pixel in image.getdata() if pixel == (0xc8, 0xe6, 0xc9)))
        reader = PdfReader(sys.argv[2])
        print("pages", len(reader.pages))
        print("text", " ".join(reader.pages[0].extract_text().split())[:400])
        """
}
