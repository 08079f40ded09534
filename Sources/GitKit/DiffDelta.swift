import CLibgit2
import Foundation

/// One changed path between two trees. The side that does not exist (the old side of an added
/// file, the new side of a deleted one) has a nil id and mode; its path repeats the other side's.
public struct DiffDelta: Hashable, Sendable {
    public let status: DiffStatus
    public let oldPath: String
    public let newPath: String
    public let oldID: ObjectID?
    public let newID: ObjectID?
    public let oldMode: FileMode?
    public let newMode: FileMode?

    public init(
        status: DiffStatus, oldPath: String, newPath: String,
        oldID: ObjectID?, newID: ObjectID?, oldMode: FileMode?, newMode: FileMode?
    ) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldID = oldID
        self.newID = newID
        self.oldMode = oldMode
        self.newMode = newMode
    }

    /// The path that exists after the change (the old path for a deletion).
    public var path: String { status == .deleted ? oldPath : newPath }

    init(_ delta: git_diff_delta) {
        func id(_ file: git_diff_file) -> ObjectID? {
            let id = ObjectID(file.id)
            return id.isZero ? nil : id
        }
        self.init(
            status: DiffStatus(delta.status),
            oldPath: String(optionalCString: delta.old_file.path),
            newPath: String(optionalCString: delta.new_file.path),
            oldID: id(delta.old_file), newID: id(delta.new_file),
            oldMode: FileMode(gitMode: UInt32(delta.old_file.mode)),
            newMode: FileMode(gitMode: UInt32(delta.new_file.mode)))
    }
}

extension Repository {
    /// The files that differ between two trees (nil meaning the empty tree), like
    /// `git diff --name-status --no-renames old new -- paths`. `paths` are git pathspecs: a folder
    /// name covers everything below it; empty means every path. A file that becomes a symlink
    /// (or the reverse) is a `.typeChange`; a file that becomes a folder is a deletion plus additions.
    public func diff(from oldTree: ObjectID?, to newTree: ObjectID?, paths: [String] = []) throws -> [DiffDelta] {
        let old = try oldTree.map { try ParsedTree(self, $0) }
        let new = try newTree.map { try ParsedTree(self, $0) }

        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        var cStrings = paths.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }

        var diff: OpaquePointer?
        try cStrings.withUnsafeMutableBufferPointer { buffer in
            options.pathspec = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            try check(git_diff_tree_to_tree(&diff, pointer, old?.handle, new?.handle, &options))
        }
        defer { git_diff_free(diff) }
        // The trees stay alive until the deltas are copied out.
        return withExtendedLifetime((old, new)) {
            (0..<git_diff_num_deltas(diff)).compactMap { git_diff_get_delta(diff, $0).map { DiffDelta($0.pointee) } }
        }
    }
}
