/// `sign`'s report when it made the sign-off: the tag, what it requires, the anchor commit, and
/// who is next.
public struct SignView: Report {
    public var result: SignResult
    public var hasPreCommitHook: Bool

    public init(_ result: SignResult, hasPreCommitHook: Bool) {
        self.result = result
        self.hasPreCommitHook = hasPreCommitHook
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }

    public func render(_ format: ReportFormat) throws -> String {
        if format == .json { return try JSONText.encode(JSON(result)) }
        var lines = ["signed \(result.name) (tag \(result.tagID.hex.prefix(10)))"]
        lines += result.requires.map { "  requires \($0.name)" }
        lines.append("anchored in commit \(result.anchorCommit.prefix(10)) (\(result.name.anchorPath) holds the signed tag)")
        lines.append("next: \(result.nextStep)")
        if !hasPreCommitHook {
            lines.append("tip: this clone has no countersign pre-commit hook; `countersign hooks install` checks each commit before it is made")
        }
        return lines.joined(separator: "\n")
    }

    struct JSON: Encodable {
        var signed = true
        var tag: String
        var tagObject: String
        var anchorPath: String
        var anchorCommit: String
        var requires: [String]
        var next: String

        init(_ result: SignResult) {
            tag = result.name.description
            tagObject = result.tagID.hex
            anchorPath = result.name.anchorPath
            anchorCommit = result.anchorCommit
            requires = result.requires.map { "\($0.name) \($0.objectID)" }
            next = result.nextStep
        }

        enum CodingKeys: String, CodingKey {
            case signed, tag, requires, next
            case tagObject = "tag_object", anchorPath = "anchor_path", anchorCommit = "anchor_commit"
        }
    }
}

/// `sign`'s report when it refused: the reasons, and nothing signed (exit 1).
public struct SignRefusalView: Report {
    public var refusal: SignRefusal

    public init(_ refusal: SignRefusal) {
        self.refusal = refusal
    }

    public var formats: [ReportFormat] { ReportFormat.textAndJSON }
    public var exitStatus: Int32 { Rule.ExitClass.fails.rawValue }

    public func render(_ format: ReportFormat) throws -> String {
        format == .json ? try JSONText.encode(JSON(reasons: refusal.reasons)) : refusal.description
    }

    struct JSON: Encodable {
        var signed = false
        var reasons: [String]
    }
}
