/// The kind of a tree or index entry, from its git mode; symlinks and submodules are kept apart from files.
public enum FileMode: UInt32, Hashable, Sendable, CustomStringConvertible {
    case blob = 0o100644
    case executable = 0o100755
    case symlink = 0o120000
    case tree = 0o040000
    /// A gitlink: a submodule's commit recorded in the tree.
    case submodule = 0o160000

    /// Maps any git mode to its kind as git does (a regular file with an owner-execute bit is
    /// executable); nil for a mode of no known type, and for 0 (the absent side of a diff).
    init?(gitMode mode: UInt32) {
        switch mode & 0o170000 {
        case 0o100000: self = mode & 0o100 != 0 ? .executable : .blob
        case 0o120000: self = .symlink
        case 0o040000: self = .tree
        case 0o160000: self = .submodule
        default: return nil
        }
    }

    /// Blobs, executables and symlinks have content in a blob; trees and submodules do not.
    public var isBlob: Bool { self == .blob || self == .executable || self == .symlink }

    /// The six octal digits git prints, e.g. `100644`.
    public var description: String {
        let digits = String(rawValue, radix: 8)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
