import Foundation
import GitKit

/// Judges one sign-off at its acceptance point by every rule of spec section 5, against the
/// policy in force there and the valid sign-offs before it.
struct SignOffJudge {
    let context: LedgerContext
    let policy: Policy
    /// The acceptance point (or, for a tag not yet anchored, the commit it is judged at).
    let acceptance: Commit
    let state: LedgerState
    /// Whether the anchor arrives in `acceptance` itself (its commit or its merge), not in a later
    /// commit: then assignments are read at its first parent, so that the commit or merge that
    /// uses an assignment cannot change it.
    var arrivesInAcceptance = false

    /// Judges the sign-off `anchor` holds (a tag object parsed from an anchor or read from a tag ref).
    func judge(name: SignOffName, anchor: Anchor) throws -> SignOff {
        var signOff = SignOff(name: name, tagID: anchor.id, acceptance: acceptance.id)
        func add(_ rule: RuleID, _ message: String, path: String? = nil) {
            signOff.violations.append(Violation(rule: rule, ref: name.description, commit: acceptance.id.hex, path: path ?? name.anchorPath, message: "\(name): rejected (\(rule)): \(message)"))
        }
        let tag = anchor.tag
        signOff.tagger = tag.tagger
        signOff.target = tag.targetID
        signOff.landedBy = acceptance.id.isZero ? nil : policy.member(email: acceptance.author.email)?.id ?? acceptance.author.email
        if let ref = try context.repository.reference(named: name.ref), ref != anchor.id {
            signOff.notices.append(Violation(rule: "signoff.ref-mismatch", ref: name.ref, commit: ref.hex, path: name.anchorPath,
                                             message: "\(name): the tag ref points at \(ref.hex.prefix(10)), not at the anchored tag \(anchor.id.hex.prefix(10)); the anchor counts, and `countersign tags --force` restores the ref from it"))
        }
        guard try context.repository.contains(tag.targetID), try context.repository.objectType(tag.targetID) == .commit else {
            add("signoff.malformed", "the tag points at \(tag.targetID.hex.prefix(10)), which is not a commit in this repository")
            return signOff
        }
        let message: SignOffMessage
        do {
            message = try SignOffMessage(message: tag.message)
        } catch {
            add("signoff.malformed", "\(error)")
            return signOff
        }
        signOff.message = message
        guard message.review == name.review, message.step == name.step, message.round == name.round else {
            add("signoff.malformed", "the trailers say review \(message.review), step \(message.step), round \(message.round), which disagree with the tag name")
            return signOff
        }
        // The fingerprint goes through its own variable: `add` already changes `signOff`.
        var fingerprint: String?
        let verified = try checkSignature(anchor, name: name, fingerprint: &fingerprint, add: add)
        signOff.keyFingerprint = fingerprint
        guard verified else { return signOff }
        guard let step = policy.step(name.step) else {
            add("signoff.not-applicable", "the policy has no step \"\(name.step)\"")
            return signOff
        }
        signOff.role = step.role
        if let clearance = policy.clearanceStep, let rejected = state.current(review: name.review, step: clearance)?.first,
           rejected.decision == "rejected" {
            add("signoff.not-applicable", "the review was rejected by \(rejected.name); rejected is final, so no later sign-off counts: open a new review to assess the system again")
            return signOff
        }
        let targetTree = try context.commit(tag.targetID).treeID
        guard try context.reviewFolder(name.review, inTree: acceptance.treeID) != nil,
              try context.reviewFolder(name.review, inTree: targetTree) != nil else {
            add("signoff.not-applicable", "there is no review \"\(name.review)\" at the signed commit and the acceptance point")
            return signOff
        }
        let atTarget = try context.review(name.review, inTree: targetTree).review
        guard atTarget.applies(step) else {
            add("signoff.not-applicable", "step \(step.id) does not apply to this review (it applies when personal_data is true)")
            return signOff
        }
        try checkAuthorization(name, step: step, add: add)
        try checkPlacement(tag, name: name, step: step, add: add)
        checkDecision(message, step: step, review: atTarget, add: add)
        let gaps = GapAnalysis(policy: policy, review: atTarget, asOf: tag.tagger?.date ?? acceptance.committer.date).gaps(for: step)
        if !gaps.isEmpty {
            add("signoff.incomplete", "step \(step.id) is not complete at the signed commit: " + gaps.map { "\($0.code) at \($0.path)\($0.line.map { ":\($0)" } ?? "")" }.joined(separator: "; "))
        }
        try checkRequires(message, name: name, step: step, review: atTarget, target: tag.targetID, add: add)
        try checkRound(name, step: step, target: tag.targetID, decision: message.decision, review: atTarget, add: add)
        return signOff
    }

