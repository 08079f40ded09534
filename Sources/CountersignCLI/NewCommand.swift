import ArgumentParser
import CountersignCore
import Foundation

/// `countersign new <review> [--role R]`: lays out a review's files for the role starting its part.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Lay out the system owner's files of a new review, or role R's folder.")

    @Argument(help: "The review id, e.g. support-assistant.")
    var review: String

    @Option(help: "The role whose folder to lay out (security, governance, dpo, authority).")
    var role: String = "system-owner"

    @Option(help: "The review's title.")
    var title: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let workspace = try Workspace()
        let policy = try workspace.policy()
        guard policy.role(role) != nil else {
            throw InputError("the policy has no role \"\(role)\"; roles: \(policy.roles.map(\.id).joined(separator: ", "))", path: Policy.path)
        }
        let email = try workspace.identity()?.email
        let member = email.flatMap { policy.member(email: $0)?.id }
        let written = try Scaffold(root: try workspace.root)
            .layOut(review: review, role: role, title: title ?? review, member: role == "system-owner" ? member : nil)
        if format == .json {
            try Output.json(["written": written])
            return
        }
        for path in written { print("wrote \(path)") }
        print("fill these in, then run `countersign validate \(review)` to see what each step still needs")
    }
}
