import ArgumentParser
import CountersignCore
import Foundation

/// `countersign allowed-signers`: git's allowed-signers file for the policy's SSH keys.
struct AllowedSignersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allowed-signers",
        abstract: "Print git's allowed-signers file (gpg.ssh.allowedSignersFile) for the SSH keys of the policy.")

    @OptionGroup var revision: RevisionOption

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let scope = try workspace.scope(revision: revision.revision)
        let context = LedgerContext(repository: workspace.repository)
        guard let policy = try context.policyInForce(at: scope.base) else {
            throw InputError("there is no valid countersign.yaml at \(scope.base.hex.prefix(10))", path: Policy.path)
        }
        print(AllowedSigners.file(for: policy), terminator: "")
    }
}
