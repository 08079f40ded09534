import CLibgit2

/// A tree as libgit2 parsed it, freed in `deinit`: every tree lookup in GitKit goes through it.
/// Kept open, its entries can be compared in place, so a walk over a large folder turns only the
/// entries it needs into `TreeEntry` values.
final class ParsedTree {
    let handle: OpaquePointer
    let count: Int

    init(_ repository: Repository, _ id: ObjectID) throws {
        var oid = id.oid
        var handle: OpaquePointer?
        try check(git_tree_lookup(&handle, repository.pointer, &oid))
        self.handle = handle!
        count = git_tree_entrycount(handle)
    }

    deinit {
        git_tree_free(handle)
    }

    /// The entry at `index` (below `count`); valid while this tree lives.
    func entry(_ index: Int) -> OpaquePointer {
        git_tree_entry_byindex(handle, index)
    }
}
