import Foundation

/// The result of `audit`: the governance records of one review or of all, each rendered in one
/// of the record formats, and for `--all` the index that links them.
public struct AuditView: Report {
    public static let recordFormats: [ReportFormat] = [.html, .markdown, .json, .oscal]

    public let records: [GovernanceRecord]

    public init(_ records: [GovernanceRecord]) {
        self.records = records
    }

    public var formats: [ReportFormat] { Self.recordFormats }

    /// The one record (the first, when there are several), in `format`.
    public func render(_ format: ReportFormat) throws -> String {
        guard let record = records.first else { return try index(format) }
        return try Self.render(record, format)
    }

    /// 1 when any record does not hold (a violation, an open gap, a review not cleared).
    public var exitStatus: Int32 { records.map(\.exitStatus).max() ?? 0 }

    public static func render(_ record: GovernanceRecord, _ format: ReportFormat) throws -> String {
        switch format {
        case .html: return RecordHTML(record).text
        case .markdown: return RecordMarkdown(record).text
        case .json: return try JSONText.encode(record) + "\n"
        case .oscal: return try OSCALAssessmentResults(record).render()
        default: throw InputError("`audit` cannot write --format \(format.rawValue); use \(recordFormats.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The records' file names in the folder of `audit --all`, in order: each review id made safe
    /// for a file system (an ASCII letter, digit, `-` or `.`, else `_`; no leading dot) with the
    /// format's extension, and a number added where that name is taken, `index` included.
    public func fileNames(_ format: ReportFormat) -> [String] {
        var taken: Set<String> = ["index"]
        return records.map { record in
            var safe = String(record.review.id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
            if safe.hasPrefix(".") { safe = "_" + safe.dropFirst() }
            var name = safe, number = 1
            while !taken.insert(name.lowercased()).inserted {
                number += 1
                name = "\(safe)-\(number)"
            }
            return name + "." + Self.fileExtension(format)
        }
    }

    /// The index's file name: `index.html`, `index.md`, or `index.json` for both JSON forms.
    public static func indexName(_ format: ReportFormat) -> String {
        "index." + (format == .oscal ? "json" : fileExtension(format))
    }

    /// The index of every record: its state, its last clearance and what is open, linked to its file.
    public func index(_ format: ReportFormat, links: [String]? = nil) throws -> String {
        let links = links ?? fileNames(format)
        switch format {
        case .html: return RecordHTML.index(records, links: links)
        case .markdown: return RecordMarkdown.index(records, links: links)
        default:
            struct Index: Encodable { var reviews: [IndexRow] }
            return try JSONText.encode(Index(reviews: zip(records, links).map { IndexRow($0, file: $1) })) + "\n"
        }
    }

    private static func fileExtension(_ format: ReportFormat) -> String {
        switch format {
        case .markdown: return "md"
        case .oscal: return "oscal.json"
        default: return format.rawValue
        }
    }
}
