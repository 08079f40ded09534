import Foundation
import GitKit

/// The server's record of the sign-offs it has accepted: `refs/countersign/seen/<tag id>`, written
/// after each push by the post-receive hook. A sign-off's tagger date is checked when it first
/// arrives, wherever it arrives; one the server has seen is not checked again, so a rebase or a
/// merge days later is not refused.
public struct SignOffArrivals {
    public static let prefix = "refs/countersign/seen/"
    let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
    }

    /// An anchor added by a commit of a push.
    struct NewAnchor {
        var name: SignOffName
        var commit: ObjectID
        var blob: ObjectID
        var parsed: Result<Anchor, Anchor.Malformed>
    }

    public func hasSeen(_ tagID: ObjectID) throws -> Bool {
        try repository.reference(named: Self.prefix + tagID.hex) != nil
    }

    /// The anchors that commits from `tip` back to `hiding` add, except those already held in the
    /// hidden commits' trees (a branch that merged the protected branch carries its anchors).
    func newAnchors(from tip: ObjectID, hiding: [ObjectID]) throws -> [NewAnchor] {
        let knownTrees = try hiding.map { try repository.commit($0).treeID }
        var found: [NewAnchor] = []
        var seenBlobs = Set<ObjectID>()
        for id in try repository.walk(from: [tip], hiding: hiding, order: .reverseTopological) {
            let commit = try repository.commit(id)
            let parentTree = try commit.parentIDs.first.map { try repository.commit($0).treeID }
            for delta in try repository.changes(from: parentTree, to: commit.treeID, under: Review.root) where delta.status == .added {
                guard let name = SignOffName(anchorPath: delta.newPath), let blob = delta.newID, seenBlobs.insert(blob).inserted,
                      try !knownTrees.contains(where: { try repository.entry(at: delta.newPath, inTree: $0)?.id == blob }) else { continue }
                found.append(NewAnchor(name: name, commit: id, blob: blob, parsed: try Anchor.read(blob, name: name, repository: repository)))
            }
        }
        return found
    }

    /// The sign-off a ref outside `refs/tags/signoff/` names when it names an annotated tag object
    /// whose `tag` header is a sign-off's name (a carrier of that sign-off); nil otherwise.
    func carriedSignOff(_ id: ObjectID) throws -> (name: SignOffName, parsed: Result<Anchor, Anchor.Malformed>)? {
        guard try repository.objectType(id) == .tag, let name = SignOffName(try repository.tag(id).name) else { return nil }
        return (name, try Anchor.object(id, name: name, repository: repository))
    }

    /// The commit `id` leads to, annotated tags peeled; nil for the zero id, a tree or a blob.
    func commit(peeling id: ObjectID) -> ObjectID? {
        id.isZero ? nil : try? repository.resolveCommit(id.hex)
    }

    /// After a push (post-receive): records every sign-off the accepted updates brought, as a tag
    /// ref or as an anchor on any branch; returns how many were new.
    @discardableResult
    public func record(_ updates: [RefUpdate]) throws -> Int {
        var recorded = 0
        func mark(_ tagID: ObjectID, _ object: ObjectID) throws {
            guard try !hasSeen(tagID) else { return }
            try repository.setReference(name: Self.prefix + tagID.hex, target: object, force: false, logMessage: "countersign: first arrival")
            recorded += 1
        }
        for update in updates where !update.new.isZero {
            if update.ref.hasPrefix(SignOffName.refPrefix), try repository.objectType(update.new) == .tag {
                try mark(update.new, update.new)
            } else if try carriedSignOff(update.new) != nil {
                try mark(update.new, update.new)
            } else if let tip = commit(peeling: update.new) {
                for anchor in try newAnchors(from: tip, hiding: [commit(peeling: update.old)].compactMap { $0 }) {
                    if case .success(let parsed) = anchor.parsed { try mark(parsed.id, anchor.blob) }
                }
            }
        }
        return recorded
    }
}
