import Foundation

/// An OpenSSH key pair made by `ssh-keygen` in a temporary folder.
public final class SSHKey: @unchecked Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case ed25519, ecdsa256, ecdsa384, rsa

        var keygenArguments: [String] {
            switch self {
            case .ed25519: ["-t", "ed25519"]
            case .ecdsa256: ["-t", "ecdsa", "-b", "256"]
            case .ecdsa384: ["-t", "ecdsa", "-b", "384"]
            case .rsa: ["-t", "rsa", "-b", "2048"]
            }
        }
    }

    public let kind: Kind
    private let directory: TempDirectory
    /// The private key file; `publicKeyPath` is beside it.
    public let privateKeyPath: String
    public var publicKeyPath: String { privateKeyPath + ".pub" }
    /// The public key line, e.g. `ssh-ed25519 AAAA... alice@test`.
    public let publicKeyLine: String

    public init(_ kind: Kind = .ed25519, comment: String = "test") throws {
        self.kind = kind
        directory = try TempDirectory(prefix: "key")
        privateKeyPath = directory.child("id").path
        try Run.checked(["ssh-keygen", "-q", "-N", "", "-C", comment, "-f", privateKeyPath] + kind.keygenArguments)
        publicKeyLine = try String(contentsOfFile: privateKeyPath + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `-c` options that make one git command sign with this key.
    public var gitSigningArguments: [String] {
        ["-c", "gpg.format=ssh", "-c", "user.signingkey=\(privateKeyPath)"]
    }

    /// Signs `message` with `ssh-keygen -Y sign` in `namespace`; returns the armored signature.
    public func sign(_ message: Data, namespace: String = "git") throws -> String {
        let input = directory.child("message-\(UUID().uuidString.prefix(6))")
        try message.write(to: input)
        try Run.checked(["ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", privateKeyPath, input.path])
        return try String(contentsOfFile: input.path + ".sig", encoding: .utf8)
    }
}

/// An OpenPGP key made by `gpg` in its own temporary home; never the user's keyring.
public final class GPGKey: @unchecked Sendable {
    public let home: TempDirectory
    public let email: String
    /// The primary key's fingerprint (40 hex digits).
    public let fingerprint: String
    /// The ASCII-armored public key block.
    public let armoredPublicKey: String

    public init(name: String = "Test User", email: String = "test@example.org") throws {
        home = try TempDirectory(prefix: "gpg")
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        self.email = email
        let env = ["GNUPGHOME": home.path]
        try Run.checked(
            ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
             "--quick-gen-key", "\(name) <\(email)>", "ed25519", "sign", "never"],
            environment: env)
        let listing = try Run.checked(["gpg", "--batch", "--with-colons", "--list-keys", email], environment: env).stdout
        guard let fpr = listing.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") })?
            .split(separator: ":", omittingEmptySubsequences: false)[safe: 9] else {
            throw RunFailure(command: ["gpg", "--list-keys"], result: RunResult(status: 1, stdout: listing, stderr: "no fingerprint"))
        }
        fingerprint = String(fpr)
        armoredPublicKey = try Run.checked(["gpg", "--batch", "--armor", "--export", email], environment: env).stdout
    }

    /// Variables that make git sign with this key when given `-c user.signingkey=<fingerprint>`.
    public var environment: [String: String] { ["GNUPGHOME": home.path] }

    /// `-c` options that make one git command sign with this key.
    public var gitSigningArguments: [String] {
        ["-c", "gpg.format=openpgp", "-c", "user.signingkey=\(fingerprint)"]
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
