import CountersignCore
import Foundation
import Testing
import TestSupport

/// The table of review files is the one list: the reader parses exactly its files, and the
/// scaffold lays out exactly each role's files of it.
@Suite("the table of review files")
struct ReviewFileTests {
    @Test("the reader parses exactly the files of the table, in its order")
    func reader() {
        #expect(ReviewReader.files == ReviewFile.all.map(\.path))
    }

    @Test("countersign new lays out each role's files of the table, and only those",
          arguments: ["system-owner", "security", "governance", "dpo", "authority"])
    func scaffold(_ role: String) throws {
        let folder = try TempDirectory()
        try Data(Fixtures.policyYAML().utf8).write(to: folder.child("countersign.yaml"))
        let scaffold = Scaffold(root: folder.url)
        if role != "system-owner" { _ = try scaffold.layOut(review: "x", role: "system-owner", title: "X", member: "alice") }
        let written = try scaffold.layOut(review: "x", role: role, title: "X", member: role == "system-owner" ? "alice" : nil)
        let parsed = written.map { String($0.dropFirst("reviews/x/".count)) }.filter { !$0.hasPrefix(ReviewFile.evidenceFolder) }
        #expect(Set(parsed) == Set(ReviewFile.all.filter { $0.owner == role }.map(\.path)), "\(written)")
    }

    @Test("the clearance is the step that covers the disposition")
    func clearance() throws {
        let policy = try PolicyReader.parse(Fixtures.policyYAML()).get()
        #expect(policy.clearanceStep?.id == "clearance")
        #expect(policy.steps.filter(\.decides).map(\.id) == ["clearance"])
    }
}
