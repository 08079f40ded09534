import Foundation
import GitKit

/// Everything the protected branch's history says: the commits that broke a rule, and every
/// anchored sign-off in acceptance order with its verdict.
public struct LedgerReport: Sendable {
    public var branch: String
    public var tip: ObjectID
    /// The first-parent history, oldest first.
    public var history: [ObjectID]
    public var violations: [Finding]
    /// Findings that fail nothing (a tag ref that differs from its anchor).
    public var notices: [Finding] = []
    /// Every anchored sign-off judged, valid or not, in acceptance order.
    public var signOffs: [SignOff]
    /// The valid sign-offs.
    public var state: LedgerState
    /// The paths each commit of `history` changed, for triggers.
    public var touches = PathTouches()
}

/// Derives the sign-off log from a protected branch: walks its first-parent history, judges every
/// commit by the policy in force before it (merges as docs/reference.md#rules says), and judges each
/// anchor's sign-off at its acceptance point.
public struct Ledger {
    public let context: LedgerContext
    public let branch: String

    public init(context: LedgerContext, branch: String) {
        self.context = context
        self.branch = branch
    }

    /// The ledger up to `tip`; `trustRoot` pins the root commit whose policy is trusted on first use.
    public func build(tip: ObjectID, trustRoot: ObjectID? = nil) throws -> LedgerReport {
        let history = try context.repository.walk(from: [tip], firstParentOnly: true, order: .reverseTopological)
        context.remember(history: history)
        var report = LedgerReport(branch: branch, tip: tip, history: history, violations: [], signOffs: [], state: LedgerState())
        let ref = "refs/heads/\(branch)"
        if let root = history.first, let trustRoot, root != trustRoot {
            report.violations.append(Finding(rule: .commitForeignRoot, ref: ref, commit: root.hex,
                                               message: "the history of \(branch) starts at \(root.hex.prefix(10)), not at the pinned root \(trustRoot.hex.prefix(10))"))
        }
        try judge(history, ref: ref, report: &report)
        return report
    }

    /// Judges `commits` (first-parent, oldest first) in order, recording the paths each changed;
    /// a long run has its commit signatures verified ahead on a second thread.
    func judge(_ commits: [ObjectID], ref: String, report: inout LedgerReport) throws {
        if commits.count >= context.prefetchMinimum { context.signatures.startPrefetch(history: commits) }
        defer { context.signatures.stopPrefetch() }
        for (index, id) in commits.enumerated() {
            context.signatures.advance(to: index)
            try step(id, ref: ref, report: &report)
            try report.touches.record(context.firstParentDiff(context.commit(id)), at: index)
        }
        report.touches.seal()
    }

    /// Judges one first-parent commit and the anchors it adds.
    func step(_ id: ObjectID, ref: String, report: inout LedgerReport) throws {
        let commit = try context.commit(id)
        guard let parentID = commit.parentIDs.first else {
            report.violations += try trustedPolicyProblems(commit, ref: ref)
            return
        }
        let parent = try context.commit(parentID)
        guard let policy = try context.policyInForce(at: parentID) else {
            // No valid policy in force yet: the first one to arrive is trusted on first use.
            report.violations += try trustedPolicyProblems(commit, ref: ref)
            return
        }
        let judge = CommitJudge(context: context, policy: policy, ref: ref)
        let broken = commit.parentIDs.count > 1
            ? try judgeMerge(commit, parent: parent, judge: judge, ref: ref)
            : try judge.judge(commit, deltas: context.firstParentDiff(commit), baseTree: parent.treeID)
                + unapprovedDirectChange(commit, deltas: context.firstParentDiff(commit), policy: policy, ref: ref)
        report.violations += broken
        // A commit that fails section 6 is void for the log: its policy and its anchors never count.
        let void = !broken.isEmpty
        if void { try context.markVoid(commit) }
        let added = try context.firstParentDiff(commit)
            .filter { $0.status == .added }
            .compactMap { delta in SignOffName(anchorPath: delta.newPath).map { ($0, delta) } }
            .sorted { order($0.0, in: policy) < order($1.0, in: policy) }
        for (name, delta) in added {
            guard let blob = delta.newID else { continue }
            let anchor = try Anchor.read(blob, name: name, repository: context.repository)
            if case .success(let parsed) = anchor, report.state.signOff(tagID: parsed.id)?.name == name { continue }
            var signOff = try judgeAnchor(name, anchor: anchor, at: commit, policy: policy, state: report.state, arrivesHere: true)
            if void && signOff.isValid {
                signOff.notices.append(Finding(rule: .signoffVoid, ref: name.description, commit: commit.id.hex, path: name.anchorPath,
                                                 message: "anchored in \(CommitJudge.label(commit)), which breaks the commit rules, so it does not count; anchor it again in a commit that passes"))
            }
            report.violations += signOff.violations
            report.notices += signOff.notices
            report.signOffs.append(signOff)
            if signOff.isValid && !void { report.state.accept(signOff) }
        }
    }

