import Foundation
import GitKit

/// `countersign tags`: writes the tag ref of every anchor of the protected branch into the local
/// repository, the tag object made from the anchor's bytes, so that git's own tools
/// (`git verify-tag`, `git log --show-signature`) can check the same sign-offs independently.
public struct TagRestore {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// What happened to one anchor's tag ref.
    public enum Outcome: String, Sendable {
        case written, present, differs, rewritten, malformed
    }

    public struct Entry: Sendable {
        public var name: SignOffName
        public var tagID: ObjectID?
        public var outcome: Outcome
    }

    /// Every anchor at the protected branch's tip (or `revision`); a ref that names another object
    /// is left alone unless `force`.
    public func run(revision: String? = nil, force: Bool) throws -> [Entry] {
        let repository = workspace.repository
        let scope = try workspace.scope(revision: revision)
        let tree = try repository.commit(scope.merging ?? scope.base).treeID
        var entries: [Entry] = []
        for (path, entry) in try repository.walkTree(tree, under: Review.root) {
            guard let name = SignOffName(anchorPath: path) else { continue }
            switch try Anchor.read(entry.id, name: name, repository: repository) {
            case .failure:
                entries.append(Entry(name: name, tagID: nil, outcome: .malformed))
            case .success(let anchor):
                let existing = try repository.reference(named: name.ref)
                var outcome = Outcome.written
                if existing == anchor.id {
                    outcome = .present
                } else {
                    if existing != nil {
                        guard force else {
                            entries.append(Entry(name: name, tagID: anchor.id, outcome: .differs))
                            continue
                        }
                        outcome = .rewritten
                    }
                    let written = try repository.writeObject(type: .tag, data: anchor.bytes)
                    guard written == anchor.id else { throw InputError("writing the tag of \(name) gave \(written.hex), not \(anchor.id.hex)") }
                    try repository.setReference(name: name.ref, target: anchor.id, force: true, logMessage: "countersign tags: from \(name.anchorPath)")
                }
                entries.append(Entry(name: name, tagID: anchor.id, outcome: outcome))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }
}
