import Foundation

/// The formats a command's result can be written in (`--format`). Each report says which it
/// renders; asking a command for another is unusable input, never a silent fallback.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, github, sarif, junit, markdown, codequality, html, oscal

    public static let textAndJSON: [ReportFormat] = [.text, .json]
    /// What a list of findings renders as (`verify`, `check`, the hooks).
    public static let findings: [ReportFormat] = [.text, .json, .github, .sarif, .junit, .markdown, .codequality]

    /// Refuses a format that is not among `formats`, naming the ones `command` writes. Commands
    /// call it before they do any work, so a wrong `--format` changes nothing.
    public func require(_ formats: [ReportFormat], for command: String) throws {
        guard formats.contains(self) else {
            throw InputError("`\(command)` cannot write --format \(rawValue); use \(formats.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// A command's result, ready to render: the view model of one command and its renderers.
public protocol Report {
    /// The formats `render` accepts.
    var formats: [ReportFormat] { get }
    func render(_ format: ReportFormat) throws -> String
    /// 0 when everything holds, 1 when a rule or gap failed (the exit codes of docs/reference.md#exit-codes).
    var exitStatus: Int32 { get }
}

extension Report {
    public var exitStatus: Int32 { 0 }

    /// The rendered text, after checking the format is one this report has.
    public func rendered(_ format: ReportFormat, command: String) throws -> String {
        try format.require(formats, for: command)
        return try render(format)
    }
}

/// The one JSON encoding of every report: pretty, keys sorted, slashes as they are.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// The result of a command with nothing to judge (`init`, `new`, `hooks install`, `tags`): the
/// lines a person reads and the JSON a script reads.
public struct PlainReport<JSON: Encodable>: Report {
    public var lines: [String]
    public var json: JSON
    public var exitStatus: Int32

    public init(lines: [String], json: JSON, exitStatus: Int32 = 0) {
        self.lines = lines
        self.json = json
        self.exitStatus = exitStatus
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }

    public func render(_ format: ReportFormat) throws -> String {
        format == .json ? try JSONText.encode(json) : lines.joined(separator: "\n")
    }
}
