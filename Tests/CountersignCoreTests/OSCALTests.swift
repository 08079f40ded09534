@testable import CountersignCore
import Foundation
import Testing
import TestSupport

/// The governance record as OSCAL assessment-results: name-based uuids, every sign-off an
/// assessment-log entry, every gap item and violation an observation with a finding, every risk
/// acceptance a risk with an accepted remediation, and a document NIST's model (compliance-trestle) reads.
@Suite("audit: the OSCAL assessment-results document")
struct OSCALTests {
    /// OSCAL's uuid: version 4 or 5, RFC 9562's variant.
    static func isUUID(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil
    }

    static func document(_ record: GovernanceRecord) throws -> [String: Any] {
        let text = try OSCALAssessmentResults(record).render()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(root["assessment-results"] as? [String: Any])
    }

    static func result(_ document: [String: Any]) throws -> [String: Any] {
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.count == 1)
        return try #require(results.first)
    }

    static func props(_ object: [String: Any], _ name: String) -> [String] {
        ((object["props"] as? [[String: Any]]) ?? []).filter { $0["name"] as? String == name }.compactMap { $0["value"] as? String }
    }

    /// Every value under `key` anywhere in `value`.
    static func all(_ key: String, in value: Any) -> [Any] {
        switch value {
        case let object as [String: Any]: return object.flatMap { ($0.key == key ? [$0.value] : []) + all(key, in: $0.value) }
        case let array as [Any]: return array.flatMap { all(key, in: $0) }
        default: return []
        }
    }

    /// The paths of every null and every empty list in `value`; OSCAL allows neither.
    static func nullsAndEmptyLists(in value: Any, at path: String = "") -> [String] {
        switch value {
        case is NSNull: return [path]
        case let object as [String: Any]: return object.flatMap { nullsAndEmptyLists(in: $0.value, at: "\(path)/\($0.key)") }
        case let array as [Any]: return array.isEmpty ? [path] : array.enumerated().flatMap { nullsAndEmptyLists(in: $1, at: "\(path)/\($0)") }
        default: return []
        }
    }

    @Test("version 5 uuids: RFC 9562's example, and the same record gives the same document")
    func nameBasedUUIDs() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        #expect(UUIDv5.make("python.org", in: dns).uuidString.lowercased() == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        let record = SampleRecord.returnedThenCleared()
        #expect(try OSCALAssessmentResults(record).render() == (try OSCALAssessmentResults(record).render()))

        let uuids = Self.all("uuid", in: try Self.document(record)).compactMap { $0 as? String }
        #expect(uuids.count > 20)
        #expect(uuids.allSatisfy(Self.isUUID), "\(uuids)")
        #expect(Set(uuids).count == uuids.count, "a uuid is used twice")
        var other = record
        other.provenance.revision = SampleRecord.hex(40)
        #expect(try Self.document(other)["uuid"] as? String != (try Self.document(record)["uuid"] as? String))
    }

    @Test("the members are parties, each role has its responsible parties, and no value is null or an empty list")
    func rolesAndParties() throws {
        let document = try Self.document(SampleRecord.returnedThenCleared())
        let metadata = try #require(document["metadata"] as? [String: Any])
        let parties = try #require(metadata["parties"] as? [[String: Any]])
        #expect(Set(parties.compactMap { $0["name"] as? String }) == ["alice", "bob", "dana", "erin", "frank"])
        let roles = try #require(metadata["roles"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(roles == ["system-owner", "security", "governance", "dpo", "authority"])
        let responsible = try #require(metadata["responsible-parties"] as? [[String: Any]])
        let governance = try #require(responsible.first { $0["role-id"] as? String == "governance" })
        let uuidOf = Dictionary(uniqueKeysWithValues: parties.map { ($0["name"] as! String, $0["uuid"] as! String) })
        // bob signed in the governance role once (a separation-of-duties violation): the record shows it.
        #expect(Set(governance["party-uuids"] as? [String] ?? []) == [uuidOf["dana"]!, uuidOf["bob"]!])
        #expect(Self.nullsAndEmptyLists(in: document).isEmpty, "\(Self.nullsAndEmptyLists(in: document))")
    }

    @Test("each sign-off is a log entry by its member in its role; the clearance entries carry decision, rationale, conditions and returned items")
    func assessmentLog() throws {
        let record = SampleRecord.returnedThenCleared()
        let result = try Self.result(try Self.document(record))
        let entries = try #require((result["assessment-log"] as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(entries.map { Self.props($0, "tag").first } == record.signoffs.map(\.tag))
        #expect(entries.map { Self.props($0, "tag-object").first } == record.signoffs.map(\.object))
        #expect(entries.map { $0["end"] as? String } == record.signoffs.map(\.acceptedAt))
        #expect(entries.map { ($0["logged-by"] as? [[String: Any]])?.first?["role-id"] as? String } == record.signoffs.map(\.role))

        let returned = try #require(entries.first { Self.props($0, "tag").first == SampleRecord.tag("clearance", 1, "frank") })
        #expect(Self.props(returned, "clearance-decision") == ["returned"])
        #expect(Self.props(returned, "rationale") == ["T-2 is accepted without a condition or an expiry"])
        #expect(Self.props(returned, "returned").first?.contains(SampleRecord.returnedItem) == true)
        #expect(Self.props(returned, "answered-by") == [SampleRecord.tag("risk-acceptance", 2, "dana")])
        #expect(Self.props(returned, "superseded") == ["true"])
        #expect((returned["remarks"] as? String)?.contains("Returned to risk-acceptance: \(SampleRecord.returnedItem)") == true)

        let cleared = try #require(entries.first { Self.props($0, "tag").first == SampleRecord.tag("clearance", 2, "frank") })
        #expect(Self.props(cleared, "clearance-decision") == ["cleared-with-conditions"])
        #expect(Self.props(cleared, "condition") == SampleRecord.conditions)
        // A value is one line: the two-line rationale is joined, and kept whole in the remarks.
        #expect(Self.props(cleared, "rationale") == ["residual risk is acceptable for a pilot with the output filter in place"])
        #expect((cleared["remarks"] as? String)?.contains("pilot\nwith the output filter") == true)
        #expect(Self.props(cleared, "requires") == [SampleRecord.tag("risk-acceptance", 2, "dana"), SampleRecord.tag("data-protection", 1, "erin")])

        let rejected = try #require(entries.first { Self.props($0, "tag").first == SampleRecord.tag("risk-acceptance", 2, "bob") })
        #expect(Self.props(rejected, "verdict") == ["rejected"])
        #expect(Self.props(rejected, "violation") == [SampleRecord.separation.rule.id])
    }

    @Test("each gap item and violation is an observation with a not-satisfied finding; each checklist item a finding on its objective")
    func observationsAndFindings() throws {
        let record = SampleRecord.returnedThenCleared()
        let result = try Self.result(try Self.document(record))
        let observations = try #require(result["observations"] as? [[String: Any]])
        let findings = try #require(result["findings"] as? [[String: Any]])
        let withEvidence = record.checklist.filter { !$0.evidence.isEmpty }.count
        #expect(observations.count == record.gaps.count + record.violations.count + withEvidence)
        #expect(findings.count == record.gaps.count + record.violations.count + record.checklist.count)

        let target = { (finding: [String: Any]) in finding["target"] as? [String: Any] ?? [:] }
        let state = { (finding: [String: Any]) in (target(finding)["status"] as? [String: Any])?["state"] as? String }
        for item in record.checklist {
            let finding = try #require(findings.first { Self.props($0, "checklist-item") == [item.id] }, "no finding for \(item.id)")
            #expect(target(finding)["target-id"] as? String == item.id)
            #expect(state(finding) == (item.holds ? "satisfied" : "not-satisfied"))
            #expect(finding["title"] as? String == item.title)
        }
        let observationIDs = Set(observations.compactMap { $0["uuid"] as? String })
        let related = Self.all("observation-uuid", in: findings).compactMap { $0 as? String }
        #expect(Set(related).isSubset(of: observationIDs))

        for gap in record.gaps {
            let observation = try #require(observations.first { Self.props($0, "gap-code") == [gap.code.id] && $0["description"] as? String == gap.message })
            #expect(observation["types"] as? [String] == ["finding"])
            let finding = try #require(findings.first { Self.all("observation-uuid", in: $0).contains { $0 as? String == observation["uuid"] as? String } && Self.props($0, "gap-code") == [gap.code.id] })
            #expect(state(finding) == "not-satisfied")
        }
        let rule = SampleRecord.separation.rule.id
        let violation = try #require(findings.first { Self.props($0, "rule") == [rule] })
        #expect(target(violation)["target-id"] as? String == rule)
        #expect((violation["description"] as? String)?.contains(SampleRecord.separation.message) == true)
    }

    @Test("each risk acceptance is a risk: deviation approved until it expires, open after, with an accepted remediation by its member")
    func risks() throws {
        let record = SampleRecord.returnedThenCleared()
        let document = try Self.document(record)
        let risks = try #require(try Self.result(document)["risks"] as? [[String: Any]])
        #expect(risks.count == record.acceptances.count)
        let parties = try #require((document["metadata"] as? [String: Any])?["parties"] as? [[String: Any]])
        for acceptance in record.acceptances {
            let risk = try #require(risks.first { Self.props($0, "threat") == [acceptance.threat] })
            #expect(risk["status"] as? String == (acceptance.expired ? "open" : "deviation-approved"))
            #expect(risk["statement"] as? String == acceptance.condition ?? "no condition given")
            #expect(risk["deadline"] as? String == acceptance.expiresAt)
            #expect(acceptance.expiresAt != nil)
            let remediation = try #require((risk["remediations"] as? [[String: Any]])?.first)
            let type = try #require((remediation["props"] as? [[String: Any]])?.first)
            #expect(type["name"] as? String == "type" && type["value"] as? String == "accept" && type["ns"] == nil)
            let actor = Self.all("actor-uuid", in: remediation).first as? String
            #expect(actor == parties.first { $0["name"] as? String == acceptance.acceptedBy }?["uuid"] as? String)
        }
    }

    @Test("titles and property values are one trimmed line; a token never starts with a digit",
          arguments: [("  two\nlines\t ", "two lines"), ("a\u{7}bell", "a bell"), ("", "")])
    func oneLine(input: String, expected: String) {
        #expect(OSCALAssessmentResults.line(input) == expected)
        #expect(OSCALAssessmentResults.token("2fa-review") == "_2fa-review")
        #expect(OSCALAssessmentResults.token("risk-acceptance") == "risk-acceptance")
    }

    @Test("compliance-trestle reads the sample and a real returned-then-cleared review as OSCAL AssessmentResults",
          .enabled(if: OSCALTests.trestle != nil, "needs compliance-trestle, which `make test` installs with pip into .build/test-tools"))
    func trestleReadsIt() throws {
        let python = try #require(Self.trestle)
        let (scenario, _) = try ReviewScenario.returnedThenCleared()
        let real = try #require(try RecordBuilder(run: try scenario.ledger()).records(reviews: [Example.review]).first)
        let folder = try TempDirectory(prefix: "oscal")
        for (name, record) in [("sample", SampleRecord.returnedThenCleared()), ("real", real)] {
            let file = folder.child("\(name).json")
            try Data(try OSCALAssessmentResults(record).render().utf8).write(to: file)
            let read = try Run.program([python, "-c", Self.validate, file.path])
            #expect(read.succeeded, "\(name): \(read.stderr)")
            #expect(read.stdout.contains("entries \(record.signoffs.count)"), "\(name): \(read.stdout)")
        }
    }

    static let trestle = TestTools.python(importing: "trestle")
    static let validate = """
        import pathlib, sys
        from trestle.oscal.assessment_results import AssessmentResults
        document = AssessmentResults.oscal_read(pathlib.Path(sys.argv[1]))
        print("entries", len(document.results[0].assessment_log.entries))
        """
}
