import CLibgit2
import Foundation

/// Process-wide libgit2 setup and the error-checking helpers every wrapper uses.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, the first time any GitKit entry point needs libgit2.
    private static let initialization: Int32 = git_libgit2_init()

    static func ensureInitialized() throws {
        if initialization < 0 { throw GitError.last(initialization) }
    }
}

/// Throws the libgit2 error when `code` < 0; returns the code otherwise (some calls return counts or booleans).
@discardableResult
func check(_ code: Int32) throws -> Int32 {
    if code < 0 { throw GitError.last(code) }
    return code
}

/// Like `check`, but `GIT_ENOTFOUND` returns false instead of throwing.
func checkFound(_ code: Int32) throws -> Bool {
    if code == GIT_ENOTFOUND.rawValue { return false }
    try check(code)
    return true
}

extension String {
    /// A C string that may be absent; libgit2 strings are UTF-8, repaired if invalid.
    init(optionalCString pointer: UnsafePointer<CChar>?) {
        self = pointer.map { String(cString: $0) } ?? ""
    }
}
