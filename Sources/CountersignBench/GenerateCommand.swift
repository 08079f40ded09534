import ArgumentParser
import Foundation

/// `countersign-bench generate`: one repository, for a closer look or a profiler.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Make one synthetic review repository (repo.git, keys, allowed_signers).")

    @Option(help: "Commits on main.")
    var commits = 1000

    @Option(help: "The folder to make (replaced if it exists).")
    var output: String

    @Option(help: "The seed of the history's variations.")
    var seed: UInt64 = 1

    func run() throws {
        let generator = Generator(commits: commits, folder: URL(fileURLWithPath: output), seed: seed)
        let manifest = try generator.run { print($0) }
        print("made \(generator.repository.path): \(manifest.commits) commits, \(manifest.reviews) reviews, \(manifest.signOffs) sign-offs in \(String(format: "%.1f", manifest.seconds)) s")
    }
}
