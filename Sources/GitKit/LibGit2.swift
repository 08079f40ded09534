import CLibgit2
import Foundation

/// Process-wide libgit2 setup and the error-checking helpers every wrapper uses.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, the first time any GitKit entry point needs libgit2. The object
    /// cache is kept to 8 MiB (libgit2's default is 256 MiB): a walk over a long history reads each
    /// object about once, and libgit2 counts only a tree's raw size, while its parsed entries take
    /// about twice that again. Trees up to 4 MiB are cached (libgit2's default stops at 4 KiB), since
    /// the `reviews/` tree of one commit is read again for the next. Pack files are mapped in windows
    /// of 4 MiB, at most 32 MiB at once (libgit2 maps up to 8 GiB on 64-bit systems): a walk over the
    /// whole history touches every page of a pack, and every mapped page counts as resident memory.
    /// Objects are not hashed again on every read, as git does not: git checked each one's id when
    /// it entered the repository (index-pack, unpack-objects), and `git fsck` checks the store; a
    /// 150 KB `reviews/` tree hashed again for every commit was a fifth of a long verify.
    private static let initialization: Int32 = {
        let code = git_libgit2_init()
        if code >= 0 {
            _ = countersign_set_cache_max_size(8 << 20)
            _ = countersign_set_cache_object_limit(GIT_OBJECT_TREE, 4 << 20)
            _ = countersign_set_mwindow_size(4 << 20)
            _ = countersign_set_mwindow_mapped_limit(32 << 20)
            _ = countersign_enable_strict_hash_verification(0)
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
