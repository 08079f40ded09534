import Foundation

extension GPGKey {
    /// A detached, armored signature of `message` made with this key, as `git` asks gpg for one.
    public func sign(_ message: Data) throws -> String {
        try Run.checked(
            ["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
             "--armor", "--detach-sign", "--local-user", fingerprint],
            environment: environment, input: message
        ).stdout
    }

    /// Runs gpg in this key's home and returns its standard output.
    @discardableResult
    public func gpg(_ arguments: [String], input: Data? = nil) throws -> String {
        try Run.checked(["gpg", "--batch"] + arguments, environment: environment, input: input).stdout
    }

    /// Stops the gpg-agent that signing started in this key's home; call it when done with a key
    /// that outlives its test (an agent whose home stays lives as long as the machine).
    public func stopAgent() {
        _ = try? Run.program(["gpgconf", "--kill", "gpg-agent"], environment: environment)
    }
}
