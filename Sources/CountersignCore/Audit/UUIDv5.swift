import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so that the same
/// record gives the same OSCAL document, uuid for uuid, every time it is written.
enum UUIDv5 {
    /// RFC 9562's namespace for names that are URLs.
    static let url = UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!
    /// The namespace of every uuid of Countersign's OSCAL documents: the project's URL's uuid.
    static let countersign = make(RuleReference.home, in: url)

    static func make(_ name: String, in namespace: UUID = countersign) -> UUID {
        var hash = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hash.update(bufferPointer: $0) }
        hash.update(data: Data(name.utf8))
        var bytes = Array(hash.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
    }

    /// The lowercase form OSCAL documents use.
    static func string(_ name: String) -> String { make(name).uuidString.lowercased() }
}
