import CLibgit2

/// How one path differs between two trees.
public enum DiffStatus: String, Hashable, Sendable {
    case added, deleted, modified, renamed, copied, typeChange
    case unmodified, ignored, untracked, unreadable, conflicted

    init(_ status: git_delta_t) {
        switch status {
        case GIT_DELTA_ADDED: self = .added
        case GIT_DELTA_DELETED: self = .deleted
        case GIT_DELTA_MODIFIED: self = .modified
        case GIT_DELTA_RENAMED: self = .renamed
        case GIT_DELTA_COPIED: self = .copied
        case GIT_DELTA_TYPECHANGE: self = .typeChange
        case GIT_DELTA_UNMODIFIED: self = .unmodified
        case GIT_DELTA_IGNORED: self = .ignored
        case GIT_DELTA_UNTRACKED: self = .untracked
        case GIT_DELTA_UNREADABLE: self = .unreadable
        default: self = .conflicted
        }
    }
}
