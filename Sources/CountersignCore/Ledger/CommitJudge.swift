import Foundation
import GitKit

/// The commit rules of docs/reference.md#rules for one commit, judged by the policy in force before it:
/// ownership of every changed review path, assignments, signatures and identity, paths, policy
/// changes and schemas. Anchors are only checked for who added them here; `SignOffJudge` judges
/// the sign-offs they name.
struct CommitJudge {
    let context: LedgerContext
    let policy: Policy
    let ref: String?
    /// False for the staged index, which has no signature yet (the pre-commit hook).
    var checksSignatures = true
    /// For commits a merge brings in, the merge's first parent's tree: a review that exists there
    /// is not new, whatever the brought commit's own parent holds (docs/reference.md#the-files-of-a-review).
    var existenceTree: ObjectID?

    /// "commit 1a2b3c4d5e", or "the staged change" for the pre-commit hook's synthetic commit.
    static func label(_ commit: Commit) -> String {
        commit.id.isZero ? "the staged change" : "commit \(commit.id.hex.prefix(10))"
    }

    /// Violations of `commit`, limited to `deltas` (its own changes), against the tree before it.
    /// `landed` is everything a merge brings to the first-parent history: its author lands it, so it
    /// must be a member's commit, signed where signing is required, even when it changes nothing itself.
    func judge(_ commit: Commit, deltas: [DiffDelta], baseTree: ObjectID?, landed: [DiffDelta] = []) throws -> [Finding] {
        let found = FindingCollector(ref: ref, commit: commit.id.isZero ? nil : commit.id.hex)
        let short = Self.label(commit)
        // A prospective merge exists only in memory: its author and signature are the server's to judge.
        let landsItself = commit.id == context.prospectiveMerge
        for delta in deltas where delta.status != .deleted {
            if let problem = ReviewLayout.refusedPathProblem(delta.newPath) { found.add(.commitBadPath, "\(short) adds \(delta.newPath): \(problem)", path: delta.newPath) }
        }
        let touches = { (deltas: [DiffDelta]) in
            (reviews: deltas.contains { $0.path.hasPrefix("\(Review.root)/") || $0.oldPath.hasPrefix("\(Review.root)/") },
             policy: deltas.contains { $0.path == Policy.path })
        }
        let (touchesReviews, touchesPolicy) = touches(deltas)
        guard touchesReviews || touchesPolicy else {
            let brought = touches(landed)
            guard brought.reviews || brought.policy, !landsItself else { return found.findings }
            let author = policy.member(email: commit.author.email)
            if author == nil {
                found.add(.commitIdentityMismatch, "\(short) merges changes to reviews/ but is authored by \(commit.author.email), which is no member's email; whoever lands sign-offs must be a member, so merge with the email listed for you in countersign.yaml")
            }
            if checksSignatures {
                _ = try signatureViolations(commit, author: author, required: brought.policy || policy.requireSignedCommits, into: found)
            }
            return found.findings
        }

        let author = policy.member(email: commit.author.email)
        if author == nil, !landsItself {
            found.add(.commitIdentityMismatch, "\(short) is authored by \(commit.author.email), which is no member's email; commit with the email listed for you in countersign.yaml")
        }
        // The staged change and the prospective merge have no signature to judge yet.
        let signer = checksSignatures && !landsItself
            ? try signatureViolations(commit, author: author, required: touchesPolicy || policy.requireSignedCommits, into: found)
            : .author

        if touchesPolicy {
            try judgePolicyChange(commit, author: author, signedByAuthor: signer == .author, into: found)
        }
        let reviewDeltas = deltas.filter { $0.path.hasPrefix("\(Review.root)/") || $0.oldPath.hasPrefix("\(Review.root)/") }
        if !reviewDeltas.isEmpty {
            try judgeReviewPaths(commit, deltas: reviewDeltas, author: author, signer: signer, baseTree: baseTree, into: found)
        }
        return found.findings
    }

