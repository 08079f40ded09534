import Foundation
@testable import GitKit
import Testing

@Suite("ObjectID and GitError values")
struct ObjectIDTests {
    @Test(arguments: [
        ("0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567"),
        ("0123456789ABCDEF0123456789ABCDEF01234567", "0123456789abcdef0123456789abcdef01234567"),
        ("0000000000000000000000000000000000000000", "0000000000000000000000000000000000000000"),
    ])
    func parsesHex(input: String, hex: String) throws {
        let value = try #require(ObjectID(input))
        #expect(value.hex == hex)
        #expect(value.description == hex)
        #expect(ObjectID(bytes: value.bytes) == value)
    }

    @Test(arguments: ["", "abc", "0123456789abcdef0123456789abcdef0123456", "0123456789abcdef0123456789abcdef012345678",
                      "g123456789abcdef0123456789abcdef01234567", " 123456789abcdef0123456789abcdef01234567"])
    func rejectsMalformedHex(input: String) {
        #expect(ObjectID(input) == nil)
    }

    @Test func ordersLikeHex() throws {
        let hexes = ["ff00000000000000000000000000000000000000", "0000000000000000000000000000000000000001",
                     "00000000000000000000000000000000000000ff", "0000000000000000100000000000000000000000",
                     "0000000000000000000000000000000100000000"]
        let ids = try hexes.map { try #require(ObjectID($0)) }
        #expect(ids.sorted().map(\.hex) == hexes.sorted())
        #expect(ObjectID.zero.isZero)
        #expect(ids.allSatisfy { !$0.isZero })
        #expect(Set(ids + ids).count == 5)
    }

    @Test func codableAsHex() throws {
        let value = try #require(ObjectID("89abcdef0123456789abcdef0123456789abcdef"))
        let encoded = try JSONEncoder().encode([value])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["89abcdef0123456789abcdef0123456789abcdef"]"#)
        #expect(try JSONDecoder().decode([ObjectID].self, from: encoded) == [value])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ObjectID].self, from: Data(#"["xyz"]"#.utf8)) }
    }

    @Test func libgit2RoundTrip() throws {
        let value = try #require(ObjectID("89abcdef0123456789abcdef0123456789abcdef"))
        #expect(ObjectID(value.oid) == value)
    }

    @Test(arguments: [
        ("Could not find repository at '/Tmp/X'.", "could not find repository at '/Tmp/X'"),
        ("failed to resolve path  \n", "failed to resolve path"),
        ("", ""),
    ])
    func normalizesMessages(raw: String, normalized: String) {
        #expect(GitError(code: .generic, errorClass: .unspecified, message: raw).message == normalized)
    }

    @Test(arguments: [
        (0o100644 as UInt32, FileMode.blob), (0o100664, .blob), (0o100755, .executable), (0o120000, .symlink),
        (0o040000, .tree), (0o160000, .submodule),
    ])
    func normalizesModes(raw: UInt32, mode: FileMode) {
        #expect(FileMode(gitMode: raw) == mode)
    }

    @Test func unknownModes() {
        #expect(FileMode(gitMode: 0) == nil)
        #expect(FileMode(gitMode: 0o020000) == nil)
        #expect(FileMode.tree.description == "040000")
        #expect(FileMode.blob.description == "100644")
    }
}
