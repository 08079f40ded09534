import ArgumentParser
import CountersignCore
import Foundation

/// `countersign sign <review> <step>`: the signed tag and its anchor commit, made only when the
/// sign-off would be accepted.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a step of a review: a signed tag at HEAD and the anchor commit naming it.")

    @Argument(help: "The review id.")
    var review: String

    @Argument(help: "The step to sign, e.g. assessment.")
    var step: String

    @Option(help: "The clearance decision: cleared, cleared-with-conditions, returned or rejected.")
    var decision: String?

    @Option(name: .short, help: "A note for the tag message.")
    var message: String?

    func run() throws {
        let workspace = try Workspace()
        do {
            let result = try Signer(workspace: workspace).sign(review: review, step: step, decision: decision, note: message)
            print("signed \(result.name) (tag \(result.tagID.hex.prefix(10)))")
            for requirement in result.requires { print("  requires \(requirement.name)") }
            print("anchored in commit \(result.anchorCommit.prefix(10)) (\(result.name.anchorPath))")
            let branch = result.branch ?? "<branch>"
            print("publish both: git push --atomic origin \(branch) \(result.name)")
        } catch let refusal as SignRefusal {
            Output.error(refusal.description)
            throw ExitCode(ExitStatus.failed)
        }
    }
}