    /// Whose key a commit's signature verified with, when it is one the author may use.
    enum SignedBy { case author, trustedCommitter }

    /// Checks the commit signature; returns whose key it verified with, or nil when none counts.
    private func signatureViolations(_ commit: Commit, author: Member?, required: Bool,
                                     into found: FindingCollector) throws -> SignedBy? {
        let short = Self.label(commit)
        switch try context.signatures.commit(commit.id) {
        case .unsigned:
            if required { found.add(.commitUnsigned, "\(short) is not signed; sign it with `git commit -S` (the policy requires signed commits)") }
            return nil
        case .invalid(let reason):
            found.add(.commitBadSignature, "the signature of \(short) does not verify: \(reason)")
            return nil
        case .unknownSigner(let reason):
            found.add(.commitUnknownKey, "\(short) is signed by a key that is neither the author's nor a trusted committer's: \(reason)")
            return nil
        case .verified(let signature):
            guard let (holder, key) = signature.holder(in: policy) else {
                found.add(.commitUnknownKey, "\(short) is signed with \(signature.fingerprint), which is neither the author's key nor a trusted committer's")
                return nil
            }
            if case .member(let id) = holder, id != author?.id {
                found.add(.commitUnknownKey, "\(short) is signed with \(id)'s key \(signature.fingerprint) but authored as \(commit.author.email); sign your own commits")
                return nil
            }
            if !signature.satisfies(key) {
                found.add(.commitBadSignature, "\(short) is signed with the security key \(signature.fingerprint) without user verification, which verify_required asks of that key; sign with your PIN or fingerprint")
                return nil
            }
            if !key.isValid(at: commit.committer.date) || !signature.keyAllows(commit.committer.date) {
                found.add(.commitUnknownKey, "\(short) is signed with \(signature.fingerprint), outside that key's validity in countersign.yaml")
                return nil
            }
            if context.judgesKeysAtClock, !key.isValid(at: context.now) || !signature.keyAllows(context.now) {
                found.add(.commitUnknownKey, "\(short) is signed with \(signature.fingerprint), outside that key's validity in countersign.yaml at the server's clock (\(SignOffJudge.timestamp(context.now))), whatever the commit's date says; sign it with a current key")
                return nil
            }
            if case .member = holder { return .author }
            return .trustedCommitter
        }
    }

    private func judgePolicyChange(_ commit: Commit, author: Member?, signedByAuthor: Bool,
                                   into found: FindingCollector) throws {
        let short = Self.label(commit)
        let owners = policy.policyOwners.joined(separator: ", ")
        if let author, policy.policyOwners.contains(author.id) {
            if !signedByAuthor {
                found.add(.policyUnauthorizedChange, "\(short) changes countersign.yaml without a valid signature by its author's own key; policy changes must be signed by a policy owner (\(owners)) with their own key, never a trusted committer's", path: Policy.path)
            }
        } else {
            found.add(.policyUnauthorizedChange, "\(short) changes countersign.yaml but \(author?.id ?? commit.author.email) is not a policy owner; ask \(policy.policyOwners.count == 1 ? owners : "one of \(owners)") to make the change", path: Policy.path)
        }
        switch try context.policy(inTree: commit.treeID) {
        case nil:
            found.add(.policyInvalid, "\(short) deletes countersign.yaml; the policy can be changed but never removed", path: Policy.path)
        case .failure(let error)?:
            for violation in error.violations {
                found.add(.policyInvalid, "\(short) makes the policy invalid: \(violation.message)", path: Policy.path, line: violation.line)
            }
        case .success(let changed)?:
            let dropped = policy.protectedBranches.filter { !changed.protectedBranches.contains($0) }
            if !dropped.isEmpty {
                found.add(.policyInvalid, "\(short) removes \(dropped.joined(separator: ", ")) from protected_branches; the list only grows, since a branch left unprotected could be rewound; keep it in the list", path: Policy.path)
            }
        }
    }

