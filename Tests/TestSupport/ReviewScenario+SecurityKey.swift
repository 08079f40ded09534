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
}
