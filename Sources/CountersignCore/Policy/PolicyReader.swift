import Foundation
import Signatures

/// Reads `countersign.yaml` into a `Policy`: types and keys first, then the whole-policy checks
/// of `PolicyChecker`. Every problem is a ``Rule/policyInvalid`` violation naming `countersign.yaml:LINE`.
public enum PolicyReader {
    static let topKeys = ["version", "protected_branches", "policy_owners", "policy_approvals", "require_signed_commits", "risk",
                          "members", "trusted_committers", "roles", "steps", "separation_of_duties"]

    /// The policy in `source`; throws `InputError` when there is none and `PolicyError` when it is invalid.
    public static func load(from source: FileSource) throws -> Policy {
        let diagnostics = FindingCollector()
        guard let file = try YAMLFile.load(Policy.path, from: source, rule: .policyInvalid, into: diagnostics) else {
            if !diagnostics.isEmpty { throw PolicyError(violations: diagnostics.violations) }
            throw InputError("no countersign.yaml in \(source.label); run `countersign init` to write one", path: Policy.path)
        }
        if let policy = read(file), diagnostics.isEmpty { return policy }
        throw PolicyError(violations: diagnostics.violations)
    }

    /// Parses and checks `text`; the violations, or the policy when there are none.
    public static func parse(_ text: String) -> Result<Policy, PolicyError> {
        let diagnostics = FindingCollector()
        let file = YAMLFile(path: Policy.path, text: text, rule: .policyInvalid, diagnostics: diagnostics)
        if let policy = read(file), diagnostics.isEmpty { return .success(policy) }
        return .failure(PolicyError(violations: diagnostics.violations))
    }

    static func read(_ file: YAMLFile) -> Policy? {
        guard let top = file.rootMapping("the policy", allowed: topKeys) else { return nil }
        let version = top.required("version", in: "the policy")?.int("version")
        if let version, version != 1, let value = top["version"] {
            value.fail("version \(version) is not supported; this countersign reads version 1")
        }
        var policy = Policy(
            version: version ?? 1,
            protectedBranches: top["protected_branches"]?.strings("protected_branches") ?? ["main"],
            policyOwners: top.required("policy_owners", in: "the policy")?.strings("policy_owners") ?? [],
            requireSignedCommits: top["require_signed_commits"]?.bool("require_signed_commits") ?? true,
            risk: top["risk"].map(readRisk) ?? .standard,
            members: [], trustedCommitters: [], roles: [], steps: [],
            separationOfDuties: [])
        policy.policyApprovals = top["policy_approvals"]?.int("policy_approvals") ?? 1
        policy.members = top.required("members", in: "the policy")?.mapping("members")?.entries.compactMap(readMember) ?? []
        policy.trustedCommitters = top["trusted_committers"]?.sequence("trusted_committers")?.compactMap(readTrustedCommitter) ?? []
        policy.roles = top.required("roles", in: "the policy")?.mapping("roles")?.entries.compactMap(readRole) ?? []
        policy.steps = top.required("steps", in: "the policy")?.mapping("steps")?.entries.compactMap(readStep) ?? []
        policy.separationOfDuties = top["separation_of_duties"]?.sequence("separation_of_duties")?
            .compactMap { $0.strings("a separation_of_duties entry") } ?? []
        return PolicyChecker(policy: policy, top: top, file: file).check()
    }

    private static func readRisk(_ value: YAMLValue) -> RiskSettings {
        guard let map = value.mapping("risk", allowed: ["scale", "threshold"]) else { return .standard }
        var risk = RiskSettings.standard
        if let scale = map["scale"]?.int("risk.scale") {
            if scale < 2 || scale > 10 { map["scale"]?.fail("risk.scale is \(scale); use a scale from 2 to 10") }
            risk.scale = scale
        }
        if let threshold = map["threshold"]?.int("risk.threshold") {
            if threshold < 1 || threshold > risk.scale * risk.scale {
                map["threshold"]?.fail("risk.threshold is \(threshold); it must lie between 1 and \(risk.scale * risk.scale) (scale × scale)")
            }
            risk.threshold = threshold
        }
        return risk
    }

    private static func readMember(_ entry: YAMLMapping.Entry) -> Member? {
        let what = "member \(entry.key)"
        guard let map = entry.value.mapping(what, allowed: ["name", "emails", "keys"]) else { return nil }
        return Member(
            id: entry.key,
            name: map.required("name", in: what)?.text("\(what) name") ?? entry.key,
            emails: map.required("emails", in: what)?.strings("\(what) emails") ?? [],
            keys: map["keys"]?.sequence("\(what) keys")?.compactMap { readKey($0, owner: what) } ?? [],
            line: entry.keyLine)
    }

