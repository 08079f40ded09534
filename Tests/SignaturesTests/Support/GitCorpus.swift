import Foundation
@testable import Signatures
import TestSupport

/// Who signs an object of the corpus: an SSH key of each kind, or an OpenPGP key.
enum CorpusSigner: String, CaseIterable, Sendable {
    case ed25519, ecdsa256, ecdsa384, rsa, openpgp

    var sshKind: SSHKey.Kind? { SSHKey.Kind(rawValue: rawValue) }
}

/// How an object of the corpus differs from what git signed.
enum CorpusVariant: String, CaseIterable, Sendable {
    /// The object exactly as `git commit -S` / `git tag -s` made it.
    case valid
    /// Signed again by the same key with a SHA-256 message hash (`-O hashalg=sha256`; SSH only).
    case messageHashSHA256
    /// The signature with a non-empty reserved field, which verifiers ignore (SSH only).
    case reservedField
    /// The armor without its CRC-24 line, which is optional (OpenPGP only).
    case armorWithoutChecksum
    /// The signature removed.
    case unsigned
    /// A byte of the signed content changed, the signature kept.
    case tamperedPayload
    /// The signature cut to half its lines, begin and end lines kept.
    case truncatedSignature
    /// The content signed by the same key with `ssh-keygen -Y sign -n file` (SSH only).
    case wrongNamespace
    /// The content signed by a key that is not trusted.
    case wrongKey
    /// The last byte of the signature value flipped.
    case corruptedSignature

    func applies(to signer: CorpusSigner) -> Bool {
        switch self {
        case .messageHashSHA256, .reservedField, .wrongNamespace: signer != .openpgp
        case .armorWithoutChecksum: signer == .openpgp
        default: true
        }
    }
}

/// One object of the corpus.
struct CorpusCase: Hashable, Sendable, CustomStringConvertible {
    let signer: CorpusSigner
    let kind: SignedObject.Kind
    let variant: CorpusVariant

    var description: String { "\(kind) signed with \(signer), \(variant)" }

    static let all: [CorpusCase] = CorpusSigner.allCases.flatMap { signer in
        SignedObject.Kind.allCases.flatMap { kind in
            CorpusVariant.allCases.filter { $0.applies(to: signer) }
                .map { CorpusCase(signer: signer, kind: kind, variant: $0) }
        }
    }
}

/// A real repository holding commits and annotated tags signed by git with every kind of key, and
/// damaged copies of them written with `git hash-object --literally`; made once per test run.
final class GitCorpus: @unchecked Sendable {
    static let shared = Result { try GitCorpus() }

    let repository: TestRepository
    private let files: TempDirectory
    /// The allowed signers file git verifies SSH signatures with: the trusted keys only.
    let allowedSigners: URL
    let trustedSSHKeys: Set<SSHPublicKey>
    let gpgKey: GPGKey
    let verifier: OpenPGPVerifier
    private(set) var objects: [CorpusCase: String] = [:]

    private init() throws {
        repository = try TestRepository()
        files = try TempDirectory(prefix: "corpus")
        gpgKey = try SharedKeys.gpg()
        verifier = try OpenPGPVerifier(armoredKeys: [gpgKey.armoredPublicKey])
        for folder in [repository.url, files.url, verifier.home] { AtExit.remove(folder) }
        let sshKeys = try SSHKey.Kind.allCases.map { try SharedKeys.ssh($0) }
        trustedSSHKeys = Set(try sshKeys.map { try SSHPublicKey(line: $0.publicKeyLine) })
        allowedSigners = files.child("allowed_signers")
        try sshKeys.map { "test@example.org \($0.publicKeyLine)\n" }.joined()
            .write(to: allowedSigners, atomically: true, encoding: .utf8)

        for signer in CorpusSigner.allCases {
            try repository.write("\(signer).txt", "signed with \(signer)\n")
            let commitMessage = "corpus commit by \(signer)", tagMessage = "corpus tag by \(signer)"
            let commit: String, tag: String
            if let kind = signer.sshKind {
                let key = try SharedKeys.ssh(kind)
                commit = try repository.commit(commitMessage, sign: key)
                tag = try repository.signedTag("corpus-\(signer)", message: tagMessage, target: commit, key: key)
            } else {
                commit = try repository.commit(commitMessage, gpg: gpgKey)
                tag = try repository.signedTag("corpus-\(signer)", message: tagMessage, target: commit, gpg: gpgKey)
            }
            for (kind, id) in [(SignedObject.Kind.commit, commit), (.tag, tag)] {
                let original = SignedObject.split(try object(id, kind: kind), kind: kind)
                for variant in CorpusVariant.allCases where variant.applies(to: signer) {
                    let key = CorpusCase(signer: signer, kind: kind, variant: variant)
                    objects[key] = variant == .valid ? id : try write(try damage(original, variant, signer), kind: kind)
                }
            }
        }
    }

