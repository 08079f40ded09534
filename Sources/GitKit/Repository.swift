import CLibgit2
import Foundation

// GitKit: read-only access to a git repository through libgit2, returning plain Swift values.
//
// Opening
//   Repository(path:)                      a work tree or a git directory (bare or not), no search upwards
//   Repository.discover(from:)             searches upwards from a folder, like git
//   Repository.openFromEnvironment()       honours GIT_DIR, GIT_OBJECT_DIRECTORY,
//                                          GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_INDEX_FILE (hooks)
//   A SHA-256 repository cannot be opened: every opener throws GitError with code .unsupportedFormat.
//   A shallow one opens; check `isShallow`.
//   workdir, gitDirectory, isBare, isShallow, configString(_:)
//
// Objects (ObjectID is a 40-hex SHA-1 value)
//   resolve(_:) / resolveCommit(_:)        a revision (`HEAD~2`, `main`, a tag name, a hex id)
//   commit(_:) -> Commit                   ids, author, committer, message
//   entries(ofTree:) / entry(at:inTree:) / walkTree(_:under:)
//   blob(_:) / blobSize(_:) / isBinaryBlob(_:)
//   readObject(_:) -> RawObject            type and bytes exactly as stored
//   objectHeader(_:) / objectType(_:) / contains(_:)   without reading the content
//   tag(_:) -> Tag                         an annotated tag object
//
// Signatures (split exactly as git does; verification happens elsewhere)
//   commitSignature(_:) / tagSignature(_:) -> SignedPayload?   nil when unsigned
//
// History
//   walk(from:hiding:firstParentOnly:order:)   commit ids, like `git rev-list`
//   isAncestor(_:of:)                          true when equal too (`git merge-base --is-ancestor`)
//   mergeBase(_:_:)
//   changes(from:to:under:) -> [DiffDelta]     tree to tree, skipping equal subtrees (what the ledger uses)
//   diff(from:to:paths:) -> [DiffDelta]        libgit2's diff with pathspecs; expands every file, so it
//                                              is the reference `changes` is tested against
//
// References and index
//   references(withPrefix:) / reference(named:)
//   index() / Index(contentsOf:)               staged entries, for a pre-commit hook
//
// Each Repository is one libgit2 handle; `Repository(origin)` opens another to the same repository
// for another thread.
//
// Every failure is a GitError; a missing optional thing (a reference, a tree entry, a signature)
// is nil instead. A Repository is not Sendable: use each one from one task at a time (libgit2
// handles are not safe to use from several threads at once); the values it returns are Sendable.

/// An open git repository; the entry point of GitKit (see the overview at the top of this file).
public final class Repository {
    /// How a repository was found, so that another thread can open its own handle to it.
    public enum Origin: Sendable, Equatable {
        /// A git directory or a work tree, opened without searching.
        case path(String)
        /// `openFromEnvironment()`: the hook's view, with its quarantined objects.
        case environment
    }

    /// The libgit2 handle, freed in `deinit`.
    let pointer: OpaquePointer
    public let origin: Origin
    /// Whether `keepWritesInMemory()` sent this handle's writes to an in-memory pack.
    var writesInMemory = false

    private init(pointer: OpaquePointer, origin: Origin) {
        self.pointer = pointer
        self.origin = origin
    }

    /// Opens the repository `origin` describes: a second handle, for use on another thread.
    public convenience init(_ origin: Origin) throws {
        switch origin {
        case .path(let path): try self.init(path: path)
        case .environment: self.init(pointer: try Self.open(nil, flags: GIT_REPOSITORY_OPEN_FROM_ENV.rawValue), origin: .environment)
        }
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the repository at `path`: a work tree (with `.git` inside) or a git directory, bare or not.
    public convenience init(path: String) throws {
        let pointer = try Self.open(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue)
        self.init(pointer: pointer, origin: .path(path))
    }

    /// Opens the repository containing `folder`, searching upwards as git does (not across file systems).
    public static func discover(from folder: URL) throws -> Repository {
        try LibGit2.ensureInitialized()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_repository_discover(&buffer, folder.path, 0, nil))
        let gitDirectory = String(cString: buffer.ptr)
        return Repository(pointer: try open(gitDirectory, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), origin: .path(gitDirectory))
    }

    /// Opens the repository the way git commands and hooks find it: `GIT_DIR` (or a search from the
    /// current folder), `GIT_OBJECT_DIRECTORY` and `GIT_ALTERNATE_OBJECT_DIRECTORIES` (a pre-receive
    /// hook's quarantined objects), `GIT_INDEX_FILE`, `GIT_NAMESPACE`, `GIT_CEILING_DIRECTORIES`.
    /// libgit2 1.5 refuses `GIT_COMMON_DIR`.
    public static func openFromEnvironment() throws -> Repository {
        try Repository(.environment)
    }

    private static func open(_ path: String?, flags: UInt32) throws -> OpaquePointer {
        try LibGit2.ensureInitialized()
        var repository: OpaquePointer?
        let code = git_repository_open_ext(&repository, path, flags, nil)
        if code < 0 {
            let error = GitError.last(code)
            // libgit2 1.5 knows only SHA-1 and rejects the extension that names another format.
            if error.message.lowercased().contains("extensions.objectformat") {
                throw GitError(
                    code: .unsupportedFormat, errorClass: .repository,
                    message: "the repository uses an object format other than sha1 (extensions.objectformat), which cannot be read")
            }
            throw error
        }
        return repository!
    }

    /// The work tree, or nil for a bare repository.
    public var workdir: URL? {
        git_repository_workdir(pointer).map { URL(fileURLWithPath: String(cString: $0), isDirectory: true) }
    }

    /// The git directory (`.git`, or the repository itself when bare).
    public var gitDirectory: URL {
        URL(fileURLWithPath: String(cString: git_repository_path(pointer)), isDirectory: true)
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// True for a shallow clone, whose history is cut short (`.git/shallow` exists).
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// A configuration value as git would read it (repository, global, system); nil when unset.
    public func configString(_ key: String) throws -> String? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer))
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard try checkFound(git_config_get_string(&value, config, key)) else { return nil }
        return String(optionalCString: value)
    }

    /// Resolves a revision (`HEAD`, `main~2`, a tag name, a full or short hex id) to the object it names.
    /// Tags are not peeled: `resolve("v1")` gives the tag object of an annotated tag.
    public func resolve(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, revision))
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object))
    }

    /// Resolves a revision and peels it (through annotated tags) to a commit; throws when it names none.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, revision))
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT))
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }
}
