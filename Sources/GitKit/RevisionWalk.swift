import CLibgit2

extension Repository {
    /// The commits reachable from `tips` and not from `hiding`, like `git rev-list tips --not hiding`.
    /// `firstParentOnly` follows only first parents (the history of a branch, not what merges brought in).
    /// Tips and hidden ids may be annotated tags (peeled); every id must exist.
    public func walk(
        from tips: [ObjectID], hiding: [ObjectID] = [],
        firstParentOnly: Bool = false, order: WalkOrder = .topological
    ) throws -> [ObjectID] {
        guard !tips.isEmpty else { return [] }
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer))
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, order.sortMode))
        if firstParentOnly { try check(git_revwalk_simplify_first_parent(walker)) }
        for tip in tips {
            var oid = tip.oid
            try check(git_revwalk_push(walker, &oid))
        }
        for hidden in hiding {
            var oid = hidden.oid
            try check(git_revwalk_hide(walker, &oid))
        }
        var result: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code)
            result.append(ObjectID(oid))
        }
        return result
    }

    /// Whether commit `ancestor` is in the history of `descendant`. A commit counts as its own
    /// ancestor, as with `git merge-base --is-ancestor` (libgit2's `git_graph_descendant_of` says no).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        var commit = descendant.oid
        var other = ancestor.oid
        return try check(git_graph_descendant_of(pointer, &commit, &other)) == 1
    }

    /// The best common ancestor of two commits, or nil when their histories are unrelated.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var base = git_oid()
        var first = one.oid
        var second = two.oid
        guard try checkFound(git_merge_base(&base, pointer, &first, &second)) else { return nil }
        return ObjectID(base)
    }
}
