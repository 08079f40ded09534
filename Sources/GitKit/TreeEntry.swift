import CLibgit2

/// One entry of a tree: a name in that folder, the object it names and its kind.
public struct TreeEntry: Hashable, Sendable {
    /// The name within its tree (no slashes).
    public let name: String
    public let id: ObjectID
    public let mode: FileMode

    public init(name: String, id: ObjectID, mode: FileMode) {
        self.name = name
        self.id = id
        self.mode = mode
    }

    /// Copies a libgit2 tree entry.
    init(_ entry: OpaquePointer) throws {
        let raw = git_tree_entry_filemode_raw(entry).rawValue
        guard let mode = FileMode(gitMode: raw) else {
            throw GitError(code: .invalid, errorClass: .tree, message: "unknown file mode \(String(raw, radix: 8)) in tree")
        }
        self.init(name: String(cString: git_tree_entry_name(entry)), id: ObjectID(git_tree_entry_id(entry)), mode: mode)
    }
}

extension Repository {
    /// The entries of one tree, in git's order; throws when `tree` is missing or not a tree.
    public func entries(ofTree tree: ObjectID) throws -> [TreeEntry] {
        let parsed = try ParsedTree(self, tree)
        return try (0..<parsed.count).map { try TreeEntry(parsed.entry($0)) }
    }

    /// The entry at a slash-separated path below `tree` (e.g. `reviews/x/review.yaml`); nil when absent.
    /// A trailing slash is ignored; the empty path names no entry.
    public func entry(at path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        let path = Self.trimmedPath(path)
        guard !path.isEmpty else { return nil }
        let parsed = try ParsedTree(self, tree)
        var entry: OpaquePointer?
        guard try checkFound(git_tree_entry_bypath(&entry, parsed.handle, path)) else { return nil }
        defer { git_tree_entry_free(entry) }
        return try TreeEntry(entry!)
    }

    /// Every non-tree entry below `tree` (or below the folder `prefix` in it) with its full path from
    /// the root, depth first in git's order, like `git ls-tree -r`. A missing prefix gives no entries;
    /// a prefix naming a file gives that file alone.
    public func walkTree(_ tree: ObjectID, under prefix: String? = nil) throws -> [(path: String, entry: TreeEntry)] {
        var start = tree
        var base = ""
        if let prefix, !Self.trimmedPath(prefix).isEmpty {
            let folder = Self.trimmedPath(prefix)
            guard let entry = try entry(at: folder, inTree: tree) else { return [] }
            guard entry.mode == .tree else { return [(folder, entry)] }
            start = entry.id
            base = folder + "/"
        }
        var result: [(path: String, entry: TreeEntry)] = []
        try collect(start, base: base, into: &result)
        return result
    }

    private func collect(_ tree: ObjectID, base: String, into result: inout [(path: String, entry: TreeEntry)]) throws {
        for entry in try entries(ofTree: tree) {
            if entry.mode == .tree {
                try collect(entry.id, base: base + entry.name + "/", into: &result)
            } else {
                result.append((base + entry.name, entry))
            }
        }
    }

    static func trimmedPath(_ path: String) -> String {
        var path = Substring(path)
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
