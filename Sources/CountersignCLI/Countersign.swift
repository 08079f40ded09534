import ArgumentParser
import CountersignCore
import Foundation

/// `countersign`: AI security reviews as code, signed off in git.
@main
struct Countersign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "countersign",
        abstract: "Prove from git who signed off an AI security review, in which role and in which order.",
        subcommands: [InitCommand.self, NewCommand.self, ValidateCommand.self]
    )

    /// Runs a command with the contract's exit codes: 0 all holds, 1 a rule or gap failed,
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
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code.rawValue == ExitStatus.failed || code.rawValue == ExitStatus.unusable {
                Foundation.exit(code.rawValue)
            }
            Output.error(fullMessage(for: error))
            Foundation.exit(ExitStatus.unusable)
        }
    }
}

/// The contract's exit statuses.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failed: Int32 = 1
    static let unusable: Int32 = 2
}