    /// Signature, key and tagger identity; false when nothing further can be judged.
    private func checkSignature(_ anchor: Anchor, name: SignOffName, fingerprint: inout String?, add: (RuleID, String, String?) -> Void) throws -> Bool {
        let tag = anchor.tag
        switch try context.signatures.tag(anchor) {
        case .unsigned:
            add("signoff.unsigned", "the tag is not signed; make it with `git tag -s` or `countersign sign`", nil)
            return false
        case .invalid(let reason):
            add("signoff.bad-signature", "the tag's signature does not verify: \(reason)", nil)
            return false
        case .unknownSigner(let reason):
            add("signoff.unknown-key", "the tag is signed by a key that is not one of \(name.member)'s keys in the policy: \(reason)", nil)
            return false
        case .verified(let signature):
            fingerprint = signature.fingerprint
            guard let member = policy.member(name.member) else {
                // No key of a non-member counts: a flaw of the tag itself, which `verify` reports even unanchored.
                add("signoff.unknown-key", "signed with \(signature.fingerprint), but \(name.member) is not a member in the policy, so no key of theirs counts", nil)
                add("signoff.not-authorized", "\(name.member) is not a member in the policy", nil)
                return false
            }
            guard let key = member.keys.first(where: signature.matches) else {
                let other = signature.holder(in: policy).map { holder -> String in
                    if case .member(let id) = holder.0 { return " (it is \(id)'s key)" }
                    return ""
                } ?? ""
                add("signoff.unknown-key", "signed with \(signature.fingerprint), which is not one of \(name.member)'s keys in the policy at the acceptance point\(other)", nil)
                return false
            }
            if !signature.satisfies(key) {
                add("signoff.bad-signature", "the security key \(signature.fingerprint) signed without user verification, which verify_required asks of that key; sign again with your PIN or fingerprint", nil)
                return false
            }
            // Offline the tagger date is the signer's claim, capped by the acceptance point's
            // committer date when a forge (a trusted committer) signed that commit.
            let claimed = tag.tagger?.date ?? acceptance.committer.date
            let taggerDate = try forgeSignedDate(of: acceptance).map { min($0, claimed) } ?? claimed
            if !key.isValid(at: taggerDate) || !signature.keyAllows(taggerDate) {
                add("signoff.expired-key", "the key \(signature.fingerprint) is outside its validity at the tagger date \(Self.timestamp(taggerDate))", nil)
            } else if context.judgesKeysAtClock, !key.isValid(at: context.now) || !signature.keyAllows(context.now), try !SignOffArrivals(repository: context.repository).hasSeen(anchor.id) {
                add("signoff.expired-key", "the key \(signature.fingerprint) is outside its validity at the server's clock (\(Self.timestamp(context.now))), whatever the tagger date says; sign again with a current key", nil)
            }
            if let email = tag.tagger?.email, !member.emails.contains(where: { $0.lowercased() == email.lowercased() }) {
                add("signoff.identity-mismatch", "the tagger email \(email) is not one of \(member.id)'s emails (\(member.emails.joined(separator: ", ")))", nil)
            } else if tag.tagger == nil {
                add("signoff.identity-mismatch", "the tag has no tagger", nil)
            }
            return true
        }
    }

    private func checkAuthorization(_ name: SignOffName, step: Step, add: (RuleID, String, String?) -> Void) throws {
        // Assignments in force before the acceptance point count; a review created in the same
        // commit or merge has only the assignments it was created with (creating is no change).
        let before = arrivesInAcceptance ? try acceptance.parentIDs.first.flatMap { try context.manifest(name.review, inTree: context.commit($0).treeID) } : nil
        let assigned = try (before ?? context.manifest(name.review, inTree: acceptance.treeID))?.assignments[step.role] ?? []
        let holds = policy.role(step.role)?.members.contains(name.member) == true
        if !holds || !assigned.contains(name.member) {
            let why = holds ? "is not assigned to \(step.role) in this review" : "does not hold the role \(step.role)"
            add("signoff.not-authorized", "\(name.member) \(why); \(step.id) is signed by \(policy.describe(role: step.role, members: assigned))", nil)
        }
        for other in state.signOffs(review: name.review, member: name.member) {
            if let role = other.role, policy.separates(role, step.role) {
                add("signoff.separation-of-duties", "\(name.member) already signed \(other.name.step) as \(role), a role the policy keeps apart from \(step.role) in one review", nil)
                break
            }
        }
    }

    /// Reachability and staleness between the target and the acceptance point.
    private func checkPlacement(_ tag: Tag, name: SignOffName, step: Step, add: (RuleID, String, String?) -> Void) throws {
        guard try context.isAncestor(tag.targetID, of: acceptance.id) else {
            add("signoff.unreachable", "the signed commit \(tag.targetID.hex.prefix(10)) is not in the protected branch's history; push it (merge it with a merge commit) before anchoring", nil)
            return
        }
        let changed = try context.changedPaths(review: name.review, from: try context.commit(tag.targetID).treeID,
                                               to: acceptance.treeID, matching: step.covers)
        if !changed.isEmpty {
            add("signoff.stale-at-acceptance", "\(changed.joined(separator: ", ")) changed between the signed commit and the acceptance point; sign again at the current commit", nil)
        }
    }

    private func checkDecision(_ message: SignOffMessage, step: Step, review: Review, add: (RuleID, String, String?) -> Void) {
        let decides = step.decides
        guard decides else {
            if message.decision != nil { add("signoff.malformed", "a Decision trailer belongs only to the clearance", nil) }
            return
        }
        guard let decision = message.decision else {
            add("signoff.malformed", "the Decision trailer is missing; a clearance states its decision", nil)
            return
        }
        let recorded = review.disposition?.decision?.rawValue
        if decision != recorded {
            add("signoff.decision-mismatch", "Decision: \(decision) differs from authority/disposition.yaml (\(recorded ?? "no decision")) at the signed commit", nil)
        }
    }

    /// The committer date of `commit` when a trusted committer's key signed it: a forge vouches
    /// for when it made the merge, so no sign-off it landed is dated later than that.
    private func forgeSignedDate(of commit: Commit) throws -> Date? {
        guard !commit.id.isZero, commit.id != context.prospectiveMerge, !policy.trustedCommitters.isEmpty,
              case .verified(let signature) = try context.signatures.commit(commit.id),
              case (.trustedCommitter, _)? = signature.holder(in: policy) else { return nil }
        return commit.committer.date
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
