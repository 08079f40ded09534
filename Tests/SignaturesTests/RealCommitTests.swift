import Foundation
import Signatures
import Testing

/// Real commits signed by their authors' own tools, security keys among them: the in-process
/// verdict on each must be git's (`git verify-commit` with the commit's key allowed).
@Suite("real-world SSH-signed commits, FIDO security keys included")
struct RealCommitTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        let file: String
        let keyType: String
        let publicKey: String
        let gitSaysGood: Bool
        var testDescription: String { "\(keyType) \(file.prefix(10))" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/real-ssh-signatures")

    static let entries: [Entry] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("manifest.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(file: fields[0], keyType: fields[3], publicKey: fields[5], gitSaysGood: fields[6] == "good")
        }
    }()

    /// The commit without its `gpgsig` header (what was signed), and the header's armored signature.
    static func split(_ commit: Data) -> (payload: Data, signature: Data) {
        var payload: [Substring] = [], signature: [Substring] = []
        var inSignature = false
        for line in String(decoding: commit, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("gpgsig ") {
                inSignature = true
                signature.append(line.dropFirst("gpgsig ".count))
            } else if inSignature, line.hasPrefix(" ") {
                signature.append(line.dropFirst())
            } else {
                inSignature = false
                payload.append(line)
            }
        }
        return (Data(payload.joined(separator: "\n").utf8), Data((signature.joined(separator: "\n") + "\n").utf8))
    }

    @Test("the corpus holds what it says", arguments: [0])
    func corpus(_: Int) {
        #expect(Self.entries.count == 25)
        #expect(Self.entries.filter { $0.keyType.hasPrefix("sk-") }.count == 11)
    }

    @Test("the verdict is git's", arguments: entries)
    func verdict(_ entry: Entry) throws {
        let commit = try Data(contentsOf: Self.folder.appendingPathComponent(entry.file))
        let (payload, armored) = Self.split(commit)
        let key = try SSHPublicKey(line: entry.publicKey)
        var good = false
        if let signature = try? SSHSignature(armored: armored), signature.publicKey == key {
            good = (try? signature.verify(message: payload)) != nil
        }
        #expect(good == entry.gitSaysGood, "\(entry.file)")
    }
}
