import Foundation

/// What a path is in a tree: only regular files and folders are allowed under `reviews/`.
public enum EntryKind: String, Sendable {
    case file, executable, symlink, submodule
}

/// One non-folder entry of a tree, by its path from the repository root.
public struct SourceEntry: Hashable, Sendable {
    public var path: String
    public var kind: EntryKind
    public init(path: String, kind: EntryKind) {
        self.path = path
        self.kind = kind
    }
}

/// A tree of files to judge: the working tree, a commit's tree or the staged index.
/// Policy and gap items are computed from any of them with the same code.
public protocol FileSource {
    /// Every entry under `prefix` (a folder path, no trailing slash; "" for all), sorted by path.
    func entries(under prefix: String) throws -> [SourceEntry]
    /// The bytes at `path`, or nil when there is no file there.
    func contents(of path: String) throws -> Data?
    /// The size in bytes of the file at `path`, read without loading it where the source can.
    func size(of path: String) throws -> Int?
    /// Names the source in messages: "the working tree", "commit 1a2b3c4".
    var label: String { get }
}
