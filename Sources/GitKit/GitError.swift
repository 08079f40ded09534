import CLibgit2

/// A failed libgit2 call (or a repository GitKit refuses), with libgit2's error class, code and message.
/// The message is libgit2's own, with a lowercase first letter and no trailing period.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A libgit2 return code (`git_error_code`), plus `unsupportedFormat` raised by GitKit itself.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let generic = Code(rawValue: GIT_ERROR.rawValue)
        public static let notFound = Code(rawValue: GIT_ENOTFOUND.rawValue)
        public static let exists = Code(rawValue: GIT_EEXISTS.rawValue)
        public static let ambiguous = Code(rawValue: GIT_EAMBIGUOUS.rawValue)
        public static let bareRepository = Code(rawValue: GIT_EBAREREPO.rawValue)
        public static let unbornBranch = Code(rawValue: GIT_EUNBORNBRANCH.rawValue)
        public static let invalidSpec = Code(rawValue: GIT_EINVALIDSPEC.rawValue)
        public static let peel = Code(rawValue: GIT_EPEEL.rawValue)
        public static let invalid = Code(rawValue: GIT_EINVALID.rawValue)
        public static let owner = Code(rawValue: GIT_EOWNER.rawValue)
        /// Not a libgit2 code: the repository uses a format GitKit cannot read (SHA-256 object ids).
        public static let unsupportedFormat = Code(rawValue: -1000)

        public var description: String { "\(rawValue)" }
    }

    /// The libgit2 error class (`git_error_t`): which subsystem failed.
    public struct Class: RawRepresentable, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// No class recorded (libgit2 set no error message).
        public static let unspecified = Class(rawValue: Int32(GIT_ERROR_NONE.rawValue))
        public static let os = Class(rawValue: Int32(GIT_ERROR_OS.rawValue))
        public static let invalid = Class(rawValue: Int32(GIT_ERROR_INVALID.rawValue))
        public static let reference = Class(rawValue: Int32(GIT_ERROR_REFERENCE.rawValue))
        public static let repository = Class(rawValue: Int32(GIT_ERROR_REPOSITORY.rawValue))
        public static let config = Class(rawValue: Int32(GIT_ERROR_CONFIG.rawValue))
        public static let odb = Class(rawValue: Int32(GIT_ERROR_ODB.rawValue))
        public static let index = Class(rawValue: Int32(GIT_ERROR_INDEX.rawValue))
        public static let object = Class(rawValue: Int32(GIT_ERROR_OBJECT.rawValue))
        public static let tag = Class(rawValue: Int32(GIT_ERROR_TAG.rawValue))
        public static let tree = Class(rawValue: Int32(GIT_ERROR_TREE.rawValue))
    }

    public let code: Code
    public let errorClass: Class
    public let message: String

    public init(code: Code, errorClass: Class, message: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = GitError.normalized(message)
    }

    public var description: String { message }

    /// Builds the error for a call that just returned `code` < 0, from `git_error_last()`.
    static func last(_ code: Int32) -> GitError {
        guard let last = git_error_last() else {
            return GitError(code: Code(rawValue: code), errorClass: .unspecified, message: "libgit2 error \(code)")
        }
        let message = last.pointee.message.map { String(cString: $0) } ?? "libgit2 error \(code)"
        return GitError(code: Code(rawValue: code), errorClass: Class(rawValue: last.pointee.klass), message: message)
    }

    /// Lowercases the first letter and drops trailing periods and whitespace (paths keep their case).
    static func normalized(_ message: String) -> String {
        var text = Substring(message)
        while let last = text.last, last == "." || last.isWhitespace { text = text.dropLast() }
        guard let first = text.first else { return "" }
        return first.lowercased() + text.dropFirst()
    }
}
