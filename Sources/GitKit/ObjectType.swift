import CLibgit2

/// The four kinds of git object.
public enum ObjectType: String, Hashable, Sendable, CustomStringConvertible {
    case commit, tree, blob, tag

    init?(_ type: git_object_t) {
        switch type {
        case GIT_OBJECT_COMMIT: self = .commit
        case GIT_OBJECT_TREE: self = .tree
        case GIT_OBJECT_BLOB: self = .blob
        case GIT_OBJECT_TAG: self = .tag
        default: return nil
        }
    }

    /// Converts libgit2's type, throwing for anything that is not one of the four.
    static func from(_ type: git_object_t) throws -> ObjectType {
        guard let value = ObjectType(type) else {
            throw GitError(code: .invalid, errorClass: .object, message: "unexpected object type \(type.rawValue)")
        }
        return value
    }

    public var description: String { rawValue }
}
