/// A rule id from the contract, e.g. `policy.invalid`, `signoff.out-of-order`.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public static let policyInvalid: RuleID = "policy.invalid"
    public static let schemaInvalid: RuleID = "schema.invalid"
    public static let badPath: RuleID = "commit.bad-path"
    public static let notOwner: RuleID = "commit.not-owner"
}

/// One broken rule: what a hook rejects, `verify` reports and `validate` lists, with where it is.
public struct Violation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rule: RuleID
    @NullWhenAbsent public var ref: String?
    @NullWhenAbsent public var commit: String?
    @NullWhenAbsent public var path: String?
    @NullWhenAbsent public var line: Int?
    public var message: String

    public init(rule: RuleID, ref: String? = nil, commit: String? = nil, path: String? = nil, line: Int? = nil, message: String) {
        self.rule = rule
        self.ref = ref
        self.commit = commit
        self.path = path
        self.line = line
        self.message = message
    }

    /// What a person reads. Findings about a ref read as the contract's example,
    /// `signoff/x/clearance/1/frank: rejected (signoff.out-of-order): …`; findings about a file
    /// read `path:line: message (rule)`, the form editors jump to.
    public var description: String {
        if message.contains(": rejected (\(rule)): ") { return message }
        if let ref {
            let subject = ref.hasPrefix("refs/heads/") || ref.hasPrefix("refs/tags/") ? String(ref.split(separator: "/", maxSplits: 2)[2]) : ref
            return "\(subject): rejected (\(rule)): \(message)"
        }
        var location = ""
        if let path { location = line.map { "\(path):\($0): " } ?? "\(path): " }
        return "\(location)\(message) (\(rule))"
    }
}
