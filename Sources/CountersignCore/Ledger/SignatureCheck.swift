import Foundation
import GitKit
import Signatures

/// Who a verified signature belongs to under one policy.
public enum KeyHolder: Sendable, Equatable {
    case member(String)
    case trustedCommitter(String)
}

/// A signature that verified over its payload, with the key that made it.
public struct VerifiedSignature: Sendable {
    /// `SHA256:…` for SSH, the 40-hex primary key fingerprint for OpenPGP.
    public var fingerprint: String
    /// The SSH key when the signature is an SSH one.
    public var sshKey: SSHPublicKey?
    /// The OpenPGP fingerprint of the key or subkey that signed.
    public var openPGPFingerprint: String?
    /// When the OpenPGP key expired by its own expiry date, if it has; judged at a date the judge chooses.
    public var keyExpired: Date?

    /// Whether a FIDO security key verified its user for this signature.
    public var userVerified = false

    /// Whether the signature meets what `key` asks beyond its own validity: user verification
    /// for a security key with `verify_required`.
    public func satisfies(_ key: MemberKey) -> Bool { !key.verifyRequired || userVerified }

    /// Whether the key's own expiry (OpenPGP) allows a signature at `date`.
    public func keyAllows(_ date: Date) -> Bool { keyExpired.map { date < $0 } ?? true }

    /// The member or trusted committer of `policy` holding this key, with the key entry.
    public func holder(in policy: Policy) -> (KeyHolder, MemberKey)? {
        for member in policy.members {
            if let key = member.keys.first(where: matches) { return (.member(member.id), key) }
        }
        for committer in policy.trustedCommitters {
            if let key = committer.keys.first(where: matches) { return (.trustedCommitter(committer.name), key) }
        }
        return nil
    }

    func matches(_ key: MemberKey) -> Bool {
        switch key.material {
        case .ssh(let candidate): sshKey == candidate
        case .openpgp(let candidate): openPGPFingerprint.map(candidate.owns(fingerprint:)) ?? false
        }
    }
}

/// The outcome of checking one object's signature, before any policy is applied.
public enum SignatureOutcome: Sendable {
    case unsigned
    /// The signature is malformed or does not verify; the reason says which.
    case invalid(String)
    /// An OpenPGP signature by a key the policy does not list (it cannot be checked further).
    case unknownSigner(String)
    case verified(VerifiedSignature)
}

/// Verifies commit and tag signatures in-process (SSH) or against a private keyring made only from
/// policy keys (OpenPGP). Each tag is verified once per run, whatever asks for it; a long walk's
/// commit signatures can be verified ahead on a second thread (`startPrefetch(history:)`).
public final class SignatureCheck {
    private let repository: Repository
    /// Outcomes by object id; a verified one is stored as the position of its signer in `signers`,
    /// so that a long history holds each key once, not once per object. Tags are asked about more
    /// than once in a run (judged where anchored, then scanned), commits about once: their cache
    /// keeps only the recent ones.
    private var tags: [ObjectID: StoredOutcome] = [:]
    private var commits = BoundedCache<ObjectID, StoredOutcome>(capacity: 4096)
    private var prefetch: SignaturePrefetch?
    /// How many commit signatures came verified from the second thread (see `SignaturePrefetch`).
    public private(set) var prefetchedCount = 0
    private var signers: [VerifiedSignature] = []
    private var signerPositions: [String: Int] = [:]
    private var openPGPKeys: [String: OpenPGPPublicKey] = [:]
    private var openPGPVerifier: OpenPGPVerifier?

    public init(repository: Repository) {
        self.repository = repository
    }

    /// Makes the OpenPGP keys of `policy` known, so that OpenPGP signatures by them can verify.
    public func learn(_ policy: Policy) {
        let keys = (policy.members.flatMap(\.keys) + policy.trustedCommitters.flatMap(\.keys)).compactMap { key -> OpenPGPPublicKey? in
            if case .openpgp(let pgp) = key.material { return pgp }
            return nil
        }
        for key in keys where openPGPKeys[key.fingerprint] == nil {
            openPGPKeys[key.fingerprint] = key
            openPGPVerifier = nil
        }
    }

    public func commit(_ id: ObjectID) throws -> SignatureOutcome {
        if let cached = commits[id] { return outcome(cached) }
        let result: SignatureOutcome
        if let prefetched = prefetch?.take(id) {
            result = prefetched
            prefetchedCount += 1
        } else {
            result = try check(repository.commitSignature(id))
        }
        commits[id] = store(result)
        return result
    }

