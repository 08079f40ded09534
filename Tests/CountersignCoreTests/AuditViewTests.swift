@testable import CountersignCore
import Foundation
import Testing
import TestSupport

/// What keeps `audit`'s output safe to use: file names that never collide, commands that can be
/// pasted, violations placed in the record they concern, and OSCAL parts named once.
@Suite("audit: file names, commands and the placing of violations")
struct AuditViewTests {
    static func record(_ id: String) -> GovernanceRecord {
        var record = SampleRecord.returnedThenCleared()
        record.review.id = id
        return record
    }

    @Test("--all names each record after its review, never the index's name and never one name twice")
    func fileNames() {
        let ids = ["support-assistant", "index", "a b", "a_b", ".hidden", "Index"]
        let view = AuditView(ids.map(Self.record))
        let names = view.fileNames(.html)
        #expect(names == ["support-assistant.html", "index-2.html", "a_b.html", "a_b-2.html", "_hidden.html", "Index-3.html"])
        #expect(!names.contains(AuditView.indexName(.html)))
        #expect(view.fileNames(.oscal).first == "support-assistant.oscal.json")
        #expect(AuditView.indexName(.oscal) == "index.json" && AuditView.indexName(.markdown) == "index.md")
    }

    @Test("the command that writes the record again quotes a review folder that breaks the id rule",
          arguments: [("support-assistant", "support-assistant"), ("x;touch pwned", "'x;touch pwned'"), ("it's", "'it'\\''s'")])
    func shellWord(id: String, word: String) {
        #expect(RecordBuilder.shellWord(id) == word)
    }

    @Test("OSCAL: alike gap items and violations become one observation each, and anchors without a tag object keep distinct entries")
    func oscalNamesEachPartOnce() throws {
        var record = SampleRecord.returnedThenCleared()
        record.gaps += record.gaps
        record.violations += record.violations
        record.signoffs = record.signoffs.map { entry in
            var copy = entry
            copy.object = nil
            return copy
        }
        let text = try OSCALAssessmentResults(record).render()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let uuids = OSCALTests.all("uuid", in: root).compactMap { $0 as? String }
        #expect(Set(uuids).count == uuids.count, "a uuid is used twice")
        let result = try OSCALTests.result(try #require(root["assessment-results"] as? [String: Any]))
        let observations = try #require(result["observations"] as? [[String: Any]])
        let evidence = record.checklist.filter { !$0.evidence.isEmpty }.count
        #expect(observations.count == Set(record.gaps).count + Set(record.violations).count + evidence)
        let hrefs = OSCALTests.all("href", in: result).compactMap { $0 as? String }
        #expect(!hrefs.isEmpty && hrefs.allSatisfy { URL(string: $0) != nil && !$0.contains(" ") })
    }

    @Test("a path with a space or a colon is a relative URI reference in OSCAL")
    func hrefs() {
        #expect(OSCALAssessmentResults.href("reviews/x/security/evidence/my file é.pdf") == "reviews/x/security/evidence/my%20file%20%C3%A9.pdf")
        #expect(OSCALAssessmentResults.href("c:notes.md") == "c%3Anotes.md")
    }

    @Test("an unsigned commit fails the record of the review it changed, and not another review's, even with a file outside reviews/")
    func violationsArePlaced() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        try scenario.writeReview("payroll", as: Cast.alice, files: ReviewScenario.completeReviewFiles(["review.yaml", "system/", "status/"]))
        let unsigned = try scenario.commit(as: Cast.alice, files: ["reviews/payroll/system/description.md": "# Payroll\n\nUnsigned edit.\n",
                                                                   "deploy/payroll/model.yaml": "model: v1\n"],
                                           message: "Unsigned edit of payroll", sign: false)
        let run = try scenario.ledger()
        let records = try RecordBuilder(run: run).records()
        let payroll = try #require(records.first { $0.review.id == "payroll" })
        let assistant = try #require(records.first { $0.review.id == Example.review })
        #expect(payroll.violations.contains { $0.rule == .commitUnsigned && $0.commit == unsigned })
        #expect(!assistant.violations.contains { $0.commit == unsigned }, "\(assistant.violations)")
        #expect(assistant.verdict.holds, "\(assistant.verdict)")
    }
}
