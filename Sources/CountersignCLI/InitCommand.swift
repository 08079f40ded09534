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

    @Flag(name: .customLong("hook"), inversion: .prefixedNo, help: "Install the local pre-commit hook.")
    var installHook = true

    func run() throws {
        let workspace = try Workspace()
        guard let identity = try workspace.identity() else {
            throw InputError("git has no user.name and user.email; set them with `git config user.name` and `git config user.email`")
        }
        let id = member ?? Scaffold.memberID(fromEmail: identity.email)
        let key = try workspace.sshSigningKey()
        let text = Scaffold.policy(member: id, name: identity.name, email: identity.email, keyLine: key)
        let path = try Scaffold(root: try workspace.root).writePolicy(text)
        print("wrote \(path) with \(identity.name) <\(identity.email)> as member \(id), in every role")
        if installHook {
            let hooks = try HookInstaller.hooksFolder(of: workspace)
            do {
                print("installed \(try HookInstaller().installPreCommit(into: hooks, force: false))")
            } catch let error as InputError {
                print("did not install the pre-commit hook: \(error.message)")
            }
        }
        if key == nil {
            print("no SSH signing key is configured in git: add your public key under members.\(id).keys")
            print("  (for example: git config user.signingkey ~/.ssh/id_ed25519.pub; git config gpg.format ssh)")
        }
        print("next: add your colleagues under members and roles, then `countersign new <review>`")
    }
}
