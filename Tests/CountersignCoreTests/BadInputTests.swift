import CountersignCore
import Foundation
import TestSupport
import Testing

@Suite("bad input gets a message with file and line")
struct BadInputTests {
    private func violations(_ files: [String: String?]) throws -> (ReviewTree, [Finding]) {
        let tree = try ReviewTree(files: files)
        return (tree, try tree.validate().violations)
    }

    @Test("malformed YAML names the file and the line")
    func malformedYAML() throws {
        let (_, found) = try violations(["system/context.yaml": "user_population: staff\npersonal_data: [true\n"])
        let violation = try #require(found.first)
        #expect(violation.rule == .schemaInvalid)
        #expect(violation.path == "reviews/support-assistant/system/context.yaml")
        #expect(violation.message.hasPrefix("YAML does not parse"))
        #expect(violation.line != nil)
    }

    @Test("a misspelt key is reported with a suggestion, never ignored")
    func misspeltKey() throws {
        let threats = "threats:\n  - id: T-1\n    likelyhood: 4\n    impact: 4\n    controls: [C-1]\n"
        let (_, found) = try violations(["security/threats.yaml": threats])
        let violation = try #require(found.first { $0.message.contains("likelyhood") })
        #expect(violation.message == "unknown key \"likelyhood\" in a threat; did you mean \"likelihood\"?")
        #expect(violation.path == "reviews/support-assistant/security/threats.yaml")
        #expect(violation.line == 3)
    }

    @Test("a wrong type names the field and what was found")
    func wrongType() throws {
        let (_, found) = try violations(["system/context.yaml": "user_population: staff\noperational_consequence: low\ndata_classification: internal\npersonal_data: maybe\n"])
        let violation = try #require(found.first)
        #expect(violation.message == "personal_data must be true or false, found \"maybe\"")
        #expect(violation.line == 4)
    }

    @Test("a value outside its list names the allowed values")
    func badChoice() throws {
        let (_, found) = try violations(["dpo/dpia.yaml": "dpia: done\n"])
        #expect(found.first?.message == "dpia is \"done\"; use one of not-required, required, in-progress, complete")
        #expect(found.first?.line == 1)
    }

    @Test("a taxonomy id without its edition is refused")
    func taxonomyEdition() throws {
        let threats = "threats:\n  - id: T-1\n    taxonomy: [LLM01]\n    likelihood: 2\n    impact: 2\n"
        let (_, found) = try violations(["security/threats.yaml": threats])
        let violation = try #require(found.first { $0.message.contains("LLM01") })
        #expect(violation.line == 3)
    }

    @Test("a file that is not UTF-8 names the line of the first bad byte")
    func notUTF8() throws {
        let tree = try ReviewTree()
        var bytes = Data("# Title\n\nfine line\n".utf8)
        bytes.append(contentsOf: [0x63, 0x61, 0x66, 0xE9, 0x0A])
        try bytes.write(to: tree.folder.child("reviews/support-assistant/system/description.md"))
        let violation = try #require(try tree.validate().violations.first)
        #expect(violation.message == "file is not valid UTF-8; save it as UTF-8 text")
        #expect(violation.path == "reviews/support-assistant/system/description.md")
        #expect(violation.line == 4)
    }

    @Test("a binary file and a file over 1 MiB are refused by name")
    func binaryAndHuge() throws {
        let tree = try ReviewTree()
        try Data([0x74, 0x00, 0x01]).write(to: tree.folder.child("reviews/support-assistant/dpo/advisory.md"))
        try Data(repeating: 0x61, count: (1 << 20) + 1).write(to: tree.folder.child("reviews/support-assistant/system/architecture.md"))
        let found = try tree.validate().violations
        #expect(found.contains { $0.path == "reviews/support-assistant/dpo/advisory.md" && $0.message.contains("binary") })
        #expect(found.contains { $0.path == "reviews/support-assistant/system/architecture.md" && $0.message.contains("over the 1 MiB limit") })
    }

    @Test("a symlink and an executable file in a review folder are bad paths")
    func symlinkAndExecutable() throws {
        let tree = try ReviewTree()
        try FileManager.default.createSymbolicLink(atPath: tree.folder.child("reviews/support-assistant/security/evidence/link.md").path,
                                                   withDestinationPath: "/etc/passwd")
        let script = tree.folder.child("reviews/support-assistant/security/evidence/run.sh")
        try Data("echo\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let found = try tree.validate().violations
        #expect(found.contains { $0.rule == .commitBadPath && $0.path == "reviews/support-assistant/security/evidence/link.md" && $0.message.contains("symlink") })
        #expect(found.contains { $0.rule == .commitBadPath && $0.path == "reviews/support-assistant/security/evidence/run.sh" && $0.message.contains("executable") })
    }

    @Test("paths that differ only by case collide")
    func caseCollision() throws {
        let tree = try ReviewTree()
        try Data("x\n".utf8).write(to: tree.folder.child("reviews/support-assistant/security/evidence/Red-Team.md"))
        let found = try tree.validate().violations
        #expect(found.contains { $0.rule == .commitBadPath && $0.message.contains("differ only by case") })
    }

    @Test("a path owned by no role is refused with the fix")
    func unownedPath() throws {
        let (_, found) = try violations(["notes.txt": "loose notes"])
        let violation = try #require(found.first)
        #expect(violation.rule == .schemaInvalid)
        #expect(violation.path == "reviews/support-assistant/notes.txt")
        #expect(violation.message.contains("no role owns notes.txt"))
    }

    @Test("an invalid review id and a file outside any review folder are refused")
    func badReviewID() throws {
        let tree = try ReviewTree()
        try FileManager.default.createDirectory(at: tree.folder.child("reviews/Bad_Id/system"), withIntermediateDirectories: true)
        try Data("x\n".utf8).write(to: tree.folder.child("reviews/Bad_Id/system/description.md"))
        try Data("x\n".utf8).write(to: tree.folder.child("reviews/stray.md"))
        let found = try tree.validate().violations
        #expect(found.contains { $0.path == "reviews/Bad_Id" && $0.message.contains("review id \"Bad_Id\" is not valid") })
        #expect(found.contains { $0.path == "reviews/stray.md" && $0.message.contains("belong in a review folder") })
    }

    @Test("an unknown review is unusable input that suggests the nearest one, or lists them")
    func unknownReview() throws {
        let tree = try ReviewTree()
        let error = try #require(throws: InputError.self) { try tree.validate(["support-assistent"]) }
        #expect(error.description.contains("no review \"support-assistent\""))
        #expect(error.description.contains("did you mean \"support-assistant\"?"))
        let far = try #require(throws: InputError.self) { try tree.validate(["payroll"]) }
        #expect(far.description.contains("known reviews: support-assistant"))
    }

    @Test("a malformed anchor name in ledger/ is refused")
    func badLedgerName() throws {
        let (_, found) = try violations(["ledger/clearance.01.frank": "0000000000000000000000000000000000000000"])
        #expect(found.contains { $0.path == "reviews/support-assistant/ledger/clearance.01.frank" && $0.message.contains("<step>.<round>.<member>") })
    }
}
