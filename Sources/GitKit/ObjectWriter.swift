import CLibgit2
import Foundation

// Writing: objects into the object database and direct references. The rest of GitKit only
// reads; these are for tools that build repositories (the benchmark's generator) and for tests.

extension Repository {
    /// Writes `data` as an object of `type` (git adds the `<type> <size>\0` header) and returns its
    /// id. The object lands in the repository's object database (a loose object, compressed); writing
    /// an object that already exists is harmless.
    @discardableResult
    public func writeObject(type: ObjectType, data: Data) throws -> ObjectID {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer))
        defer { git_odb_free(odb) }
        var oid = git_oid()
        try data.withUnsafeBytes { buffer in
            _ = try check(git_odb_write(&oid, odb, buffer.baseAddress, buffer.count, type.gitType))
        }
        return ObjectID(oid)
    }

    /// Points the direct reference `name` (e.g. `refs/heads/main`) at `target`, creating it or, when
    /// `force` is true, moving it. Throws when it exists and `force` is false, or the name is invalid.
    public func setReference(name: String, target: ObjectID, force: Bool = true, logMessage: String? = nil) throws {
        var oid = target.oid
        var reference: OpaquePointer?
        try check(git_reference_create(&reference, pointer, name, &oid, force ? 1 : 0, logMessage))
        git_reference_free(reference)
    }
}

extension ObjectType {
    /// The type as libgit2 wants it.
    var gitType: git_object_t {
        switch self {
        case .commit: GIT_OBJECT_COMMIT
        case .tree: GIT_OBJECT_TREE
        case .blob: GIT_OBJECT_BLOB
        case .tag: GIT_OBJECT_TAG
        }
    }
}
