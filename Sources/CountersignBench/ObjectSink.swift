import GitKit

/// Where the builders send the objects they make: a pack being written, or a repository.
protocol ObjectSink: AnyObject {
    /// Stores an object whose id is `id`; `versionKey` names the series of versions of one tree
    /// (its path), which a pack may store as deltas.
    func store(_ type: ObjectType, _ data: [UInt8], id: ObjectID, versionKey: String?) throws
}
