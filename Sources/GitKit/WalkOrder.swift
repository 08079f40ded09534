import CLibgit2

/// The order in which `walk` lists commits.
public enum WalkOrder: Sendable, Hashable {
    /// Every commit before its parents (`git rev-list --topo-order`, roughly).
    case topological
    /// Every commit after its parents: oldest first.
    case reverseTopological
    /// Newest commit date first.
    case time
    /// Oldest commit date first.
    case reverseTime

    var sortMode: UInt32 {
        switch self {
        case .topological: GIT_SORT_TOPOLOGICAL.rawValue
        case .reverseTopological: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue
        case .time: GIT_SORT_TIME.rawValue
        case .reverseTime: GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
        }
    }
}
