extension Cast {
    /// An allowed-signers file (`gpg.ssh.allowedSignersFile`) listing each person's email and key for
    /// the `git` namespace, so `git verify-commit` and `git verify-tag` name the signer by email.
    public static func allowedSigners(_ people: [Person] = people) -> String {
        people.map { "\($0.email) namespaces=\"git\" \($0.key.publicKeyLine)\n" }.joined()
    }
}
