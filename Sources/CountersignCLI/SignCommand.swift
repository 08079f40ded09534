import ArgumentParser
import CountersignCore
import Foundation

/// `countersign sign <review> <step>`: the signed tag and its anchor commit, made only when the
/// sign-off would be accepted.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a step of a review: a signed tag at HEAD and the anchor commit holding it, on any branch.")

    @Argument(help: "The review id.")
    var review: String

    @Argument(help: "The step to sign, e.g. assessment.")
    var step: String

    @Option(help: "The clearance decision: cleared, cleared-with-conditions, returned or rejected.")
    var decision: String?

    @Option(name: .short, help: "A note for the tag message.")
    var message: String?

    @Option(help: "text or json.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "sign")
    }

    func run() throws {
        let workspace = try Workspace()
        do {
            let result = try Signer(workspace: workspace).sign(review: review, step: step, decision: decision, note: message)
            try Output.emit(SignView(result, hasPreCommitHook: HookInstaller.hasPreCommit(workspace)), format, command: "sign")
        } catch let refusal as SignRefusal {
            let view = SignRefusalView(refusal)
            if format != .text { print(try view.rendered(format, command: "sign")) }
            Output.error(refusal.description)
            throw ExitCode(view.exitStatus)
        }
    }
}
