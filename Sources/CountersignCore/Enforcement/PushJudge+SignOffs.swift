import Foundation
import GitKit

/// What a push brings besides protected commits: sign-off tag refs, and anchors on branches that
/// are not protected. Each new sign-off is judged by its tag's own rules and its tagger date when
/// it first reaches the server; the rest of section 5 waits for its acceptance point.
extension PushJudge {
    /// New sign-off tags are judged by their own rules at once, and by all of section 5 as if
    /// anchored at the log's tip when their target is in its history, in the order their
    /// `Requires:` chain gives; refs of anchored sign-offs never move or disappear.
    func judgeTags(_ updates: [RefUpdate], log: ObjectID?, serverLog: ObjectID?, logBranch: String, anchored: Set<ObjectID>) throws -> [Finding] {
        var violations: [Finding] = []
        var pending: [(SignOffName, Anchor, RefUpdate)] = []
        let logTree = try log.map { try context.commit($0).treeID }
        for update in updates where update.ref.hasPrefix("refs/tags/signoff/") {
            guard let name = SignOffName(update.ref) else {
                violations.append(Finding(rule: .signoffMalformed, ref: update.ref, commit: update.new.hex,
                                            message: "the name is not signoff/<review>/<step>/<round>/<member>"))
                continue
            }
            let anchor = try logTree.flatMap { try context.repository.entry(at: name.anchorPath, inTree: $0) }
            if let anchor {
                // Anchored: the ref is a copy of the anchor and never moves or disappears.
                let anchoredID = try ObjectID.hash(context.repository.blob(anchor.id), as: .tag)
                if update.new.isZero {
                    violations.append(Finding(rule: .refDeleted, ref: update.ref, commit: update.old.hex,
                                                message: "\(update.ref) is the tag of an anchored sign-off; its ref is never deleted"))
                } else if update.new != anchoredID {
                    violations.append(Finding(rule: .refSignoffMoved, ref: update.ref, commit: update.new.hex,
                                                message: "\(update.ref) would name \(update.new.hex.prefix(10)), but its sign-off is anchored as \(anchoredID.hex.prefix(10)); the ref of an anchored sign-off never moves, so sign a new round instead"))
                }
                continue
            }
            guard !update.new.isZero else { continue }  // a draft's ref: its member's to delete
            switch try Anchor.object(update.new, name: name, repository: context.repository) {
            case .failure(let malformed):
                violations.append(Finding(rule: .signoffMalformed, ref: update.ref, commit: update.new.hex, path: name.anchorPath,
                                            message: malformed.reason))
            case .success(let parsed):
                let own = try ownRuleViolations(name, anchor: .success(parsed), ref: update.ref, serverLog: serverLog)
                violations += own
                if own.isEmpty, !anchored.contains(parsed.id) { pending.append((name, parsed, update)) }
            }
        }
        guard let log, !pending.isEmpty, let policy = try context.policyInForce(at: log) else { return violations }
        var inHistory: [(SignOffName, Anchor, RefUpdate)] = []
        for entry in pending where try context.repository.isAncestor(entry.1.tag.targetID, of: log) {
            inHistory.append(entry)
        }
        guard !inHistory.isEmpty else { return violations }
        // The pushed tip holds every anchor the push brings; any it rejects rejects the whole push.
        let ledger = Ledger(context: context, branch: logBranch)
        var current = try ledger.acceptedState(at: log, reviews: Set(inHistory.map(\.0.review)))
        let tipCommit = try context.commit(log)
        let stepOrder = policy.steps.map(\.id)
        inHistory.sort { (stepOrder.firstIndex(of: $0.0.step) ?? .max, $0.0.round) < (stepOrder.firstIndex(of: $1.0.step) ?? .max, $1.0.round) }
        for (name, anchor, update) in inHistory {
            var signOff = try ledger.judgeAnchor(name, anchor: .success(anchor), at: tipCommit, policy: policy, state: current, arrivesHere: false)
            for index in signOff.violations.indices { signOff.violations[index].ref = update.ref }
            violations += signOff.violations
            if signOff.isValid { current.accept(signOff) }
        }
        return violations
    }

