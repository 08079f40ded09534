import CLibgit2
import Foundation

/// Process-wide libgit2 setup and the error-checking helpers every wrapper uses.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, the first time any GitKit entry point needs libgit2. The object
    /// cache is kept to 32 MiB (libgit2's default is 256 MiB): a walk over a long history reads each
    /// object about once. Trees up to 4 MiB are cached (libgit2's default stops at 4 KiB), since a
    /// large `reviews/` tree is read for every commit.
    private static let initialization: Int32 = {
        let code = git_libgit2_init()
        if code >= 0 {
            _ = countersign_set_cache_max_size(32 << 20)
            _ = countersign_set_cache_object_limit(GIT_OBJECT_TREE, 4 << 20)
        }
        return code
    }()

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
