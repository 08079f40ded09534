import CLibgit2

/// A commit's fields, copied out of libgit2.
public struct Commit: Hashable, Sendable {
    public let id: ObjectID
    public let treeID: ObjectID
    /// The parents in recorded order: the first parent is the branch the commit was made on.
    public let parentIDs: [ObjectID]
    public let author: Signature
    public let committer: Signature
    /// The message with leading blank lines removed, as libgit2 presents it.
    public let message: String
    /// The first paragraph of the message on one line, like `git log --format=%s`.
    public let summary: String

    public init(
        id: ObjectID, treeID: ObjectID, parentIDs: [ObjectID],
        author: Signature, committer: Signature, message: String, summary: String
    ) {
        self.id = id
        self.treeID = treeID
        self.parentIDs = parentIDs
        self.author = author
        self.committer = committer
        self.message = message
        self.summary = summary
    }
}

extension Repository {
    /// Reads the commit `id`; throws when it is missing or not a commit.
    public func commit(_ id: ObjectID) throws -> Commit {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        let parentCount = git_commit_parentcount(commit)
        return Commit(
            id: id,
            treeID: ObjectID(git_commit_tree_id(commit)),
            parentIDs: (0..<parentCount).map { ObjectID(git_commit_parent_id(commit, $0)) },
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: String(optionalCString: git_commit_message(commit)),
            summary: String(optionalCString: git_commit_summary(commit)))
    }
}
