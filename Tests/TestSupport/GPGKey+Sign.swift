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
}
