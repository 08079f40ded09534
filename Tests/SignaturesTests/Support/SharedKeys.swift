import Foundation
import TestSupport

/// Keys made once per test run and shared by the suites: key generation (RSA above all) is the
/// slow part of these tests.
enum SharedKeys {
    private static let ssh: Result<[SSHKey.Kind: SSHKey], any Error> = Result {
        try Dictionary(uniqueKeysWithValues: SSHKey.Kind.allCases.map { ($0, try sharedSSHKey($0, comment: "\($0.rawValue)@test")) })
    }
    private static let otherSSH: Result<[SSHKey.Kind: SSHKey], any Error> = Result {
        try Dictionary(uniqueKeysWithValues: SSHKey.Kind.allCases.map { ($0, try sharedSSHKey($0, comment: "other@test")) })
    }
    private static let openPGP = Result { try sharedGPGKey() }
    private static let otherOpenPGP = Result { try sharedGPGKey(name: "Other User", email: "other@example.org") }

    /// A key that lives for the whole run, its folder removed at exit.
    private static func sharedSSHKey(_ kind: SSHKey.Kind, comment: String) throws -> SSHKey {
        let key = try SSHKey(kind, comment: comment)
        AtExit.remove(URL(fileURLWithPath: key.privateKeyPath).deletingLastPathComponent())
        return key
    }

    /// A key that lives for the whole run, its agent stopped and its home removed at exit.
    private static func sharedGPGKey(name: String = "Test User", email: String = "test@example.org") throws -> GPGKey {
        let key = try GPGKey(name: name, email: email)
        AtExit.add {
            key.stopAgent()
            try? FileManager.default.removeItem(at: key.home.url)
        }
        return key
    }

    /// The key of `kind` that signs in the tests.
    static func ssh(_ kind: SSHKey.Kind) throws -> SSHKey { try ssh.get()[kind]! }
    /// A second key of `kind`, trusted by nobody.
    static func otherSSH(_ kind: SSHKey.Kind) throws -> SSHKey { try otherSSH.get()[kind]! }
    static func gpg() throws -> GPGKey { try openPGP.get() }
    static func otherGPG() throws -> GPGKey { try otherOpenPGP.get() }
}