    private func order(_ name: SignOffName, in policy: Policy) -> (Int, String, Int, String) {
        (policy.steps.firstIndex { $0.id == name.step } ?? Int.max, name.review, name.round, name.member)
    }

    /// Judges the sign-off an anchor holds at `commit`; a malformed anchor is ``Rule/signoffMalformed``
    /// with what is wrong. (An anchor already accepted is skipped by the caller: a branch that
    /// merged the protected branch carries its anchors, which were judged where they first landed.)
    func judgeAnchor(_ name: SignOffName, anchor: Result<Anchor, Anchor.Malformed>, at commit: Commit, policy: Policy,
                     state: LedgerState, arrivesHere: Bool) throws -> SignOff {
        switch anchor {
        case .failure(let malformed):
            var signOff = SignOff(name: name, tagID: .zero, acceptance: commit.id)
            signOff.violations.append(Finding(rule: .signoffMalformed, ref: name.description, commit: commit.id.hex, path: name.anchorPath,
                                                message: "the anchor \(name.anchorPath) is not the sign-off's signed tag object: \(malformed.reason); make it with `countersign sign`"))
            return signOff
        case .success(let anchor):
            return try SignOffJudge(context: context, policy: policy, acceptance: commit, state: state, arrivesInAcceptance: arrivesHere)
                .judge(name: name, anchor: anchor)
        }
    }

    /// The root's policy (or the first policy to arrive) is trusted on first use, but must be valid.
    private func trustedPolicyProblems(_ commit: Commit, ref: String) throws -> [Finding] {
        guard case .failure(let error)? = try context.policy(inTree: commit.treeID) else { return [] }
        return error.violations.map { violation in
            var copy = violation
            copy.ref = ref
            copy.commit = commit.id.hex
            return copy
        }
    }

    /// A merge: the commits it brings in are judged one by one, and what it changes itself
    /// (paths not equal to a merged parent that changed them) is the merge author's change.
    private func judgeMerge(_ merge: Commit, parent: Commit, judge: CommitJudge, ref: String) throws -> [Finding] {
        var violations: [Finding] = []
        var inMerge = judge
        inMerge.existenceTree = parent.treeID
        let others = Array(merge.parentIDs.dropFirst())
        var broughtCommits: [Commit] = []
        for id in try context.repository.walk(from: others, hiding: [parent.id]) {
            let brought = try context.commit(id)
            broughtCommits.append(brought)
            guard let firstParent = brought.parentIDs.first else {
                violations.append(Finding(rule: .commitForeignRoot, ref: ref, commit: id.hex,
                                            message: "merge \(merge.id.hex.prefix(10)) brings in \(id.hex.prefix(10)), a second root commit; the protected branch has one root, so rebase that work onto it"))
                continue
            }
            let base = try context.commit(firstParent).treeID
            var deltas = try context.firstParentDiff(brought)
            if brought.parentIDs.count > 1 {
                deltas = try ownChanges(of: brought, deltas: deltas)
            }
            violations += try inMerge.judge(brought, deltas: deltas, baseTree: base)
        }
        violations += try unapprovedChanges(in: broughtCommits, policy: judge.policy, ref: ref)
        let landed = try context.firstParentDiff(merge)
        let own = try ownChanges(of: merge, deltas: landed)
        violations += try judge.judge(merge, deltas: own, baseTree: parent.treeID, landed: landed)
        violations += unapprovedDirectChange(merge, deltas: own, policy: judge.policy, ref: ref)
        return violations
    }

    /// The paths a merge changed against its first parent that no other parent brought in: a path
    /// counts as brought in when it equals that path in another parent whose own commits changed it
    /// since the merge base.
    private func ownChanges(of merge: Commit, deltas: [DiffDelta]) throws -> [DiffDelta] {
        guard let first = merge.parentIDs.first else { return deltas }
        var broughtIn: [Set<String>] = []
        var otherTrees: [ObjectID] = []
        for other in merge.parentIDs.dropFirst() {
            let otherCommit = try context.commit(other)
            otherTrees.append(otherCommit.treeID)
            let base = try context.repository.mergeBase(first, other).map { try context.commit($0).treeID }
            broughtIn.append(Set(try context.repository.changes(from: base, to: otherCommit.treeID).flatMap { [$0.oldPath, $0.newPath] }))
        }
        return try deltas.filter { delta in
            let path = delta.path
            for (index, tree) in otherTrees.enumerated() where broughtIn[index].contains(path) {
                let theirs = try context.repository.entry(at: path, inTree: tree)
                if theirs?.id == delta.newID && theirs?.mode == delta.newMode { return false }
            }
            return true
        }
    }
}
