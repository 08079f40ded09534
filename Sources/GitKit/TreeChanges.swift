import CLibgit2

// A tree-to-tree diff that reads only what changed. libgit2's `git_diff_tree_to_tree` (behind
// `diff(from:to:paths:)`) expands both trees down to every file and compares them one by one, so
// each diff costs the size of the whole tree; here a subtree whose id is the same on both sides is
// skipped without being read, as `git diff-tree -r` does, so a diff costs what changed.

extension Repository {
    /// The files that differ between two trees (nil meaning the empty tree), with the same deltas,
    /// in the same order, as `diff(from:to:)`: added, deleted, modified (content or executable bit)
    /// and `.typeChange` (a file, a symlink and a submodule are three types); a file that becomes a
    /// folder is a deletion plus additions. `folder` (e.g. `reviews`) limits it to that folder.
    public func changes(from oldTree: ObjectID?, to newTree: ObjectID?, under folder: String? = nil) throws -> [DiffDelta] {
        var old = oldTree, new = newTree
        var base = ""
        if let folder, !Self.trimmedPath(folder).isEmpty {
            let path = Self.trimmedPath(folder)
            old = try old.flatMap { try entry(at: path, inTree: $0) }.flatMap { $0.mode == .tree ? $0.id : nil }
            new = try new.flatMap { try entry(at: path, inTree: $0) }.flatMap { $0.mode == .tree ? $0.id : nil }
            base = path + "/"
        }
        var result: [DiffDelta] = []
        try compare(old, new, base: base, into: &result)
        return result
    }

    private func compare(_ oldTree: ObjectID?, _ newTree: ObjectID?, base: String, into result: inout [DiffDelta]) throws {
        if oldTree == newTree { return }
        let old = try oldTree.map { try ParsedTree(self, $0) }
        let new = try newTree.map { try ParsedTree(self, $0) }
        let oldCount = old?.count ?? 0, newCount = new?.count ?? 0
        var i = 0, j = 0
        // Both trees are in git's order, so one pass pairs equal names; an entry equal on both sides
        // (same name, id and mode) is skipped without becoming a Swift value.
        while i < oldCount || j < newCount {
            let order: Int32 = if i == oldCount { 1 } else if j == newCount { -1 } else { git_tree_entry_cmp(old!.entry(i), new!.entry(j)) }
            if order == 0 {
                let o = old!.entry(i), n = new!.entry(j)
                if git_tree_entry_filemode_raw(o) != git_tree_entry_filemode_raw(n) || !Self.sameID(git_tree_entry_id(o), git_tree_entry_id(n)) {
                    try pair(TreeEntry(o), TreeEntry(n), base: base, into: &result)
                }
                i += 1
                j += 1
            } else if order < 0 {
                try one(TreeEntry(old!.entry(i)), added: false, base: base, into: &result)
                i += 1
            } else {
                try one(TreeEntry(new!.entry(j)), added: true, base: base, into: &result)
                j += 1
            }
        }
    }

    /// Whether two object ids are equal, compared in place: this runs for every entry of a large
    /// folder on every commit, where a call per comparison showed in profiles.
    private static func sameID(_ a: UnsafePointer<git_oid>, _ b: UnsafePointer<git_oid>) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
            && x.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            && x.loadUnaligned(fromByteOffset: 16, as: UInt32.self) == y.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
    }

    /// Two entries of one name and kind (both folders, or both not).
    private func pair(_ old: TreeEntry, _ new: TreeEntry, base: String, into result: inout [DiffDelta]) throws {
        let path = base + old.name
        if old.mode == .tree {
            try compare(old.id, new.id, base: path + "/", into: &result)
        } else if old.id != new.id || old.mode != new.mode {
            let status: DiffStatus = Self.type(of: old.mode) == Self.type(of: new.mode) ? .modified : .typeChange
            result.append(DiffDelta(status: status, oldPath: path, newPath: path, oldID: old.id, newID: new.id,
                                    oldMode: old.mode, newMode: new.mode))
        }
    }

    /// An entry on one side only: a file added or deleted, or every file of a folder.
    private func one(_ entry: TreeEntry, added: Bool, base: String, into result: inout [DiffDelta]) throws {
        let path = base + entry.name
        if entry.mode == .tree {
            try compare(added ? nil : entry.id, added ? entry.id : nil, base: path + "/", into: &result)
        } else if added {
            result.append(DiffDelta(status: .added, oldPath: path, newPath: path, oldID: nil, newID: entry.id, oldMode: nil, newMode: entry.mode))
        } else {
            result.append(DiffDelta(status: .deleted, oldPath: path, newPath: path, oldID: entry.id, newID: nil, oldMode: entry.mode, newMode: nil))
        }
    }

    /// The types whose change is a `.typeChange`: regular files (with or without the executable
    /// bit), symlinks, submodules.
    private static func type(of mode: FileMode) -> Int {
        switch mode {
        case .blob, .executable: 0
        case .symlink: 1
        case .submodule: 2
        case .tree: 3
        }
    }
}
