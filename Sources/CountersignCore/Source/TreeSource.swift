import Foundation
import GitKit

/// The files of one git tree (a commit's content), read through libgit2 without a checkout.
public struct TreeSource: FileSource {
    public let repository: Repository
    public let treeID: ObjectID
    public let label: String

    public init(repository: Repository, treeID: ObjectID, label: String) {
        self.repository = repository
        self.treeID = treeID
        self.label = label
    }

    /// The tree of `commit`.
    public init(repository: Repository, commit: ObjectID) throws {
        let treeID = try repository.commit(commit).treeID
        self.init(repository: repository, treeID: treeID, label: "commit \(commit.hex.prefix(10))")
    }

    public func entries(under prefix: String) throws -> [SourceEntry] {
        try repository.walkTree(treeID, under: prefix.isEmpty ? nil : prefix).compactMap { item in
            TreeSource.kind(item.entry.mode).map { SourceEntry(path: item.path, kind: $0) }
        }.sorted { $0.path < $1.path }
    }

    static func kind(_ mode: FileMode) -> EntryKind? {
        switch mode {
        case .blob: .file
        case .executable: .executable
        case .symlink: .symlink
        case .submodule: .submodule
        default: nil
        }
    }

    public func contents(of path: String) throws -> Data? {
        guard let entry = try repository.entry(at: path, inTree: treeID), entry.mode == .blob || entry.mode == .executable else { return nil }
        return try repository.blob(entry.id)
    }

    public func size(of path: String) throws -> Int? {
        guard let entry = try repository.entry(at: path, inTree: treeID), entry.mode == .blob || entry.mode == .executable else { return nil }
        return try repository.blobSize(entry.id)
    }
}
