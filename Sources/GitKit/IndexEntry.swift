/// One entry of the index: a staged path, or one side of a conflict (stage 1 to 3).
public struct IndexEntry: Hashable, Sendable {
    /// The slash-separated path from the top of the work tree.
    public let path: String
    /// The staged blob (or submodule commit); read it with `Repository.blob(_:)`.
    public let id: ObjectID
    public let mode: FileMode
    /// 0 for a normal entry; 1 (base), 2 (ours) or 3 (theirs) during a conflicted merge.
    public let stage: Int
    /// Added with `git add -N`: the path is known but no content is staged yet.
    public let isIntentToAdd: Bool

    public init(path: String, id: ObjectID, mode: FileMode, stage: Int, isIntentToAdd: Bool = false) {
        self.path = path
        self.id = id
        self.mode = mode
        self.stage = stage
        self.isIntentToAdd = isIntentToAdd
    }
}
