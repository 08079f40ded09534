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
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace()
        do {
            let result = try Signer(workspace: workspace).sign(review: review, step: step, decision: decision, note: message)
            if format == .json {
                try Output.json(SignedJSON(result))
                return
            }
            print("signed \(result.name) (tag \(result.tagID.hex.prefix(10)))")
            for requirement in result.requires { print("  requires \(requirement.name)") }
            print("anchored in commit \(result.anchorCommit.prefix(10)) (\(result.name.anchorPath) holds the signed tag)")
            print("next: \(result.nextStep)")
            if !HookInstaller.hasPreCommit(workspace) {
                print("tip: this clone has no countersign pre-commit hook; `countersign hooks install` checks each commit before it is made")
            }
        } catch let refusal as SignRefusal {
            if format == .json { try Output.json(RefusedJSON(reasons: refusal.reasons)) }
            Output.error(refusal.description)
            throw ExitCode(ExitStatus.failed)
        }
    }
}

/// The JSON of a sign-off `sign` refused to make.
struct RefusedJSON: Encodable {
    var signed = false
    var reasons: [String]
}

/// The JSON of a sign-off `sign` made.
struct SignedJSON: Encodable {
    var signed = true
    var tag: String
    var tagObject: String
    var anchorPath: String
    var anchorCommit: String
    var requires: [String]
    var next: String

    init(_ result: SignResult) {
        tag = result.name.description
        tagObject = result.tagID.hex
        anchorPath = result.name.anchorPath
        anchorCommit = result.anchorCommit
        requires = result.requires.map { "\($0.name) \($0.objectID)" }
        next = result.nextStep
    }

    enum CodingKeys: String, CodingKey {
        case signed, tag, requires, next
        case tagObject = "tag_object", anchorPath = "anchor_path", anchorCommit = "anchor_commit"
    }
}