    /// The raw object, as `git cat-file` prints it.
    func object(_ id: String, kind: SignedObject.Kind) throws -> Data {
        Data(try Run.checked(["git", "cat-file", kind.rawValue, id], in: repository.url).stdout.utf8)
    }

    /// git's verdict: `git verify-commit|verify-tag` with the allowed signers file and a gpg home
    /// that holds only the trusted OpenPGP key.
    func gitVerifies(_ id: String, kind: SignedObject.Kind) throws -> Bool {
        try repository.tryGit(["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners.path)", "verify-\(kind.rawValue)", id],
                              environment: gpgKey.environment).succeeded
    }

    private func write(_ object: SignedObject, kind: SignedObject.Kind) throws -> String {
        try repository.git(["hash-object", "-w", "-t", kind.rawValue, "--literally", "--stdin"], input: object.joined())
    }

    private func damage(_ original: SignedObject, _ variant: CorpusVariant, _ signer: CorpusSigner) throws -> SignedObject {
        let signature = String(decoding: original.signature!, as: UTF8.self)
        func sign(_ payload: Data, other: Bool, namespace: String = "git") throws -> String {
            if let kind = signer.sshKind {
                return try (other ? SharedKeys.otherSSH(kind) : SharedKeys.ssh(kind)).sign(payload, namespace: namespace)
            }
            return try (other ? SharedKeys.otherGPG() : gpgKey).sign(payload)
        }
        switch variant {
        case .valid:
            return original
        case .messageHashSHA256:
            let key = try SharedKeys.ssh(signer.sshKind!)
            let file = files.child("payload-\(UUID().uuidString)")
            try original.payload.write(to: file)
            try Run.checked(["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-O", "hashalg=sha256", "-f", key.privateKeyPath, file.path])
            return original.replacing(signature: try Data(contentsOf: URL(fileURLWithPath: file.path + ".sig")))
        case .reservedField:
            var fields = SSHSIGFields(armored: signature)!
            fields.reserved = Array("reserved".utf8)
            return original.replacing(signature: Data(fields.armored.utf8))
        case .armorWithoutChecksum:
            let lines = signature.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !($0.hasPrefix("=") && $0.count == 5) }
            return original.replacing(signature: Data(lines.joined(separator: "\n").utf8))
        case .unsigned:
            return original.replacing(signature: nil)
        case .tamperedPayload:
            let text = String(decoding: original.payload, as: UTF8.self)
                .replacingOccurrences(of: "corpus \(original.kind) by", with: "Corpus \(original.kind) by")
            return original.replacing(payload: Data(text.utf8))
        case .truncatedSignature:
            let lines = signature.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let kept = lines.prefix(lines.count / 2) + [lines.last!]
            return original.replacing(signature: Data((kept.joined(separator: "\n") + "\n").utf8))
        case .wrongNamespace:
            return original.replacing(signature: Data(try sign(original.payload, other: false, namespace: "file").utf8))
        case .wrongKey:
            return original.replacing(signature: Data(try sign(original.payload, other: true).utf8))
        case .corruptedSignature:
            let corrupted = Armor.rewriting(signature) { $0[$0.count - 1] ^= 0x01 }!
            return original.replacing(signature: Data(corrupted.utf8))
        }
    }
}
