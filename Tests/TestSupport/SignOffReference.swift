/// A sign-off named in a `Requires:` trailer: a `SignOffIDs`, or a tag name (a `String`) whose object
/// id is looked up in the repository.
public protocol SignOffReference: Sendable {
    /// The tag name and its 40-hex tag object id.
    func requirement(in repository: TestRepository) throws -> (name: String, objectID: String)
}

extension SignOffIDs: SignOffReference {
    public func requirement(in repository: TestRepository) throws -> (name: String, objectID: String) { requirement }
}

extension String: SignOffReference {
    public func requirement(in repository: TestRepository) throws -> (name: String, objectID: String) {
        (self, try repository.revParse("refs/tags/\(self)"))
    }
}
