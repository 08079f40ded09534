import ArgumentParser
import CountersignCore
import Foundation

extension ReportFormat: ExpressibleByArgument {}

/// Printing for commands: results to standard output, problems to standard error.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("countersign: \(message)\n".utf8))
    }

    /// Renders `report` in `format` to standard output, then exits with the report's status: the
    /// last two steps of every command (parse → run → render → exit).
    static func emit(_ report: some Report, _ format: ReportFormat, command: String) throws {
        print(try report.rendered(format, command: command))
        if report.exitStatus != ExitStatus.ok { throw ExitCode(report.exitStatus) }
    }
}
