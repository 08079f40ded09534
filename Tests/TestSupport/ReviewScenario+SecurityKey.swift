import Foundation

/// Commits signed by a FIDO security key: git cannot drive a token in a test, so the commit object
/// is written as `git commit -S` would with one (the signature in its `gpgsig` header).
extension ReviewScenario {
    /// Commits `files` (paths inside `reviews/<review>/`) as `person`, signed by `key` with `flags`;
    /// returns the commit id.
    @discardableResult
    public func commitSigned(byKey key: SoftwareSecurityKey, flags: UInt8, review: String, files: [String: String],
                             as person: Person, message: String) throws -> String {
        for (path, text) in files {
            try repository.write("reviews/\(review)/\(path)", text)
            try repository.git(["add", "--", "reviews/\(review)/\(path)"])
        }
        let tree = try repository.git(["write-tree"])
        let parent = try head()
        let when = "\(Int(Date().timeIntervalSince1970)) +0000"
        let payload = "tree \(tree)\nparent \(parent)\nauthor \(person.name) <\(person.email)> \(when)\ncommitter \(person.name) <\(person.email)> \(when)\n\n\(message)\n"
        let signature = try key.sign(Data(payload.utf8), flags: flags, counter: 1)
        let header = "gpgsig " + signature.split(separator: "\n").joined(separator: "\n ") + "\n"
        let (headers, body) = (payload.components(separatedBy: "\n\n")[0], message)
        let object = headers + "\n" + header + "\n" + body + "\n"
        let id = try repository.git(["hash-object", "-t", "commit", "-w", "--stdin"], input: Data(object.utf8))
        try repository.git(["update-ref", "HEAD", id])
        return id
    }

    /// The sign-off tag of `step` on `HEAD` by `person`, signed by `key` with `flags`, written as
    /// `git tag -s` would with a token (the signature after the message); returns its object id.
    @discardableResult
    public func tagSigned(byKey key: SoftwareSecurityKey, flags: UInt8, review: String, step: String, as person: Person,
                          requires: [(name: String, objectID: String)] = []) throws -> String {
        let name = Self.tagName(review: review, step: step, round: 1, member: person.id)
        let message = Self.signOffMessage(summary: Self.summary(review: review, step: step), review: review, step: step, round: 1, requires: requires)
        let payload = "object \(try head())\ntype commit\ntag \(name)\ntagger \(person.name) <\(person.email)> \(Int(Date().timeIntervalSince1970)) +0000\n\n\(message)"
        let object = payload + (try key.sign(Data(payload.utf8), flags: flags, counter: 2))
        return try repository.git(["hash-object", "-t", "tag", "-w", "--stdin"], input: Data(object.utf8))
    }
}

