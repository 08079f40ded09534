import ArgumentParser
import CountersignCore
import Foundation

/// `countersign init`: writes a commented `countersign.yaml` for the current user.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write countersign.yaml, with you as its first member, and install the local hook.")

    @Option(help: "Your member id (default: from your git email).")
    var member: String?

    @Option(help: "Your SSH public key file (default: git's user.signingkey, else the usual ~/.ssh/id_*.pub).")
    var key: String?

    @Flag(name: .customLong("hook"), inversion: .prefixedNo, help: "Install the local pre-commit hook.")
    var installHook = true

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "init")
    }

    func run() throws {
        let workspace = try Workspace()
        guard let identity = try workspace.identity() else {
            throw InputError("git has no user.name and user.email; set them with `git config user.name` and `git config user.email`")
        }
        let id = member ?? Scaffold.memberID(fromEmail: identity.email)
        let (key, source) = try signingKey(workspace)
        let branch = workspace.currentBranch() ?? "main"
        let text = Scaffold.policy(member: id, name: identity.name, email: identity.email, keyLine: key, branch: branch)
        let path = try Scaffold(root: try workspace.root).writePolicy(text)
        var hook: String?, hookProblem: String?
        if installHook {
            do {
                hook = try HookInstaller().installPreCommit(into: HookInstaller.hooksFolder(of: workspace), force: false)
            } catch let error as InputError {
                hookProblem = error.message
            }
        }
        var lines = ["wrote \(path) with \(identity.name) <\(identity.email)> as member \(id), in every role",
                     "the sign-off log is the branch \(branch) (protected_branches); push it under that name"]
        if let source { lines.append("your key: \(source)") }
        if let hook { lines.append("installed \(hook)") }
        if let hookProblem { lines.append("did not install the pre-commit hook: \(hookProblem)") }
        if key == nil {
            lines.append("no SSH signing key is configured in git: add your public key under members.\(id).keys")
            lines.append("  (for example: git config user.signingkey ~/.ssh/id_ed25519.pub; git config gpg.format ssh)")
        }
        lines.append("next: add your colleagues under members and roles, then `countersign new <review>`")
        let json = InitJSON(wrote: path, member: id, branch: branch, key: key, keySource: source, hook: hook, hookProblem: hookProblem)
        try Output.emit(PlainReport(lines: lines, json: json), format, command: "init")
    }

    /// The key to list for the user, and where it came from: `--key`, git's `user.signingkey`,
    /// or the first of the usual key files that exists.
    private func signingKey(_ workspace: Workspace) throws -> (String?, String?) {
        if let key {
            guard let line = Workspace.publicKeyLine(atPath: key) else {
                throw InputError("cannot read the public key \(key) (or \(key).pub); give the path of your .pub file")
            }
            return (line, key)
        }
        if let line = try workspace.sshSigningKey() { return (line, "git's user.signingkey") }
        for path in Workspace.usualKeyFiles {
            if let line = Workspace.publicKeyLine(atPath: path) { return (line, "\(path) (no user.signingkey in git; set it with `git config user.signingkey \(path)` and `git config gpg.format ssh` to sign with it)") }
        }
        return (nil, nil)
    }
}

/// The JSON of `init`: what it wrote, for whom, the branch it protects, the key and where it came from.
struct InitJSON: Encodable {
    var wrote: String
    var member: String
    var branch: String
    @NullWhenAbsent var key: String?
    @NullWhenAbsent var keySource: String?
    @NullWhenAbsent var hook: String?
    @NullWhenAbsent var hookProblem: String?

    enum CodingKeys: String, CodingKey {
        case wrote, member, branch, key, hook
        case keySource = "key_source", hookProblem = "hook_problem"
    }
}
