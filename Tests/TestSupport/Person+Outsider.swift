extension Person {
    /// Someone outside the cast (no member of the example policy), with a fresh SSH key, for tests of
    /// what strangers may not do.
    public static func outsider(id: String, name: String) throws -> Person {
        Person(id: id, name: name, email: "\(id)@example.org", key: try SSHKey(.ed25519, comment: "\(id)@laptop"))
    }
}
