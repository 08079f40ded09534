import Foundation
import GitKit

/// Judges one sign-off at its acceptance point by every rule of docs/reference.md#sign-offs, against the
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
        let found = FindingCollector(ref: name.description, commit: acceptance.id.hex, path: name.anchorPath)
        try judge(&signOff, anchor: anchor, into: found)
        signOff.violations = found.violations
        signOff.notices = found.notices
        return signOff
    }

    private func judge(_ signOff: inout SignOff, anchor: Anchor, into found: FindingCollector) throws {
        let name = signOff.name
        let tag = anchor.tag
        signOff.tagger = tag.tagger
        signOff.target = tag.targetID
        signOff.landedBy = acceptance.id.isZero ? nil : policy.member(email: acceptance.author.email)?.id ?? acceptance.author.email
        if let ref = try context.repository.reference(named: name.ref), ref != anchor.id {
            found.add(.signoffRefMismatch, "the tag ref points at \(ref.hex.prefix(10)), not at the anchored tag \(anchor.id.hex.prefix(10)); the anchor counts, and `countersign tags --force` restores the ref from it", ref: name.ref, commit: ref.hex)
        }
        guard try context.repository.contains(tag.targetID), try context.repository.objectType(tag.targetID) == .commit else {
            found.add(.signoffMalformed, "the tag points at \(tag.targetID.hex.prefix(10)), which is not a commit in this repository")
            return
        }
        let message: SignOffMessage
        do {
            message = try SignOffMessage(message: tag.message)
        } catch {
            found.add(.signoffMalformed, "\(error)")
            return
        }
        signOff.message = message
        signOff.note = SignOffMessage.note(of: tag.message)
        guard message.review == name.review, message.step == name.step, message.round == name.round else {
            found.add(.signoffMalformed, "the trailers say review \(message.review), step \(message.step), round \(message.round), which disagree with the tag name")
            return
        }
        let verified = try checkSignature(anchor, name: name, fingerprint: &signOff.keyFingerprint, into: found)
        guard verified else { return }
        guard let step = policy.step(name.step) else {
            found.add(.signoffNotApplicable, "the policy has no step \"\(name.step)\"")
            return
        }
        signOff.role = step.role
        if let clearance = policy.clearanceStep, let rejected = state.current(review: name.review, step: clearance)?.first,
           rejected.decision == .rejected {
            found.add(.signoffNotApplicable, "the review was rejected by \(rejected.name); rejected is final, so no later sign-off counts: open a new review to assess the system again")
            return
        }
        let targetTree = try context.commit(tag.targetID).treeID
        guard try context.reviewFolder(name.review, inTree: acceptance.treeID) != nil,
              try context.reviewFolder(name.review, inTree: targetTree) != nil else {
            found.add(.signoffNotApplicable, "there is no review \"\(name.review)\" at the signed commit and the acceptance point")
            return
        }
        let atTarget = try context.review(name.review, inTree: targetTree).review
        guard atTarget.applies(step) else {
            found.add(.signoffNotApplicable, "step \(step.id) does not apply to this review (it applies when personal_data is true)")
            return
        }
        try checkAuthorization(name, step: step, into: found)
        try checkPlacement(tag, name: name, step: step, into: found)
        checkDecision(message, step: step, review: atTarget, into: found)
        let gaps = GapAnalysis(policy: policy, review: atTarget, asOf: tag.tagger?.date ?? acceptance.committer.date).gaps(for: step)
        if !gaps.isEmpty {
            found.add(.signoffIncomplete, "step \(step.id) is not complete at the signed commit: " + gaps.map { "\($0.code) at \($0.path)\($0.line.map { ":\($0)" } ?? "")" }.joined(separator: "; "))
        }
        try checkRequires(message, name: name, step: step, review: atTarget, target: tag.targetID, into: found)
        try checkRound(name, step: step, target: tag.targetID, decision: message.decision, review: atTarget, into: found)
        return
    }

    /// Signature, key and tagger identity; false when nothing further can be judged.
    private func checkSignature(_ anchor: Anchor, name: SignOffName, fingerprint: inout String?, into found: FindingCollector) throws -> Bool {
        let tag = anchor.tag
        switch try context.signatures.tag(anchor) {
        case .unsigned:
            found.add(.signoffUnsigned, "the tag is not signed; make it with `git tag -s` or `countersign sign`")
            return false
        case .invalid(let reason):
            found.add(.signoffBadSignature, "the tag's signature does not verify: \(reason)")
            return false
        case .unknownSigner(let reason):
            found.add(.signoffUnknownKey, "the tag is signed by a key that is not one of \(name.member)'s keys in the policy: \(reason)")
            return false
        case .verified(let signature):
            fingerprint = signature.fingerprint
            guard let member = policy.member(name.member) else {
                // No key of a non-member counts: a flaw of the tag itself, which `verify` reports even unanchored.
                found.add(.signoffUnknownKey, "signed with \(signature.fingerprint), but \(name.member) is not a member in the policy, so no key of theirs counts")
                found.add(.signoffNotAuthorized, "\(name.member) is not a member in the policy")
                return false
            }
            guard let key = member.keys.first(where: signature.matches) else {
                let other = signature.holder(in: policy).map { holder -> String in
                    if case .member(let id) = holder.0 { return " (it is \(id)'s key)" }
                    return ""
                } ?? ""
                found.add(.signoffUnknownKey, "signed with \(signature.fingerprint), which is not one of \(name.member)'s keys in the policy at the acceptance point\(other)")
                return false
            }
            if !signature.satisfies(key) {
                found.add(.signoffBadSignature, "the security key \(signature.fingerprint) signed without user verification, which verify_required asks of that key; sign again with your PIN or fingerprint")
                return false
            }
            // Offline the tagger date is the signer's claim, capped by the acceptance point's
            // committer date when a forge (a trusted committer) signed that commit.
            let claimed = tag.tagger?.date ?? acceptance.committer.date
            let taggerDate = try forgeSignedDate(of: acceptance).map { min($0, claimed) } ?? claimed
            if !key.isValid(at: taggerDate) || !signature.keyAllows(taggerDate) {
                found.add(.signoffExpiredKey, "the key \(signature.fingerprint) is outside its validity at the tagger date \(Self.timestamp(taggerDate))")
            } else if context.judgesKeysAtClock, !key.isValid(at: context.now) || !signature.keyAllows(context.now), try !SignOffArrivals(repository: context.repository).hasSeen(anchor.id) {
                found.add(.signoffExpiredKey, "the key \(signature.fingerprint) is outside its validity at the server's clock (\(Self.timestamp(context.now))), whatever the tagger date says; sign again with a current key")
            }
            if let email = tag.tagger?.email, !member.emails.contains(where: { $0.lowercased() == email.lowercased() }) {
                found.add(.signoffIdentityMismatch, "the tagger email \(email) is not one of \(member.id)'s emails (\(member.emails.joined(separator: ", ")))")
            } else if tag.tagger == nil {
                found.add(.signoffIdentityMismatch, "the tag has no tagger")
            }
            return true
        }
    }

    private func checkAuthorization(_ name: SignOffName, step: Step, into found: FindingCollector) throws {
        // Assignments in force before the acceptance point count; a review created in the same
        // commit or merge has only the assignments it was created with (creating is no change).
        let before = arrivesInAcceptance ? try acceptance.parentIDs.first.flatMap { try context.manifest(name.review, inTree: context.commit($0).treeID) } : nil
        let assigned = try (before ?? context.manifest(name.review, inTree: acceptance.treeID))?.assignments[step.role] ?? []
        let holds = policy.role(step.role)?.members.contains(name.member) == true
        if !holds || !assigned.contains(name.member) {
            let why = holds ? "is not assigned to \(step.role) in this review" : "does not hold the role \(step.role)"
            found.add(.signoffNotAuthorized, "\(name.member) \(why); \(step.id) is signed by \(policy.describe(role: step.role, members: assigned))")
        }
        for other in state.signOffs(review: name.review, member: name.member) {
            if let role = other.role, policy.separates(role, step.role) {
                found.add(.signoffSeparationOfDuties, "\(name.member) already signed \(other.name.step) as \(role), a role the policy keeps apart from \(step.role) in one review")
                break
            }
        }
    }

    /// Reachability and staleness between the target and the acceptance point.
    private func checkPlacement(_ tag: Tag, name: SignOffName, step: Step, into found: FindingCollector) throws {
        guard try context.isAncestor(tag.targetID, of: acceptance.id) else {
            found.add(.signoffUnreachable, "the signed commit \(tag.targetID.hex.prefix(10)) is not in the protected branch's history; push it (merge it with a merge commit) before anchoring")
            return
        }
        let changed = try context.changedPaths(review: name.review, from: try context.commit(tag.targetID).treeID,
                                               to: acceptance.treeID, matching: step.covers)
        if !changed.isEmpty {
            found.add(.signoffStaleAtAcceptance, "\(changed.joined(separator: ", ")) changed between the signed commit and the acceptance point; sign again at the current commit")
        }
    }

    private func checkDecision(_ message: SignOffMessage, step: Step, review: Review, into found: FindingCollector) {
        let decides = step.decides
        guard decides else {
            if message.decision != nil { found.add(.signoffMalformed, "a Decision trailer belongs only to the clearance") }
            return
        }
        guard let decision = message.decision else {
            found.add(.signoffMalformed, "the Decision trailer is missing; a clearance states its decision")
            return
        }
        let recorded = review.disposition?.decision?.rawValue
        if decision != recorded {
            found.add(.signoffDecisionMismatch, "Decision: \(decision) differs from authority/disposition.yaml (\(recorded ?? "no decision")) at the signed commit")
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
