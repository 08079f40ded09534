import Foundation
import GitKit

/// Writes objects into a repository through GitKit (loose objects), checking that git names each
/// one as the builder did.
final class RepositorySink: ObjectSink {
    let repository: Repository

    init(repository: Repository) {
        self.repository = repository
    }

    func store(_ type: ObjectType, _ data: [UInt8], id: ObjectID, versionKey: String?) throws {
        let written = try repository.writeObject(type: type, data: Data(data))
        guard written == id else { throw BenchError("git wrote \(type) \(written) where \(id) was expected") }
    }
}
