import Foundation
import GitKit

/// A sign-off that `sign` would not make, with every reason (gap items, order, authorization).
public struct SignRefusal: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var reasons: [String]
    public var description: String {
        "\(name) was not signed:\n" + reasons.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// What `sign` made: the tag, its anchor commit, and where the sign-off goes next.
public struct SignResult: Sendable {
    public var name: SignOffName
    public var tagID: ObjectID
    public var anchorCommit: String
    /// The branch HEAD is on, if any.
    public var branch: String?
    /// The sign-off log's branch, and whether the anchor was made on it (else it lands by a merge).
    public var logBranch: String
    public var onLog: Bool
    public var requires: [SignOffMessage.Requirement]

    /// What to do next, as a person reads it.
    public var nextStep: String {
        if onLog { return "push it: git push origin \(logBranch)" }
        return "push the branch and open a pull request into \(logBranch): git push origin \(branch ?? "HEAD:<branch>"); merge it with a merge commit (not a squash or a rebase, which would rewrite the signed commit)"
    }
}

/// Makes a sign-off as docs/reference.md#the-sign-off-tag describes it: the signed tag at HEAD with its name, round and
/// trailers written for the user, judged by the same rules as the server — at the acceptance
/// point it will have: HEAD on the log branch, or the merge of HEAD's branch into the log — before
/// anything is kept, then the anchor commit holding the tag object.
public struct Signer {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func sign(review id: String, step stepID: String, decision requested: String?, note: String?) throws -> SignResult {
        let repository = workspace.repository
        guard !repository.isShallow else {
            throw InputError("this clone is shallow, so the sign-offs before it cannot be judged; run `git fetch --unshallow`")
        }
        let git = GitCommand(directory: try workspace.root)
        let head = try repository.resolveCommit("HEAD")
        let context = LedgerContext(repository: repository)
        let scope = try workspace.scope(revision: "HEAD")
        guard let policy = try context.policyInForce(at: scope.base) else {
            throw InputError("\(scope.branch) has no valid countersign.yaml; commit one first", path: Policy.path)
        }
        guard let email = try workspace.identity()?.email, let member = policy.member(email: email) else {
            throw InputError("your git email is no member's in countersign.yaml; set `git config user.email` to the email listed for you")
        }
        guard let step = policy.step(stepID) else {
            throw NameHint.unknownStep(stepID, steps: policy.steps.map(\.id))
        }
        if let requested, Disposition.Decision(rawValue: requested) == nil {
            throw InputError("\(requested) is not a decision; use one of \(Disposition.Decision.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let headTree = try context.commit(head).treeID
        guard try context.reviewFolder(id, inTree: headTree) != nil else {
            let known = try Review.ids(in: TreeSource(repository: repository, treeID: headTree, label: "HEAD"))
            throw NameHint.unknownReview(id, known: known, at: "at HEAD (commit its files first)")
        }
        let branch = try? git.run(["symbolic-ref", "--short", "-q", "HEAD"])
        let ledger = Ledger(context: context, branch: scope.branch)
        let report = try scope.merging.map { try ledger.landing($0, on: scope.base, method: .merge, full: true) } ?? ledger.build(tip: head)
        let acceptance = try context.commit(report.tip)
        let review = try context.review(id, inTree: context.commit(head).treeID).review
        var reasons: [String] = []
        // Who may sign comes first: gaps of someone else's step are not the signer's to mend.
        let assigned = review.manifest?.assignments[step.role] ?? []
        if policy.role(step.role)?.members.contains(member.id) != true || !assigned.contains(member.id) {
            let why = policy.role(step.role)?.members.contains(member.id) == true ? "is not assigned to \(step.role) in this review" : "does not hold the role \(step.role)"
            throw SignRefusal(name: SignOffName(review: id, step: step.id, round: 1, member: member.id).description,
                              reasons: ["\(member.id) \(why); \(step.id) is signed by \(policy.describe(role: step.role, members: assigned)) (\(Rule.signoffNotAuthorized))"])
        }

        let dirty = try git.run(["status", "--porcelain", "--", "\(Review.root)/\(id)"])
        if !dirty.isEmpty {
            reasons.append("reviews/\(id) has uncommitted changes; commit them first, since the tag signs HEAD")
        }
        reasons += GapAnalysis(policy: policy, review: review, asOf: Date()).gaps(for: step).map { "\($0) — a gap of \($0.step)" }
        let round = nextRound(review: id, step: step, member: member.id, state: report.state)
        var requires: [SignOffMessage.Requirement] = []
        for prerequisite in review.prerequisites(of: step, in: policy) {
            if let current = report.state.current(review: id, step: prerequisite) {
                requires += current.map { SignOffMessage.Requirement(name: $0.name, objectID: $0.tagID.hex) }
            } else if !((requested.flatMap(Disposition.Decision.init(rawValue:)) ?? review.disposition?.decision)?.mayComeEarly ?? false) {
                let assigned = review.manifest?.assignments[prerequisite.role] ?? []
                reasons.append("step \"\(prerequisite.id)\" has no current sign-off; \(policy.describe(role: prerequisite.role, members: assigned)) must sign it first")
            }
        }
        var decision: String?
        if step.decides {
            decision = requested ?? review.disposition?.decision?.rawValue
            if decision == nil { reasons.append("no decision: set decision in authority/disposition.yaml or pass --decision") }
        } else if requested != nil {
            reasons.append("--decision belongs to the clearance only")
        }
        let name = SignOffName(review: id, step: step.id, round: round, member: member.id)
        guard reasons.isEmpty else { throw SignRefusal(name: name.description, reasons: reasons) }
        if let existing = try repository.reference(named: name.ref) {
            throw InputError("a tag \(name) already exists here (\(existing.hex.prefix(10))) but is not anchored on \(scope.branch): a draft from an earlier attempt, or a tag fetched before \(scope.branch) moved on; delete it with `git tag -d \(name)` and sign again")
        }

        let message = SignOffMessage(review: id, step: step.id, round: round, requires: requires, decision: decision)
        let title = "\(step.id) of \(review.manifest?.title ?? id), round \(round), by \(member.name)"
        let body = [title, note, message.trailers].compactMap { $0 }.joined(separator: "\n\n") + "\n"
        try git.run(["tag", "-s", "-F", "-", name.description, head.hex], input: body)
        let bytes = try git.data(["cat-file", "tag", name.ref])
        let judged: SignOff
        do {
            let anchor = try Anchor(bytes: bytes, name: name)
            judged = try SignOffJudge(context: context, policy: policy, acceptance: acceptance, state: report.state,
                                  arrivesInAcceptance: acceptance.id == context.prospectiveMerge).judge(name: name, anchor: anchor)
        } catch let malformed as Anchor.Malformed {
            try git.run(["tag", "-d", name.description])
            throw SignRefusal(name: name.description, reasons: ["git made a tag that is not a well-formed sign-off: \(malformed.reason); check tag.gpgSign and gpg.format settings"])
        }
        if !judged.isValid {
            try git.run(["tag", "-d", name.description])
            throw SignRefusal(name: name.description, reasons: judged.violations.map(\.description))
        }
        let anchorURL = try workspace.root.appendingPathComponent(name.anchorPath)
        try FileManager.default.createDirectory(at: anchorURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: anchorURL)
        try git.run(["add", "--", name.anchorPath])
        try git.run(["commit", "-q", "-S", "-m", "Sign off \(step.id) of \(id), round \(round)", "-m", "Anchors \(name) \(judged.tagID.hex)", "--", name.anchorPath])
        let commit = try git.run(["rev-parse", "HEAD"])
        return SignResult(name: name, tagID: judged.tagID, anchorCommit: commit, branch: branch, logBranch: scope.branch,
                          onLog: scope.merging == nil && branch == scope.branch, requires: requires)
    }

    /// Co-signs the latest round while it lacks signers, otherwise opens the next one.
    private func nextRound(review: String, step: Step, member: String, state: LedgerState) -> Int {
        guard let latest = state.latestRound(review: review, step: step.id) else { return 1 }
        let open = latest.signOffs.count < step.threshold && !latest.signOffs.contains { $0.name.member == member }
        return open ? latest.round : latest.round + 1
    }
}
