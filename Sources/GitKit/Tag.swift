import CLibgit2

/// An annotated tag object's fields (a lightweight tag is only a reference, see `Reference`).
public struct Tag: Hashable, Sendable {
    public let id: ObjectID
    /// The name recorded in the object's `tag` header, which may differ from the ref that points to it.
    public let name: String
    public let targetID: ObjectID
    public let targetType: ObjectType
    /// The `tagger` line; nil when the object has none (possible in old tags).
    public let tagger: Signature?
    /// The message without the signature block appended to signed tags (see `tagSignature`).
    public let message: String

    public init(id: ObjectID, name: String, targetID: ObjectID, targetType: ObjectType, tagger: Signature?, message: String) {
        self.id = id
        self.name = name
        self.targetID = targetID
        self.targetType = targetType
        self.tagger = tagger
        self.message = message
    }
}

extension Repository {
    /// Reads the annotated tag object `id`; throws when it is missing or not a tag object.
    public func tag(_ id: ObjectID) throws -> Tag {
        var oid = id.oid
        var tag: OpaquePointer?
        try check(git_tag_lookup(&tag, pointer, &oid))
        defer { git_tag_free(tag) }
        var message = Array(String(optionalCString: git_tag_message(tag)).utf8)
        if let start = SignatureSplitter.trailingSignatureStart(message) {
            message.removeSubrange(start...)
        }
        return Tag(
            id: id,
            name: String(optionalCString: git_tag_name(tag)),
            targetID: ObjectID(git_tag_target_id(tag)),
            targetType: try ObjectType.from(git_tag_target_type(tag)),
            tagger: git_tag_tagger(tag).map(Signature.init),
            message: String(decoding: message, as: UTF8.self))
    }
}
