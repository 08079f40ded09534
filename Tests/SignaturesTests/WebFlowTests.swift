import Foundation
import Signatures
import Testing

/// GitHub's web-flow key as a trusted committer: real commits it signed verify with its published
/// keys. A signature made before the old key expired is good, with the expiry reported: whether it
/// counts is judged at the signature's date (and, on a server, at the server's clock), never at
/// whenever the check runs — git's EXPKEYSIG judges it at today's clock instead.
@Suite("GitHub web-flow commits")
struct WebFlowTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/github-web-flow")

    static let entries: [(file: String, keyID: String, gitVerdict: String)] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("manifest.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return (fields[0], fields[2], fields[4])
        }
    }()

    @Test("each commit verifies with the published keys; the old key's signatures predate its expiry", arguments: entries.map(\.file))
    func webFlow(_ file: String) throws {
        let entry = try #require(Self.entries.first { $0.file == file })
        // The file holds both published key blocks; a policy lists each on its own.
        let end = "-----END PGP PUBLIC KEY BLOCK-----"
        let keys = try String(contentsOf: Self.folder.appendingPathComponent("web-flow-keys.asc"), encoding: .utf8)
            .components(separatedBy: end).filter { $0.contains("-----BEGIN") }
            .map { String($0[$0.range(of: "-----BEGIN")!.lowerBound...]) + end + "\n" }
        #expect(keys.count == 2)
        let (payload, signature) = RealCommitTests.split(try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let verifier = try OpenPGPVerifier(armoredKeys: keys)
        let result = try verifier.verify(signature: signature, message: payload)
        #expect(result.signingKeyFingerprint.hasSuffix(entry.keyID))
        if entry.gitVerdict == "EXPKEYSIG" {
            let expired = try #require(result.keyExpired, "git says the key has expired")
            #expect(result.created < expired)
        } else {
            #expect(entry.gitVerdict == "GOODSIG")
            #expect(result.keyExpired == nil)
        }
    }
}
