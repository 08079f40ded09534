import Foundation
import Signatures
import Testing
import TestSupport

/// The verdict of this library on every object of a corpus made by git must be git's own.
@Suite("Differential against git verify-commit and verify-tag", .serialized)
struct GitDifferentialTests {
    /// What this library concludes about one object.
    enum Outcome: Equatable, CustomStringConvertible {
        case verified
        case unsigned
        /// The signature verifies but its SSH key is not a trusted one.
        case untrustedKey
        case refused(Refusal)

        var description: String {
            switch self {
            case .verified: "verified"
            case .unsigned: "unsigned"
            case .untrustedKey: "untrusted key"
            case .refused(let refusal): "refused (\(refusal.rawValue))"
            }
        }
    }

    static func expected(_ item: CorpusCase) -> Outcome {
        switch item.variant {
        case .valid, .messageHashSHA256, .reservedField, .armorWithoutChecksum: .verified
        case .unsigned: .unsigned
        case .tamperedPayload, .corruptedSignature: .refused(.badSignature)
        case .truncatedSignature: .refused(.malformed)
        case .wrongNamespace: .refused(.wrongNamespace)
        case .wrongKey: item.signer == .openpgp ? .refused(.unknownKey) : .untrustedKey
        }
    }

    /// Splits the object as git does, then verifies; an SSH key must be one of the trusted keys.
    static func outcome(_ object: SignedObject, in corpus: GitCorpus) -> Outcome {
        guard let signature = object.signature else { return .unsigned }
        do {
            switch try DetachedSignature.parse(signature) {
            case .ssh(let ssh):
                try ssh.verify(message: object.payload)
                return corpus.trustedSSHKeys.contains(ssh.publicKey) ? .verified : .untrustedKey
            case .openpgp(let armored):
                let result = try corpus.verifier.verify(signature: armored, message: object.payload)
                #expect(result.primaryKeyFingerprint == corpus.gpgKey.fingerprint)
                return .verified
            }
        } catch {
            expectHouseStyle(error)
            return .refused(Refusal(error))
        }
    }

    @Test("this library and git agree on every object", arguments: CorpusCase.all)
    func agreesWithGit(_ item: CorpusCase) throws {
        let corpus = try GitCorpus.shared.get()
        let id = try #require(corpus.objects[item])
        let object = SignedObject.split(try corpus.object(id, kind: item.kind), kind: item.kind)
        let ours = Self.outcome(object, in: corpus)
        let git = try corpus.gitVerifies(id, kind: item.kind)
        #expect((ours == .verified) == git, "ours: \(ours), git: \(git ? "good" : "bad")")
        #expect(ours == Self.expected(item))
    }

    @Test("the corpus holds every case, each a distinct object")
    func corpusIsComplete() throws {
        let corpus = try GitCorpus.shared.get()
        #expect(CorpusCase.all.count == 86)
        #expect(corpus.objects.count == CorpusCase.all.count)
        #expect(Set(corpus.objects.values).count == CorpusCase.all.count)
    }

    @Test("splitting a signed object and joining it again gives git's bytes back")
    func splitRoundTrip() throws {
        let corpus = try GitCorpus.shared.get()
        for item in CorpusCase.all where item.variant != .unsigned {
            let bytes = try corpus.object(try #require(corpus.objects[item]), kind: item.kind)
            let split = SignedObject.split(bytes, kind: item.kind)
            #expect(split.signature != nil)
            #expect(split.joined() == bytes, "\(item)")
        }
    }

    /// By design this library is stricter than git here: OpenSSH ignores whatever follows an SSH
    /// signature's end line, and git hands a tag's whole tail to it, so git accepts text appended
    /// after the signature; this library refuses it as malformed.
    @Test("text after an ssh signature's end line: git accepts it, this library refuses it")
    func trailingTextDivergence() throws {
        let corpus = try GitCorpus.shared.get()
        let item = CorpusCase(signer: .ed25519, kind: .tag, variant: .valid)
        let original = SignedObject.split(try corpus.object(try #require(corpus.objects[item]), kind: .tag), kind: .tag)
        let extended = original.replacing(signature: original.signature! + Data("appended text\n".utf8))
        let id = try corpus.repository.git(["hash-object", "-w", "-t", "tag", "--literally", "--stdin"], input: extended.joined())
        #expect(try corpus.gitVerifies(id, kind: .tag))
        let object = SignedObject.split(try corpus.object(id, kind: .tag), kind: .tag)
        #expect(Self.outcome(object, in: corpus) == .refused(.malformed))
    }
}
