import ArgumentParser
import CountersignCore
import Foundation

/// `--format`: how a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Printing for commands: results to standard output, problems to standard error.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("countersign: \(message)\n".utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
