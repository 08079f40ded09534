import Foundation
import GitKit
import Testing
import TestSupport

@Suite("Commits, trees, blobs and tags")
struct ObjectTests {
    /// A repository with a regular file, an executable, a symlink, a submodule and nested folders.
    static func sample() throws -> TestRepository {
        let repo = try TestRepository(name: "Ann Author", email: "ann@example.org")
        repo.setDate(1_700_000_000, offset: "+0130")
        try repo.write("README.md", "hello\n")
        try repo.write("reviews/one/review.yaml", "id: one\n")
        try repo.write("reviews/one/security/threats.md", "# threats\n")
        try repo.write("tools/run.sh", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.url.appendingPathComponent("tools/run.sh").path)
        try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("link").path, withDestinationPath: "README.md")
        try repo.write("data.bin", Data([0x00, 0x01, 0x02, 0xff]))
        try repo.git(["add", "-A"])
        try repo.git(["update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,vendor/sub"])
        try repo.git(["commit", "-q", "-m", "Sample tree\n\nWith a body."])
        return repo
    }

    @Test func resolvesRevisions() throws {
        let repo = try TestRepository()
        let first = try repo.commit("one")
        let second = try repo.commit("two")
        let tag = try repo.annotatedTag("v1", message: "version one", target: first)
        let opened = try repo.open()
        #expect(try opened.resolve("HEAD") == id(second))
        #expect(try opened.resolve("main~1") == id(first))
        #expect(try opened.resolve(String(second.prefix(10))) == id(second))
        #expect(try opened.resolve("v1") == id(tag))
        #expect(try opened.resolveCommit("v1") == id(first))
        #expect(try opened.resolveCommit("HEAD") == id(second))
    }

    @Test func badRevisionThrowsWithMessage() throws {
        let repo = try TestRepository()
        try repo.commit("one")
        let opened = try repo.open()
        let error = try #require(throws: GitError.self) { try opened.resolve("no-such-branch") }
        #expect(error.code == .notFound)
        #expect(error.message.contains("no-such-branch"))
        #expect(error.message.first?.isLowercase == true)
        #expect(!error.message.hasSuffix("."))

        let tree = try opened.resolve("HEAD^{tree}")
        let peel = try #require(throws: GitError.self) { try opened.resolveCommit(tree.hex) }
        #expect(!peel.message.isEmpty)
    }

    @Test func readsCommit() throws {
        let repo = try Self.sample()
        repo.setIdentity(name: "Carl Committer", email: "carl@example.org")
        repo.environment["GIT_AUTHOR_NAME"] = "Ann Author"
        repo.environment["GIT_AUTHOR_EMAIL"] = "ann@example.org"
        repo.environment["GIT_COMMITTER_DATE"] = "@1700000100 -0500"
        let parent = try repo.head()
        let head = try repo.commit("Second\n\nBody line.\n\nTrailer: yes")
        let commit = try repo.open().commit(try id(head))
        #expect(commit.id.hex == head)
        #expect(commit.treeID.hex == (try repo.revParse("HEAD^{tree}")))
        #expect(commit.parentIDs == [try id(parent)])
        #expect(commit.author == Signature(name: "Ann Author", email: "ann@example.org",
                                            date: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 90))
        #expect(commit.committer == Signature(name: "Carl Committer", email: "carl@example.org",
                                               date: Date(timeIntervalSince1970: 1_700_000_100), offsetMinutes: -300))
        #expect(commit.message == "Second\n\nBody line.\n\nTrailer: yes\n")
        #expect(commit.summary == "Second")
    }

    @Test func commitOfWrongTypeThrows() throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        #expect(throws: GitError.self) { try opened.commit(try opened.resolve("HEAD^{tree}")) }
        #expect(throws: GitError.self) { try opened.commit(.zero) }
    }

    @Test func listsTreeEntriesWithModes() throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        let root = try opened.commit(try opened.resolve("HEAD")).treeID
        let entries = try opened.entries(ofTree: root)
        let modes = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.mode) })
        #expect(modes == ["README.md": .blob, "data.bin": .blob, "link": .symlink, "reviews": .tree,
                          "tools": .tree, "vendor": .tree])
        #expect(entries.map(\.name) == ["README.md", "data.bin", "link", "reviews", "tools", "vendor"])
        let readme = try #require(entries.first { $0.name == "README.md" })
        #expect(readme.id.hex == (try repo.revParse("HEAD:README.md")))
    }

    @Test(arguments: [
        ("reviews/one/review.yaml", FileMode.blob),
        ("reviews/one/", FileMode.tree),
        ("tools/run.sh", FileMode.executable),
        ("link", FileMode.symlink),
        ("vendor/sub", FileMode.submodule),
    ])
    func findsEntryByPath(path: String, mode: FileMode) throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        let root = try opened.resolve("HEAD^{tree}")
        let entry = try #require(try opened.entry(at: path, inTree: root))
        #expect(entry.mode == mode)
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        #expect(entry.id.hex == (try repo.revParse("HEAD:\(trimmed)")))
        #expect(entry.name == trimmed.split(separator: "/").last.map(String.init))
    }

    @Test func missingEntryIsNil() throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        let root = try opened.resolve("HEAD^{tree}")
        #expect(try opened.entry(at: "reviews/two/review.yaml", inTree: root) == nil)
        #expect(try opened.entry(at: "README.md/inside", inTree: root) == nil)
        #expect(try opened.entry(at: "", inTree: root) == nil)
    }

    @Test func walksTreeLikeLsTree() throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        let root = try opened.resolve("HEAD^{tree}")

        let all = try opened.walkTree(root)
        let expected = try repo.git(["ls-tree", "-r", "--format=%(objectmode) %(objectname) %(path)", "HEAD"])
            .split(separator: "\n").map(String.init)
        #expect(all.map { "\($0.entry.mode) \($0.entry.id) \($0.path)" } == expected)

        let under = try opened.walkTree(root, under: "reviews/one")
        #expect(under.map(\.path) == ["reviews/one/review.yaml", "reviews/one/security/threats.md"])
        #expect(try opened.walkTree(root, under: "reviews/one/").map(\.path) == under.map(\.path))
        #expect(try opened.walkTree(root, under: "reviews/none").isEmpty)
        #expect(try opened.walkTree(root, under: "README.md").map(\.path) == ["README.md"])
    }

    @Test func readsBlobs() throws {
        let repo = try Self.sample()
        let opened = try repo.open()
        let readme = try id(try repo.revParse("HEAD:README.md"))
        let binary = try id(try repo.revParse("HEAD:data.bin"))
        let link = try id(try repo.revParse("HEAD:link"))
        #expect(try opened.blob(readme) == Data("hello\n".utf8))
        #expect(try opened.blobSize(readme) == 6)
        #expect(try !opened.isBinaryBlob(readme))
        #expect(try opened.blob(binary) == Data([0x00, 0x01, 0x02, 0xff]))
        #expect(try opened.isBinaryBlob(binary))
        #expect(try opened.blob(link) == Data("README.md".utf8))
        #expect(throws: GitError.self) { try opened.blobSize(try opened.resolve("HEAD")) }
        #expect(throws: GitError.self) { try opened.blob(try opened.resolve("HEAD")) }
    }

    @Test func emptyBlob() throws {
        let repo = try TestRepository()
        try repo.write("empty", "")
        try repo.commit("empty file")
        let opened = try repo.open()
        let blob = try id(try repo.revParse("HEAD:empty"))
        #expect(try opened.blob(blob).isEmpty)
        #expect(try opened.blobSize(blob) == 0)
    }

    @Test(arguments: ["HEAD", "HEAD^{tree}", "HEAD:README.md", "v1"])
    func rawObjectMatchesCatFile(revision: String) throws {
        let repo = try Self.sample()
        try repo.annotatedTag("v1", message: "one")
        let opened = try repo.open()
        let object = try opened.readObject(try opened.resolve(revision))
        let type = try repo.git(["cat-file", "-t", revision])
        #expect(object.type.rawValue == type)
        let raw = try Run.checked(["sh", "-c", "git cat-file \(type) \(revision) | od -An -tx1 -v"], in: repo.url).stdout
        let expected = raw.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { UInt8($0, radix: 16)! }
        #expect(Array(object.data) == expected)
        #expect(try opened.objectType(try opened.resolve(revision)) == object.type)
    }

    @Test func containsAndMissingObjects() throws {
        let repo = try TestRepository()
        let head = try repo.commit("one")
        let opened = try repo.open()
        #expect(try opened.contains(try id(head)))
        #expect(try !opened.contains(.zero))
        let error = try #require(throws: GitError.self) { try opened.readObject(.zero) }
        #expect(error.code == .notFound)
    }

    @Test func readsAnnotatedTag() throws {
        let repo = try TestRepository(name: "Tina Tagger", email: "tina@example.org")
        repo.setDate(1_700_000_000, offset: "+0200")
        let target = try repo.commit("one")
        let tagID = try repo.annotatedTag("release/1", message: "Release one\n\nReview: x")
        let tag = try repo.open().tag(try id(tagID))
        #expect(tag.id.hex == tagID)
        #expect(tag.name == "release/1")
        #expect(tag.targetID.hex == target)
        #expect(tag.targetType == .commit)
        #expect(tag.tagger == Signature(name: "Tina Tagger", email: "tina@example.org",
                                        date: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 120))
        #expect(tag.message == "Release one\n\nReview: x\n")
    }

    @Test func signedTagMessageExcludesSignature() throws {
        let key = try SSHKey()
        let repo = try TestRepository()
        try repo.commit("one")
        let tagID = try repo.signedTag("signed", message: "Signed one\n\nStep: intake", key: key)
        let tag = try repo.open().tag(try id(tagID))
        #expect(tag.message == "Signed one\n\nStep: intake\n")
    }

    @Test func tagLookupOfCommitThrows() throws {
        let repo = try TestRepository()
        let head = try repo.commit("one")
        #expect(throws: GitError.self) { try repo.open().tag(try id(head)) }
    }
}
