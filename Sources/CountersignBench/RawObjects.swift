import Crypto
import Foundation
import GitKit

/// Commit, tag and tree objects in git's exact byte format, signed as git signs them, with their ids.
enum RawObjects {
    /// The id git gives an object: SHA-1 over `<type> <size>\0` and the bytes.
    static func id(_ type: ObjectType, _ data: [UInt8]) -> ObjectID {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("\(type.rawValue) \(data.count)\0".utf8))
        hasher.update(data: data)
        return ObjectID(bytes: Array(hasher.finalize()))!
    }

    /// `Name <email> <seconds> +0000`, an author, committer or tagger line's value.
    static func identity(_ member: TeamMember, at time: Int) -> String {
        "\(member.name) <\(member.email)> \(time) +0000"
    }

    /// A commit by `member` (author and committer), signed with their key in a `gpgsig` header.
    static func commit(tree: ObjectID, parents: [ObjectID], member: TeamMember, time: Int, message: String) throws -> [UInt8] {
        var headers = ["tree \(tree.hex)"] + parents.map { "parent \($0.hex)" }
        headers += ["author \(identity(member, at: time))", "committer \(identity(member, at: time))"]
        let body = "\n" + message
        let payload = Array((headers.joined(separator: "\n") + "\n" + body).utf8)
        let signature = try member.signer.sign(payload)
        // Continuation lines of a header start with a space; the armor ends with a newline.
        let folded = signature.dropLast().split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n ")
        return Array((headers.joined(separator: "\n") + "\ngpgsig " + folded + "\n" + body).utf8)
    }

    /// An annotated tag named `name` on commit `target`, tagged by `member`, with the signature
    /// appended to the message as `git tag -s` does.
    static func tag(name: String, target: ObjectID, member: TeamMember, time: Int, message: String) throws -> [UInt8] {
        let payload = Array("object \(target.hex)\ntype commit\ntag \(name)\ntagger \(identity(member, at: time))\n\n\(message)".utf8)
        return payload + Array(try member.signer.sign(payload).utf8)
    }
}
