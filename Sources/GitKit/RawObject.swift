import CLibgit2
import Foundation

/// An object exactly as stored: its type and its bytes (without git's `<type> <size>\0` header).
/// Hashing `"<type> <data.count>\0" + data` with SHA-1 gives its id.
public struct RawObject: Hashable, Sendable {
    public let type: ObjectType
    public let data: Data

    public init(type: ObjectType, data: Data) {
        self.type = type
        self.data = data
    }
}

extension Repository {
    /// Reads an object's bytes from the object database (loose, packed or an alternate).
    public func readObject(_ id: ObjectID) throws -> RawObject {
        let odb = try objectDatabase()
        defer { git_odb_free(odb) }
        var oid = id.oid
        var object: OpaquePointer?
        try check(git_odb_read(&object, odb, &oid))
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        let data = size == 0 ? Data() : Data(bytes: git_odb_object_data(object), count: size)
        return RawObject(type: try ObjectType.from(git_odb_object_type(object)), data: data)
    }

    /// The type and size of an object, read from its header only.
    public func objectHeader(_ id: ObjectID) throws -> (type: ObjectType, size: Int) {
        let odb = try objectDatabase()
        defer { git_odb_free(odb) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        try check(git_odb_read_header(&size, &type, odb, &oid))
        return (try ObjectType.from(type), size)
    }

    /// The type of an object; throws when it is missing.
    public func objectType(_ id: ObjectID) throws -> ObjectType {
        try objectHeader(id).type
    }

    /// Whether the object is in the repository (including alternates and a hook's quarantine).
    public func contains(_ id: ObjectID) throws -> Bool {
        let odb = try objectDatabase()
        defer { git_odb_free(odb) }
        var oid = id.oid
        return git_odb_exists(odb, &oid) == 1
    }

    /// The repository's object database, to be freed by the caller with `git_odb_free`.
    private func objectDatabase() throws -> OpaquePointer {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer))
        return odb!
    }
}
