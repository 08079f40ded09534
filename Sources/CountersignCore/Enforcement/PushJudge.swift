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

/// The server's gate (docs/reference.md#rules): judges what a push adds — new commits on protected
/// branches, new anchors on any branch and new sign-off tags — and the ref rules, against the
/// repository as it was before the push.
public struct PushJudge {
    public let context: LedgerContext
    /// How far a tagger date may be from the server's clock.
    public static let clockTolerance: TimeInterval = 600

    public init(context: LedgerContext) {
        self.context = context
        context.judgesKeysAtClock = true
    }

    public func judge(_ updates: [RefUpdate]) throws -> [Finding] {
        var violations: [Finding] = []
        let protected = try protectedBranches(updates)
        var tips: [String: ObjectID] = [:]
        for branch in protected {
            tips[branch] = try context.repository.reference(named: "refs/heads/\(branch)")
        }
        let serverLog = protected.first.flatMap { tips[$0] } ?? nil
        var anchoredTags = Set<ObjectID>()
        for update in updates where !update.ref.hasPrefix(SignOffName.refPrefix) {
            let branch = update.ref.hasPrefix("refs/heads/") ? String(update.ref.dropFirst("refs/heads/".count)) : nil
            guard let branch, protected.contains(branch) else {
                violations += try judgeOtherRef(update, protectedTips: protected.compactMap { tips[$0] ?? nil }, serverLog: serverLog)
                continue
            }
            if update.new.isZero {
                violations.append(Finding(rule: .refDeleted, ref: update.ref, commit: update.old.hex,
                                            message: "\(update.ref) is a protected branch: its history is the sign-off log and is never deleted"))
                continue
            }
            if !update.old.isZero, !(try context.isOnFirstParentChain(update.old, of: update.new)) {
                violations.append(Finding(rule: .refNonFastForward, ref: update.ref, commit: update.new.hex,
                                            message: "\(update.ref) would move from \(update.old.hex.prefix(10)) to \(update.new.hex.prefix(10)), which does not keep the old tip on its first-parent chain; a protected branch only moves forward, so merge the work into it (its tip the merge's first parent) or revert instead of rewriting"))
                continue
            }
            if update.old.isZero, branch != protected.first, let logTip = protected.first.flatMap({ tips[$0] ?? nil }) {
                if let violation = try judgeNewProtectedBranch(update, logTip: logTip, log: protected.first ?? "main") {
                    violations.append(violation)
                } else {
                    // Created at a commit of the log: everything there was judged when the log gained it.
                    tips[branch] = update.new
                }
                continue
            }
            let report = try Ledger(context: context, branch: branch).extend(from: update.old.isZero ? nil : update.old, to: update.new)
            violations += report.violations
            for signOff in report.signOffs {
                if let late = arrivalViolation(tagID: signOff.tagID, tagger: signOff.tagger, name: signOff.name, ref: update.ref) { violations.append(late) }
            }
            anchoredTags.formUnion(report.signOffs.map(\.tagID))
            tips[branch] = update.new
        }
        let log = protected.first.flatMap { tips[$0] } ?? nil
        violations += try judgeTags(updates, log: log, serverLog: serverLog, logBranch: protected.first ?? "main", anchored: anchoredTags)
        return violations
    }

    /// A protected branch other than the log is created at a commit of the log's history (spec
    /// section 2): one root, one log, so no orphan with a policy of its own starts a second one.
    private func judgeNewProtectedBranch(_ update: RefUpdate, logTip: ObjectID, log: String) throws -> Finding? {
        if try context.repository.isAncestor(update.new, of: logTip) { return nil }
        let roots = try context.repository.walk(from: [update.new], hiding: [logTip], firstParentOnly: true, order: .reverseTopological)
        let oldest = try roots.first.map { try context.commit($0) }
        if let oldest, oldest.parentIDs.isEmpty {
            return Finding(rule: .commitForeignRoot, ref: update.ref, commit: oldest.id.hex,
                             message: "\(update.ref) would start at its own root commit \(oldest.id.hex.prefix(10)); every protected branch shares the root of \(log), so create it at a commit of \(log)")
        }
        return Finding(rule: .refNonFastForward, ref: update.ref, commit: update.new.hex,
                         message: "\(update.ref) is a new protected branch at \(update.new.hex.prefix(10)), which is not a commit of \(log); create it at a commit of \(log) (`git push origin \(log):\(update.ref)`) and merge into it from there")
    }

    /// The protected branches, the sign-off log first, read from the log's policy as the server
    /// holds it before the push: the log is a branch on the server whose policy names it first
    /// (`main`, then `master`, before any other, so that a side branch whose own policy names
    /// itself protects nothing and unprotects nothing). For a first push, what is pushed.
    private func protectedBranches(_ updates: [RefUpdate]) throws -> [String] {
        let heads = try context.repository.references(withPrefix: "refs/heads/").map { String($0.name.dropFirst("refs/heads/".count)) }
        let ordered = ["main", "master"].filter(heads.contains) + heads.filter { $0 != "main" && $0 != "master" }.sorted()
        for branch in ordered {
            if let tip = try context.repository.reference(named: "refs/heads/\(branch)"), let policy = try context.policyInForce(at: tip),
               policy.protectedBranches.first == branch {
                return policy.protectedBranches
            }
        }
        for update in updates where update.ref.hasPrefix("refs/heads/") && !update.new.isZero {
            if let policy = try context.policy(at: update.new) { return policy.protectedBranches }
        }
        return ["main"]
    }
}
