import ArgumentParser
import Foundation

/// `countersign-bench run`: generates each size, measures it, prints the table and writes it as markdown.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Generate each size, measure countersign and git on it, and report.")

    @Option(help: "Comma-separated numbers of commits.")
    var sizes = "1000,10000"

    @Option(help: "Runs per median below 10,000 commits; 3 up to 99,999 commits and 1 from 100,000 (pushes: twice that plus one).")
    var runs = 5

    @Option(help: "Seconds after which a command is stopped and reported as slower than that.")
    var timeout: Double = 600

    @Option(help: "Comma-separated measurements to make: verify, git, status, log, audit, push (default: all).")
    var measure = "verify,git,status,log,audit,push"

    @Option(help: "Where the repositories are made.")
    var work = ".build/bench"

    @Option(help: "The markdown report (default: <work>/results.md).")
    var report: String?

    @Option(help: "The countersign binary (default: the one beside this program).")
    var countersign: String?

    func run() throws {
        let sizes = self.sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 20 }) else { throw ValidationError("--sizes needs numbers of commits of at least 20, e.g. 1000,10000") }
        let binary = countersign ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("countersign").path
        let countersign = URL(fileURLWithPath: binary).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: countersign) else { throw ValidationError("no countersign binary at \(countersign); pass --countersign") }
        let parts = Set(measure.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        guard !parts.isEmpty, parts.isSubset(of: SizeBench.allParts) else {
            throw ValidationError("--measure takes some of \(SizeBench.allParts.sorted().joined(separator: ", "))")
        }
        let work = URL(fileURLWithPath: self.work).standardizedFileURL
        let machine = Machine()
        let start = Date()
        let loadBefore = Machine.load
        var results: [SizeResult] = []
        for size in sizes.sorted() {
            let runs = size >= 100_000 ? 1 : size >= 10_000 ? min(self.runs, 3) : self.runs
            let bench = SizeBench(commits: size, work: work, countersign: countersign, runs: runs, limit: timeout, parts: parts) { message in
                FileHandle.standardError.write(Data("[\(size.formatted())] \(message)\n".utf8))
            }
            results.append(try bench.run())
        }
        let report = Report(results: results, machine: machine, loads: (loadBefore, Machine.load), date: start,
                            seconds: Date().timeIntervalSince(start))
        let text = report.markdown
        print(text)
        let file = URL(fileURLWithPath: self.report ?? work.appendingPathComponent("results.md").path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        FileHandle.standardError.write(Data("wrote \(file.path)\n".utf8))
    }
}
