import ArgumentParser
import CountersignCore

/// `countersign rules`: every rule and gap code, what breaks it and how to fix it.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule and gap code countersign reports, with what breaks it and the fix.")

    @Argument(help: "Rule ids to show (default: all).")
    var ids: [String] = []

    @Option(help: "text, json or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        try format.require([.text, .json, .markdown], for: "rules")
    }

    func run() throws {
        let rules = try ids.map(Rule.named)
        try Output.emit(RulesView(rules.isEmpty ? Rule.allCases : rules), format, command: "rules")
    }
}
