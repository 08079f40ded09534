import CountersignCore
import Foundation
import Signatures

/// One parser that input from a push reaches, as a fuzz target: `run` feeds it arbitrary bytes;
/// an error it throws is the expected answer to bad input, anything else (a crash, a hang, memory
/// that grows without bound) is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Detached signatures: the SSHSIG armor and wire format, and the OpenPGP signature armor.
    case sshsig
    /// OpenPGP public key blocks (armor, CRC-24, packets), as the policy lists them.
    case armor
    /// `countersign.yaml`: YAML (with the anchor, alias and merge-key guard) and the policy schema.
    case policy
    /// The review files: YAML and Markdown through the review schemas, the first byte choosing the file.
    case review
    /// The trailers of a sign-off tag's message.
    case message
    /// An anchor: the bytes of a signed tag object.
    case anchor

    /// The review files `review` feeds, by the input's first byte.
    static let reviewFiles = [
        "review.yaml", "system/description.md", "system/architecture.md", "system/context.yaml",
        "system/data-flows.yaml", "system/tool-manifest.yaml", "security/threats.yaml", "security/controls.yaml",
        "security/gaps.yaml", "governance/risk-acceptance.yaml", "governance/triggers.yaml", "dpo/dpia.yaml",
        "dpo/advisory.md", "authority/disposition.yaml", "status/implementation-status.yaml",
    ]

    /// Feeds `data` to the parser; never throws (every thrown error is a correct refusal).
    public func run(_ data: Data) {
        switch self {
        case .sshsig:
            _ = try? DetachedSignature.parse(data)
            if let line = String(data: data.prefix(16_384), encoding: .utf8) { _ = try? SSHPublicKey(line: line) }
        case .armor:
            _ = try? OpenPGPPublicKey(armored: String(decoding: data, as: UTF8.self))
        case .policy:
            _ = PolicyReader.parse(String(decoding: data, as: UTF8.self))
        case .review:
            let file = Self.reviewFiles[Int(data.first ?? 0) % Self.reviewFiles.count]
            let source = MemorySource(files: ["reviews/fuzz/\(file)": Data(data.dropFirst())])
            _ = try? ReviewReader(source: source, diagnostics: FindingCollector()).read("fuzz")
        case .message:
            _ = try? SignOffMessage(message: String(decoding: data, as: UTF8.self))
        case .anchor:
            _ = try? Anchor(bytes: data, name: SignOffName(review: "fuzz", step: "assessment", round: 1, member: "bob"))
        }
    }
}
