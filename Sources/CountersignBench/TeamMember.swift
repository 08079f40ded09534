/// One person of the synthetic repository, with the Ed25519 key that signs their commits and tags.
struct TeamMember {
    let id: String
    let name: String
    let email: String
    let signer: SSHSigner
}
