import Foundation

/// OpenSSH's own verdict on an SSH signature, to compare other verifiers with.
public enum SSHKeygen {
    /// Whether `ssh-keygen -Y verify` accepts `armored` over `message` in `namespace` from the key
    /// `publicKeyLine` (listed alone in an allowed signers file).
    public static func verifies(_ armored: String, message: Data, publicKeyLine: String, namespace: String = "git") throws -> Bool {
        let folder = try TempDirectory(prefix: "sshsig")
        let allowed = folder.child("allowed_signers")
        let signature = folder.child("message.sig")
        let messageFile = folder.child("message")
        try "signer@test \(publicKeyLine)\n".write(to: allowed, atomically: true, encoding: .utf8)
        try armored.write(to: signature, atomically: true, encoding: .utf8)
        try message.write(to: messageFile)
        // The message goes through a file: ssh-keygen may exit before reading a pipe, and a write
        // to a closed pipe would end the test process with SIGPIPE.
        return try Run.program(
            ["sh", "-c", "exec ssh-keygen -Y verify -f \"$1\" -I signer@test -n \"$2\" -s \"$3\" < \"$4\"",
             "sh", allowed.path, namespace, signature.path, messageFile.path]
        ).succeeded
    }
}
