import Foundation

/// Signed commits and tags for tests, beside `TestRepository.commit(_:sign:)`.
extension TestRepository {
    /// Stages everything and makes a commit signed with an OpenPGP key; returns the commit id.
    @discardableResult
    public func commit(_ message: String, gpg key: GPGKey, allowEmpty: Bool = true) throws -> String {
        try git(["add", "-A"])
        var arguments = key.gitSigningArguments + ["commit", "-q", "-S", "-m", message]
        if allowEmpty { arguments.append("--allow-empty") }
        try git(arguments, environment: key.environment)
        return try head()
    }

    /// Makes an unsigned annotated tag on `target`; returns the tag object's id.
    @discardableResult
    public func annotatedTag(_ name: String, message: String, target: String = "HEAD") throws -> String {
        try git(["tag", "-a", "-m", message, name, target])
        return try revParse("refs/tags/\(name)")
    }

    /// Makes an annotated tag on `target` signed with an SSH key; returns the tag object's id.
    @discardableResult
    public func signedTag(_ name: String, message: String, target: String = "HEAD", key: SSHKey) throws -> String {
        try git(key.gitSigningArguments + ["tag", "-s", "-m", message, name, target])
        return try revParse("refs/tags/\(name)")
    }

    /// Makes an annotated tag on `target` signed with an OpenPGP key; returns the tag object's id.
    @discardableResult
    public func signedTag(_ name: String, message: String, target: String = "HEAD", gpg key: GPGKey) throws -> String {
        try git(key.gitSigningArguments + ["tag", "-s", "-m", message, name, target], environment: key.environment)
        return try revParse("refs/tags/\(name)")
    }
}
