import Foundation
import GitKit

/// One line a pre-receive hook reads: `<old> <new> <ref>`; an all-zero id means created or deleted.
public struct RefUpdate: Sendable, Equatable {
    public var old: ObjectID
    public var new: ObjectID
    public var ref: String

    public init(old: ObjectID, new: ObjectID, ref: String) {
        self.old = old
        self.new = new
        self.ref = ref
    }

    /// Parses the hook's standard input; a malformed line is unusable input.
    public static func parse(_ text: String) throws -> [RefUpdate] {
        try text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let old = ObjectID(String(parts[0])), let new = ObjectID(String(parts[1])) else {
                throw InputError("pre-receive input \"\(line)\" is not `<old> <new> <ref>`")
            }
            return RefUpdate(old: old, new: new, ref: String(parts[2]))
        }
    }
}

/// The server's gate (spec section 6): judges what a push adds — new commits on protected
/// branches, new anchors and new sign-off tags — and the ref rules, against the repository as
/// it was before the push.
public struct PushJudge {
    public let context: LedgerContext
    /// How far a tagger date may be from the server's clock.
    public static let clockTolerance: TimeInterval = 600

    public init(context: LedgerContext) {
        self.context = context
    }

    public func judge(_ updates: [RefUpdate]) throws -> [Violation] {
        var violations: [Violation] = []
        let protected = try protectedBranches(updates)
        var tip: ObjectID?
        var anchoredTags = Set<ObjectID>()
        for update in updates where update.ref.hasPrefix("refs/heads/") {
            let branch = String(update.ref.dropFirst("refs/heads/".count))
            guard protected.contains(branch) else { continue }
            if update.new.isZero {
                violations.append(Violation(rule: "ref.deleted", ref: update.ref, commit: update.old.hex,
                                            message: "\(update.ref) is a protected branch: its history is the sign-off log and is never deleted"))
                continue
            }
            if !update.old.isZero, !(try context.repository.isAncestor(update.old, of: update.new)) {
                violations.append(Violation(rule: "ref.non-fast-forward", ref: update.ref, commit: update.new.hex,
                                            message: "\(update.ref) would be rewound from \(update.old.hex.prefix(10)) to \(update.new.hex.prefix(10)); a protected branch only moves forward, so merge or revert instead of rewriting"))
                continue
            }
            let report = try Ledger(context: context, branch: branch).extend(from: update.old.isZero ? nil : update.old, to: update.new)
            violations += report.violations
            anchoredTags.formUnion(report.signOffs.map(\.tagID))
            if tip == nil { tip = update.new }
        }
        violations += try judgeTags(updates, protected: protected, tip: tip, anchored: anchoredTags)
        return violations
    }

    /// The protected branches of the policy in force: at the protected branch before the push,
    /// or, for a first push, in what is pushed.
    private func protectedBranches(_ updates: [RefUpdate]) throws -> Set<String> {
        for update in updates where update.ref.hasPrefix("refs/heads/") && !update.old.isZero {
            if let policy = try context.policyInForce(at: update.old), policy.protectedBranches.contains(String(update.ref.dropFirst(11))) {
                return Set(policy.protectedBranches)
            }
        }
        for branch in ["main", "master"] {
            if let tip = try context.repository.reference(named: "refs/heads/\(branch)"), let policy = try context.policyInForce(at: tip) {
                return Set(policy.protectedBranches)
            }
        }
        for update in updates where update.ref.hasPrefix("refs/heads/") && !update.new.isZero {
            if let policy = try context.policy(at: update.new) { return Set(policy.protectedBranches) }
        }
        return ["main"]
    }

    /// New sign-off tags are judged as if anchored at the pushed tip, in the order their
    /// `Requires:` chain gives; changed or deleted ones are refused.
    private func judgeTags(_ updates: [RefUpdate], protected: Set<String>, tip: ObjectID?,
                           anchored: Set<ObjectID>) throws -> [Violation] {
        var violations: [Violation] = []
        var pending: [(SignOffName, RefUpdate)] = []
        for update in updates where update.ref.hasPrefix(SignOffName.refPrefix) {
            if update.new.isZero {
                violations.append(Violation(rule: "ref.deleted", ref: update.ref, commit: update.old.hex,
                                            message: "\(update.ref) is a sign-off tag; sign-off tags are never deleted"))
            } else if !update.old.isZero {
                violations.append(Violation(rule: "ref.signoff-moved", ref: update.ref, commit: update.new.hex,
                                            message: "\(update.ref) already names \(update.old.hex.prefix(10)); a sign-off tag never moves, so sign a new round instead"))
            } else if let name = SignOffName(update.ref) {
                if let date = try? context.repository.tag(update.new).tagger?.date, abs(date.timeIntervalSince(context.now)) > PushJudge.clockTolerance {
                    violations.append(Violation(rule: "signoff.tagger-date", ref: update.ref, commit: update.new.hex,
                                                message: "\(name): rejected (signoff.tagger-date): the tagger date \(SignOffJudge.timestamp(date)) is more than 10 minutes from the server's clock (\(SignOffJudge.timestamp(context.now))); check your clock and tag again"))
                    continue
                }
                if !anchored.contains(update.new) { pending.append((name, update)) }
            } else {
                violations.append(Violation(rule: "signoff.malformed", ref: update.ref, commit: update.new.hex,
                                            message: "\(update.ref): rejected (signoff.malformed): the name is not signoff/<review>/<step>/<round>/<member>"))
            }
        }
        guard !pending.isEmpty else { return violations }
        let tipID = tip ?? protected.lazy.compactMap { try? context.repository.reference(named: "refs/heads/\($0)") }.first
        guard let tipID, let policy = try context.policyInForce(at: tipID) else { return violations }
        // The pushed tip holds every anchor the push brings; any it rejects rejects the whole push.
        var current = try Ledger(context: context, branch: protected.sorted().first ?? "main")
            .acceptedState(at: tipID, reviews: Set(pending.map(\.0.review)))
        let tipCommit = try context.commit(tipID)
        let stepOrder = policy.steps.map(\.id)
        pending.sort { (stepOrder.firstIndex(of: $0.0.step) ?? .max, $0.0.round) < (stepOrder.firstIndex(of: $1.0.step) ?? .max, $1.0.round) }
        for (name, update) in pending {
            var signOff = try SignOffJudge(context: context, policy: policy, acceptance: tipCommit, state: current).judge(name: name, tagID: update.new)
            for index in signOff.violations.indices { signOff.violations[index].ref = update.ref }
            violations += signOff.violations
            if signOff.isValid { current.accept(signOff) }
        }
        return violations
    }
}
