import CLibgit2
import Foundation

/// The staging area as a list of entries, read once from an index file; what a pre-commit hook inspects.
public struct Index: Hashable, Sendable {
    /// Entries sorted by path, then stage (the index file's order).
    public let entries: [IndexEntry]

    public init(entries: [IndexEntry]) {
        self.entries = entries
    }

    /// Reads an index file, e.g. the one `GIT_INDEX_FILE` names. A missing file is an empty index
    /// (libgit2's rule, right for a repository with nothing staged yet).
    public init(contentsOf url: URL) throws {
        try LibGit2.ensureInitialized()
        var index: OpaquePointer?
        try check(git_index_open(&index, url.path))
        defer { git_index_free(index) }
        self.init(entries: try Self.copyEntries(index!))
    }

    /// The normal (stage 0) entry at `path`, or the entry at that stage.
    public func entry(at path: String, stage: Int = 0) -> IndexEntry? {
        entries.first { $0.path == path && $0.stage == stage }
    }

    /// True when a merge left conflicts (entries at stages 1 to 3).
    public var hasConflicts: Bool { entries.contains { $0.stage != 0 } }

    static func copyEntries(_ index: OpaquePointer) throws -> [IndexEntry] {
        try (0..<git_index_entrycount(index)).compactMap { position in
            guard let entry = git_index_get_byindex(index, position) else { return nil }
            let raw = entry.pointee.mode
            guard let mode = FileMode(gitMode: raw) else {
                throw GitError(code: .invalid, errorClass: .index, message: "unknown file mode \(String(raw, radix: 8)) in index")
            }
            return IndexEntry(
                path: String(cString: entry.pointee.path),
                id: ObjectID(entry.pointee.id),
                mode: mode,
                stage: Int(git_index_entry_stage(entry)),
                isIntentToAdd: entry.pointee.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0)
        }
    }
}

extension Repository {
    /// The repository's index: `GIT_INDEX_FILE` when opened with `openFromEnvironment()` and it is
    /// set, else `.git/index`. A bare repository (or one with nothing staged yet) has an empty index.
    public func index() throws -> Index {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer))
        defer { git_index_free(index) }
        return Index(entries: try Index.copyEntries(index!))
    }
}
