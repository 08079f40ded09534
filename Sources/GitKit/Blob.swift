import CLibgit2
import Foundation

extension Repository {
    /// The content of a blob (a file or a symlink's target); throws when missing or not a blob.
    public func blob(_ id: ObjectID) throws -> Data {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: content, count: size)
    }

    /// The size of a blob in bytes, without reading its content.
    public func blobSize(_ id: ObjectID) throws -> Int {
        let header = try objectHeader(id)
        guard header.type == .blob else {
            throw GitError(code: .invalid, errorClass: .object, message: "object \(id) is a \(header.type), not a blob")
        }
        return header.size
    }

    /// Git's guess that a blob is binary (a NUL byte or mostly unprintable bytes near its start).
    public func isBinaryBlob(_ id: ObjectID) throws -> Bool {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        return git_blob_is_binary(blob) == 1
    }
}