    private func judgeReviewPaths(_ commit: Commit, deltas: [DiffDelta], author: Member?, signer: SignedBy?, baseTree: ObjectID?,
                                  into found: FindingCollector) throws {
        let short = Self.label(commit)
        let who = author?.id ?? commit.author.email
        var reviewsTouched = Set<String>()
        for delta in deltas {
            for path in Set([delta.oldPath, delta.newPath]) where path.hasPrefix("\(Review.root)/") {
                guard let (id, relative) = ReviewLayout.split(path), PolicyChecker.isValidID(id) else {
                    found.add(.schemaInvalid, "\(short) adds \(path), outside a valid review folder reviews/<review-id>/", path: path)
                    continue
                }
                reviewsTouched.insert(id)
                if delta.status != .deleted, path == delta.newPath, let mode = delta.newMode, let kind = TreeSource.kind(mode), kind != .file {
                    let what = kind == .executable ? "an executable file" : "a \(kind.rawValue)"
                    found.add(.commitBadPath, "\(short) adds \(path) as \(what); only regular files are allowed under reviews/", path: path)
                }
                if ReviewLayout.isLedger(relative) {
                    judgeAnchorPath(path, delta: delta, author: author, commit: commit, into: found)
                } else {
                    try judgeOwnership(path, review: id, relative: relative, author: author, who: who, baseTree: baseTree, commit: commit, into: found)
                }
            }
        }
        for id in reviewsTouched.sorted() {
            let changed = Set(deltas.flatMap { [$0.oldPath, $0.newPath] })
            let folder = "\(Review.root)/\(id)"
            // Only a new path can collide with another, so commits that only modify files skip the walk.
            if deltas.contains(where: { $0.status != .modified && $0.newPath.hasPrefix(folder + "/") }) {
                let entries = try TreeSource(repository: context.repository, treeID: commit.treeID, label: "").entries(under: folder)
                for (path, other) in ReviewLayout.collisions(entries) where changed.contains(path) || changed.contains(other) {
                    found.add(.commitBadPath, "\(short): \(ReviewLayout.collisionMessage(path, other))", path: path)
                }
            }
            let relative = changed.compactMap { path in ReviewLayout.split(path).flatMap { $0.review == id ? $0.relative : nil } }
            for violation in try context.schemaViolations(review: id, paths: relative.sorted(), inTree: commit.treeID) {
                found.add(.schemaInvalid, "\(short): \(violation.message)", path: violation.path, line: violation.line)
            }
            if changed.contains("\(Review.root)/\(id)/review.yaml") {
                try judgeAssignments(review: id, author: author, signer: signer, baseTree: baseTree, commit: commit, into: found)
            }
        }
    }

    private func judgeAnchorPath(_ path: String, delta: DiffDelta, author: Member?, commit: Commit,
                                 into found: FindingCollector) {
        let short = Self.label(commit)
        switch delta.status {
        case .added where path == delta.newPath:
            guard let name = SignOffName(anchorPath: path) else {
                found.add(.signoffMalformed, "\(short) adds \(path), but ledger/ holds only anchors, each a file named <step>.<round>.<member> that `countersign sign` writes; remove it", path: path)
                return
            }
            if author?.id != name.member {
                found.add(.commitNotOwner, "\(short) adds the anchor of \(name.member)'s sign-off, but only \(name.member) may add it (authored as \(author?.id ?? commit.author.email))", path: path)
            }
        case .added:
            break
        default:
            found.add(.signoffAnchorChanged, "\(short) \(delta.status == .deleted ? "deletes" : "changes") the anchor \(path); anchors are append-only, so sign a new round instead", path: path)
        }
    }

