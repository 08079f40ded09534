import ArgumentParser
import Foundation

/// `countersign-bench`: makes synthetic review repositories and measures countersign on them.
@main
struct CountersignBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "countersign-bench",
        abstract: "Generate signed review repositories and measure countersign against git on them.",
        subcommands: [RunCommand.self, GenerateCommand.self],
        defaultSubcommand: RunCommand.self)
}
