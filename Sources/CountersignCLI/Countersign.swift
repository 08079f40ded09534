import ArgumentParser
import CountersignCore
import Foundation

/// `countersign`: AI security reviews as code, signed off in git.
@main
struct Countersign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "countersign",
        abstract: "Prove from git who signed off an AI security review, in which role and in which order.",
        subcommands: [InitCommand.self, NewCommand.self, ValidateCommand.self, StatusCommand.self, SignCommand.self, LogCommand.self, VerifyCommand.self, CheckCommand.self, AuditCommand.self, RulesCommand.self, TagsCommand.self, AllowedSignersCommand.self, HookCommand.self, HooksCommand.self]
    )

    /// Runs a command with the exit codes of docs/reference.md#exit-codes: 0 all holds, 1 a rule or gap failed,
    /// 2 the input could not be used (bad arguments included).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            Output.error(error.description)
            Foundation.exit(ExitStatus.unusable)
        } catch let error as PolicyError {
            Output.error("the policy is invalid:\n\(error.description)")
            Foundation.exit(ExitStatus.unusable)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            // Help and version requests exit 0; bad arguments and anything unexpected exit 2.
            if exitCode(for: error) == .success { exit(withError: error) }
            Output.error(fullMessage(for: error))
            Foundation.exit(ExitStatus.unusable)
        }
    }
}

/// The exit codes of docs/reference.md#exit-codes.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let unusable: Int32 = 2
}