    private static func readTrustedCommitter(_ value: YAMLValue) -> TrustedCommitter? {
        guard let map = value.mapping("a trusted committer", allowed: ["name", "key", "openpgp", "valid_after", "valid_before"]) else { return nil }
        let name = map.required("name", in: "a trusted committer")?.text("trusted committer name") ?? "trusted committer"
        let key = readKey(value, owner: "trusted committer \(name)", extraKeys: ["name"])
        return TrustedCommitter(name: name, keys: key.map { [$0] } ?? [], line: value.line)
    }

    /// A key item: an OpenSSH line, or a mapping with `key:` (OpenSSH) or `openpgp:` and an optional validity window.
    static func readKey(_ value: YAMLValue, owner: String, extraKeys: [String] = []) -> MemberKey? {
        if case .scalar = value.node {
            guard let line = value.text("a key of \(owner)") else { return nil }
            return parseSSH(line, at: value, owner: owner).map { MemberKey(material: .ssh($0), line: value.line) }
        }
        guard let map = value.mapping("a key of \(owner)", allowed: ["key", "openpgp", "valid_after", "valid_before", "verify_required"] + extraKeys) else { return nil }
        var material: MemberKey.Material?
        if let ssh = map["key"], let line = ssh.text("key") {
            material = parseSSH(line, at: ssh, owner: owner).map { .ssh($0) }
        } else if let pgp = map["openpgp"], let armored = pgp.text("openpgp") {
            do {
                material = .openpgp(try OpenPGPPublicKey(armored: armored))
            } catch {
                pgp.fail("the OpenPGP key of \(owner) does not parse: \(error); paste the output of `gpg --armor --export`")
            }
        } else if map["key"] == nil, map["openpgp"] == nil {
            value.fail("a key of \(owner) needs \"key\" (an OpenSSH public key line) or \"openpgp\" (an armored public key)")
        }
        let after = map["valid_after"]?.date("valid_after")
        let before = map["valid_before"]?.date("valid_before")
        if let after, let before, after >= before, let value = map["valid_before"] {
            value.fail("valid_before is not after valid_after: the key of \(owner) would never be valid")
        }
        let verifyRequired = map["verify_required"]?.bool("verify_required") ?? false
        let isSecurityKey = if case .ssh(let key)? = material { key.algorithm.hasPrefix("sk-") } else { false }
        if verifyRequired, material != nil, !isSecurityKey, let flag = map["verify_required"] {
            flag.fail("verify_required applies to FIDO security keys (sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com); the key of \(owner) is not one")
        }
        guard let material else { return nil }
        var key = MemberKey(material: material, validAfter: after, validBefore: before, line: value.line)
        key.verifyRequired = verifyRequired
        return key
    }

    private static func parseSSH(_ line: String, at value: YAMLValue, owner: String) -> SSHPublicKey? {
        do {
            return try SSHPublicKey(line: line)
        } catch {
            value.fail("the key of \(owner) is not a usable OpenSSH public key: \(error); paste the whole line of the .pub file")
            return nil
        }
    }

    private static func readRole(_ entry: YAMLMapping.Entry) -> Role? {
        let what = "role \(entry.key)"
        guard let map = entry.value.mapping(what, allowed: ["members", "owns"]) else { return nil }
        return Role(
            id: entry.key,
            members: map.required("members", in: what)?.strings("\(what) members") ?? [],
            owns: globs(map["owns"], what: "\(what) owns"),
            line: entry.keyLine)
    }

    private static func readStep(_ entry: YAMLMapping.Entry) -> Step? {
        let what = "step \(entry.key)"
        guard let map = entry.value.mapping(what, allowed: ["role", "requires", "covers", "when", "threshold"]) else { return nil }
        let condition = map["when"]?.choice("\(what) when", [Step.Condition.personalData.rawValue])
        let threshold = map["threshold"]?.int("\(what) threshold") ?? 1
        if threshold < 1, let value = map["threshold"] { value.fail("\(what) threshold is \(threshold); it must be at least 1") }
        return Step(
            id: entry.key,
            role: map.required("role", in: what)?.text("\(what) role") ?? "",
            requires: map["requires"]?.strings("\(what) requires") ?? [],
            covers: globs(map["covers"], what: "\(what) covers"),
            when: condition.flatMap(Step.Condition.init(rawValue:)),
            threshold: max(threshold, 1),
            line: entry.keyLine)
    }

    private static func globs(_ value: YAMLValue?, what: String) -> [Glob] {
        value?.sequence(what)?.compactMap { item in item.text("a glob of \(what)").map { Glob($0, line: item.line) } } ?? []
    }
}

/// An invalid policy: every problem found, each naming `countersign.yaml:LINE`.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public var violations: [Finding]
    public var description: String { violations.map(\.description).joined(separator: "\n") }
}