    /// Starts verifying the commit signatures of `history` (oldest first) on a second thread;
    /// `advance(to:)` tells it where the walk that asks for them is.
    func startPrefetch(history: [ObjectID]) {
        prefetch = SignaturePrefetch(history: history, origin: repository.origin)
    }

    /// The walk that asks for commit signatures is at `index` of the prefetched history.
    func advance(to index: Int) {
        prefetch?.advance(to: index)
    }

    func stopPrefetch() {
        prefetch?.stop()
        prefetch = nil
    }

    /// The outcome of an anchor's signature, cached by its tag id.
    public func tag(_ anchor: Anchor) throws -> SignatureOutcome {
        if let cached = tags[anchor.id] { return outcome(cached) }
        let result = try check(anchor.signed)
        tags[anchor.id] = store(result)
        return result
    }

    private func check(_ signed: SignedPayload?) throws -> SignatureOutcome {
        guard let signed else { return .unsigned }
        return try verify(signed)
    }

    private enum StoredOutcome {
        case unsigned
        case invalid(String)
        case unknownSigner(String)
        case verified(Int)
    }

    private func store(_ outcome: SignatureOutcome) -> StoredOutcome {
        switch outcome {
        case .unsigned: return .unsigned
        case .invalid(let reason): return .invalid(reason)
        case .unknownSigner(let reason): return .unknownSigner(reason)
        case .verified(let signature):
            // Per signature, not per key: whether a security key verified its user.
            let key = "\(signature.fingerprint) \(signature.openPGPFingerprint ?? "") \(signature.userVerified)"
            if let position = signerPositions[key] { return .verified(position) }
            signerPositions[key] = signers.count
            signers.append(signature)
            return .verified(signers.count - 1)
        }
    }

    private func outcome(_ stored: StoredOutcome) -> SignatureOutcome {
        switch stored {
        case .unsigned: .unsigned
        case .invalid(let reason): .invalid(reason)
        case .unknownSigner(let reason): .unknownSigner(reason)
        case .verified(let position): .verified(signers[position])
        }
    }

    /// The outcome of an SSH signature, checked in-process; nil when the signature is OpenPGP.
    /// Safe on any thread: it touches no state.
    static func verifySSH(_ signed: SignedPayload) -> SignatureOutcome? {
        do {
            guard case .ssh(let signature) = try DetachedSignature.parse(signed.signature) else { return nil }
            return outcome(of: signature, over: signed)
        } catch {
            return .invalid(error.description)
        }
    }

    private static func outcome(of signature: SSHSignature, over signed: SignedPayload) -> SignatureOutcome {
        do {
            try signature.verify(message: signed.signedData, namespace: "git")
            return .verified(VerifiedSignature(fingerprint: signature.publicKey.fingerprint, sshKey: signature.publicKey, userVerified: signature.userVerified))
        } catch {
            return .invalid(error.description)
        }
    }

    /// A missing or failing gpg is the machine's problem, not the signature's: unusable input (exit 2).
    private func verify(_ signed: SignedPayload) throws -> SignatureOutcome {
        do {
            switch try DetachedSignature.parse(signed.signature) {
            case .ssh(let signature):
                return Self.outcome(of: signature, over: signed)
            case .openpgp(let armored):
                guard !openPGPKeys.isEmpty else { return .invalid("an OpenPGP signature, but the policy lists no OpenPGP key") }
                if openPGPVerifier == nil {
                    openPGPVerifier = try OpenPGPVerifier(keys: openPGPKeys.values.sorted { $0.fingerprint < $1.fingerprint })
                }
                let verification = try openPGPVerifier!.verify(signature: armored, message: signed.signedData)
                return .verified(VerifiedSignature(fingerprint: verification.primaryKeyFingerprint, openPGPFingerprint: verification.signingKeyFingerprint,
                                                   keyExpired: verification.keyExpired))
            }
        } catch SignatureError.unknownKey(let reason) {
            return .unknownSigner(reason)
        } catch SignatureError.gpgUnavailable(let reason), SignatureError.gpgFailed(let reason) {
            throw InputError("cannot check an OpenPGP signature: \(reason)")
        } catch {
            return .invalid(error.description)
        }
    }
}