    /// A ref that is neither a protected branch nor a sign-off tag: its new anchors, or the
    /// sign-off tag object it names (`refs/tags/carrier`), are judged by their tag's own rules and
    /// date only, so the server sees each sign-off when it first arrives, wherever it arrives; the
    /// rest waits for the merge. The server's own record (`refs/countersign/`) is not pushed.
    func judgeOtherRef(_ update: RefUpdate, protectedTips: [ObjectID], serverLog: ObjectID?) throws -> [Finding] {
        if update.ref.lowercased().hasPrefix("refs/countersign/") {
            return [Finding(rule: .refSignoffMoved, ref: update.ref, commit: update.new.isZero ? update.old.hex : update.new.hex,
                              message: "\(update.ref) is the server's record of when a sign-off first arrived; only its post-receive hook writes it, so push the sign-off instead")]
        }
        guard !update.new.isZero else { return [] }
        let arrivals = SignOffArrivals(repository: context.repository)
        if let carried = try arrivals.carriedSignOff(update.new) {
            return try ownRuleViolations(carried.name, anchor: carried.parsed, ref: update.ref, serverLog: serverLog)
        }
        // Any other tag (`refs/tags/v1`) is followed to its commit; one on a tree or a blob carries no anchor.
        guard let tip = arrivals.commit(peeling: update.new) else { return [] }
        let hidden = [arrivals.commit(peeling: update.old)].compactMap { $0 } + protectedTips
        var violations: [Finding] = []
        for anchor in try arrivals.newAnchors(from: tip, hiding: hidden) {
            violations += try ownRuleViolations(anchor.name, anchor: anchor.parsed, ref: update.ref, serverLog: serverLog)
        }
        return violations
    }

    /// The rules of the tag itself (form, signature, key, identity) judged by the log's policy,
    /// and its tagger date unless the server has seen it before.
    private func ownRuleViolations(_ name: SignOffName, anchor: Result<Anchor, Anchor.Malformed>, ref: String, serverLog: ObjectID?) throws -> [Finding] {
        var violations: [Finding] = []
        if let logTip = serverLog, let policy = try context.policyInForce(at: logTip) {
            let judged = try Ledger(context: context, branch: "").judgeAnchor(name, anchor: anchor, at: context.commit(logTip), policy: policy, state: LedgerState(), arrivesHere: false)
            // Re-attributed to the pushed ref when that is the sign-off's own tag ref; an anchor carried by another ref keeps its sign-off as subject.
            violations += judged.violations.filter(\.rule.failsUnanchoredTag).map { violation in
                var copy = violation
                if ref == name.ref { copy.ref = ref }
                return copy
            }
        }
        if case .success(let parsed) = anchor,
           let late = arrivalViolation(tagID: parsed.id, tagger: parsed.tag.tagger, name: name, ref: ref) { violations.append(late) }
        return violations
    }

    /// ``Rule/signoffTaggerDate`` when a sign-off the server has not seen before carries a tagger date
    /// more than 10 minutes from the server's clock.
    func arrivalViolation(tagID: ObjectID, tagger: Signature?, name: SignOffName, ref: String) -> Finding? {
        guard let date = tagger?.date, abs(date.timeIntervalSince(context.now)) > PushJudge.clockTolerance,
              (try? SignOffArrivals(repository: context.repository).hasSeen(tagID)) != true else { return nil }
        return Finding(rule: .signoffTaggerDate, ref: ref == name.ref ? ref : name.description, commit: tagID.hex, path: name.anchorPath,
                         message: "the tagger date \(SignOffJudge.timestamp(date)) is more than 10 minutes from the server's clock (\(SignOffJudge.timestamp(context.now))); check your clock and sign again")
    }
}