    private func judgeOwnership(_ path: String, review id: String, relative: String, author: Member?, who: String,
                                baseTree: ObjectID?, commit: Commit, into found: FindingCollector) throws {
        let short = Self.label(commit)
        let owners = policy.owners(of: relative)
        guard let role = owners.first else {
            found.add(.commitNotOwner, "\(short) changes \(path), which no role owns; move it under a role's folder", path: path)
            return
        }
        if relative == "review.yaml", try onlyAssignmentsChanged(review: id, baseTree: baseTree, commit: commit) { return }
        let assignments = try priorManifest(review: id, baseTree: baseTree)?.assignments
        // Holding a role takes both: membership in this policy and, once the review exists, the
        // assignment; a member removed from the role keeps no right through an old assignment.
        let assigned = assignments.map { $0[role.id] ?? [] }
        let allowed = assigned.map { $0.filter(role.members.contains) } ?? role.members
        if let author, allowed.contains(author.id) { return }
        let holders = if !allowed.isEmpty { "only \(allowed.joined(separator: ", ")) may change it" }
            else if assigned?.isEmpty == false { "no assignee holds the role; update the assignments" }
            else { "nobody is assigned" }
        let scope = if let author, assigned?.contains(author.id) == true {
            "a member of \(role.id) in countersign.yaml any more, though still assigned to it in this review"
        } else {
            assignments == nil ? "a member of \(role.id)" : "assigned to \(role.id) in this review"
        }
        found.add(.commitNotOwner, "\(short) by \(who) changes \(path), owned by \(role.id); \(who) is not \(scope) (\(holders))", path: path)
    }

    private func onlyAssignmentsChanged(review id: String, baseTree: ObjectID?, commit: Commit) throws -> Bool {
        guard let baseTree, let before = try context.manifest(id, inTree: baseTree),
              let after = try context.manifest(id, inTree: commit.treeID) else { return false }
        return before.title == after.title && before.assignments != after.assignments
    }

    /// The review's manifest before this commit: at its parent, or, for a commit a merge brings in,
    /// at the merge's first parent.
    private func priorManifest(review id: String, baseTree: ObjectID?) throws -> ReviewManifest? {
        for tree in [baseTree, existenceTree].compactMap({ $0 }) {
            if let manifest = try context.manifest(id, inTree: tree) { return manifest }
        }
        return nil
    }

    /// Whoever creates `review.yaml` in a new review assigns every role; afterwards role R's
    /// assignment changes only by a member of R or a policy owner. A review exists from the first
    /// commit that adds its folder, so deleting `review.yaml` and re-creating it is a change.
    private func judgeAssignments(review id: String, author: Member?, signer: SignedBy?, baseTree: ObjectID?, commit: Commit,
                                  into found: FindingCollector) throws {
        let beforeAssignments: [String: [String]]
        if let before = try priorManifest(review: id, baseTree: baseTree) {
            beforeAssignments = before.assignments
        } else if try [baseTree, existenceTree].compactMap({ $0 }).contains(where: { try context.reviewFolder(id, inTree: $0) != nil }) {
            beforeAssignments = [:]
        } else {
            return
        }
        let after = try context.manifest(id, inTree: commit.treeID)
        let afterAssignments = after?.assignments ?? [:]
        let path = "\(Review.root)/\(id)/review.yaml"
        for role in Set(beforeAssignments.keys).union(afterAssignments.keys).sorted() where beforeAssignments[role] != afterAssignments[role] {
            let member = author.map { policy.role(role)?.members.contains($0.id) == true || policy.policyOwners.contains($0.id) } ?? false
            if !member {
                found.add(.commitNotOwner, "\(Self.label(commit)) changes who is assigned to \(role), which only a member of \(role) or a policy owner may do", path: path, line: after?.assignmentLines[role])
            } else if signer == .trustedCommitter {
                found.add(.commitNotOwner, "\(Self.label(commit)) changes who is assigned to \(role) under a trusted committer's signature; an assignment change is signed with its author's own key", path: path, line: after?.assignmentLines[role])
            }
        }
    }
}
