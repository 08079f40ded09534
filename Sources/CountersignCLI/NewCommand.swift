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
    var format: ReportFormat = .text

    func validate() throws {
        try format.require(ReportFormat.textAndJSON, for: "new")
    }

    func run() throws {
        let workspace = try Workspace()
        // A policy still being written (a member without a key yet) does not stop the layout.
        var policy: Policy?
        do {
            policy = try workspace.policy()
        } catch let error as PolicyError {
            let first = error.violations.first.map { "\($0.message) (countersign.yaml\($0.line.map { ":\($0)" } ?? ""))" } ?? "it is invalid"
            let more = error.violations.count > 1 ? " and \(error.violations.count - 1) more" : ""
            Output.error("warning: countersign.yaml is not complete yet: \(first)\(more); the files are laid out, but nothing can be signed until `countersign validate` passes")
        }
        let roles = policy?.roles.map(\.id) ?? Policy.roleTitles.keys.sorted()
        guard roles.contains(role) else {
            throw InputError("the policy has no role \"\(role)\"; roles: \(roles.joined(separator: ", "))", path: Policy.path)
        }
        let email = try workspace.identity()?.email
        let member = email.flatMap { email in policy.map { $0.member(email: email)?.id } ?? Scaffold.memberID(fromEmail: email) }
        let written = try Scaffold(root: try workspace.root)
            .layOut(review: review, role: role, title: title ?? review, member: role == "system-owner" ? member : nil)
        let lines = written.map { "wrote \($0)" } + ["fill these in, then run `countersign validate \(review)` to see what each step still needs"]
        try Output.emit(PlainReport(lines: lines, json: ["written": written]), format, command: "new")
    }
}
