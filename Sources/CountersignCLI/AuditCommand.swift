import ArgumentParser
import CountersignCore
import Foundation

/// `countersign audit`: the governance record of one review, or of every review with an index,
/// derived from the history alone.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Write the governance record of a review (or of every review, with an index).")

    @Argument(help: "The review.")
    var review: String?

    @Flag(help: "Every review at the revision: one record each and an index.")
    var all = false

    @OptionGroup var revision: RevisionOption

    @Option(help: "html, markdown, json or oscal.")
    var format: ReportFormat = .html

    @Option(name: [.short, .customLong("output")], help: "The file to write (default: standard output); with --all, the folder (default: countersign-audit).")
    var output: String?

    func validate() throws {
        try format.require(AuditView.recordFormats, for: "audit")
        switch (review, all) {
        case (nil, false): throw ValidationError("name a review, or pass --all for every review")
        case (.some, true): throw ValidationError("name a review or pass --all, not both")
        default: break
        }
    }

    func run() throws {
        let workspace = try Workspace(needsWorkTree: false)
        let run = try workspace.runLedger(revision: revision.revision)
        let records = try RecordBuilder(run: run).records(reviews: review.map { [$0] } ?? [])
        let view = AuditView(records)
        if all {
            print(try writeAll(view, to: URL(fileURLWithPath: output ?? "countersign-audit", isDirectory: true)))
        } else if let output {
            try write(try view.render(format), to: URL(fileURLWithPath: output))
            print(output)
        } else {
            print(try view.render(format), terminator: "")
        }
        if view.exitStatus != ExitStatus.ok { throw ExitCode(view.exitStatus) }
    }

    /// Writes every record and the index into `folder`; returns the index's path.
    private func writeAll(_ view: AuditView, to folder: URL) throws -> String {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot make the folder: \(error.localizedDescription)", path: folder.path)
        }
        let names = view.fileNames(format)
        for (record, name) in zip(view.records, names) {
            try write(try AuditView.render(record, format), to: folder.appendingPathComponent(name))
        }
        let index = folder.appendingPathComponent(AuditView.indexName(format))
        try write(try view.index(format, links: names), to: index)
        return index.path
    }

    /// Writes `text` to `file`, making its folder first when it does not exist yet.
    private func write(_ text: String, to file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
        } catch {
            throw InputError("cannot write the record: \(error.localizedDescription)", path: file.path)
        }
    }
}
