import CLibgit2
import Foundation

// What a merge would make, without touching the repository on disk: objects written after
// `keepWritesInMemory()` live in an in-memory pack that is gone when the handle is freed.

extension Repository {
    /// Sends every object this handle writes from now on to an in-memory pack instead of
    /// `.git/objects`; reads still see the repository. For judging a merge that does not exist yet.
    public func keepWritesInMemory() throws {
        if writesInMemory { return }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer))
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&backend))
        do {
            try check(git_odb_add_backend(odb, backend, 999))
        } catch {
            backend?.pointee.free(backend)
            throw error
        }
        writesInMemory = true
    }

    /// Writes the merge commit `git merge --no-ff theirs` would make on `ours` (parents `ours`, then
    /// `theirs`) and returns its id; nil when the merge has conflicts. The author and committer are
    /// `who`, the message is `message`; the commit is written, no reference moves.
    public func writeMergeCommit(ours: ObjectID, theirs: ObjectID, who: Signature, message: String) throws -> ObjectID? {
        var oursOID = ours.oid, theirsOID = theirs.oid
        var oursCommit: OpaquePointer?, theirsCommit: OpaquePointer?
        try check(git_commit_lookup(&oursCommit, pointer, &oursOID))
        defer { git_commit_free(oursCommit) }
        try check(git_commit_lookup(&theirsCommit, pointer, &theirsOID))
        defer { git_commit_free(theirsCommit) }
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)))
        var index: OpaquePointer?
        try check(git_merge_commits(&index, pointer, oursCommit, theirsCommit, &options))
        defer { git_index_free(index) }
        if git_index_has_conflicts(index) != 0 { return nil }
        var treeOID = git_oid()
        try check(git_index_write_tree_to(&treeOID, index, pointer))
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, &treeOID))
        defer { git_tree_free(tree) }
        var signature: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&signature, who.name, who.email, git_time_t(who.date.timeIntervalSince1970), Int32(who.offsetMinutes)))
        defer { git_signature_free(signature) }
        var commitOID = git_oid()
        var parents: [OpaquePointer?] = [oursCommit, theirsCommit]
        try parents.withUnsafeMutableBufferPointer { buffer in
            try check(git_commit_create(&commitOID, pointer, nil, signature, signature, nil, message, tree, 2, buffer.baseAddress))
        }
        return ObjectID(commitOID)
    }
}

extension ObjectID {
    /// The id git gives `data` stored as an object of `type` (`git hash-object -t <type>`), computed
    /// without writing anything.
    public static func hash(_ data: Data, as type: ObjectType) throws -> ObjectID {
        var oid = git_oid()
        try data.withUnsafeBytes { buffer in
            _ = try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, type.gitType))
        }
        return ObjectID(oid)
    }
}
