/// The name of a sign-off tag, `signoff/<review>/<step>/<round>/<member>`, whose parts must
/// agree with its trailers and its anchor's file name.
public struct SignOffName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public static let prefix = "signoff/"
    public static let refPrefix = "refs/tags/signoff/"

    public var review: String
    public var step: String
    public var round: Int
    public var member: String

    public init(review: String, step: String, round: Int, member: String) {
        self.review = review
        self.step = step
        self.round = round
        self.member = member
    }

    /// Parses a tag name (with or without `refs/tags/`); nil when it is not canonical.
    public init?(_ name: String) {
        var text = Substring(name)
        if text.hasPrefix("refs/tags/") { text = text.dropFirst("refs/tags/".count) }
        guard text.hasPrefix(SignOffName.prefix) else { return nil }
        let parts = text.dropFirst(SignOffName.prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, PolicyChecker.isValidID(parts[0]), PolicyChecker.isValidID(parts[1]),
              PolicyChecker.isValidID(parts[3]), let round = SignOffName.round(parts[2]) else { return nil }
        self.init(review: parts[0], step: parts[1], round: round, member: parts[3])
    }

    /// A round number written canonically: a positive integer without leading zeros or sign.
    static func round(_ text: String) -> Int? {
        guard let value = Int(text), value >= 1, String(value) == text else { return nil }
        return value
    }

    /// `signoff/<review>/<step>/<round>/<member>`.
    public var description: String { "\(SignOffName.prefix)\(review)/\(step)/\(round)/\(member)" }
    public var ref: String { "refs/tags/\(description)" }
    /// The anchor's path: `reviews/<review>/ledger/<step>.<round>.<member>`.
    public var anchorPath: String { "\(Review.root)/\(review)/ledger/\(step).\(round).\(member)" }

    /// The sign-off an anchor path names; nil for any other path.
    public init?(anchorPath path: String) {
        guard let (review, relative) = ReviewLayout.split(path), ReviewLayout.isLedger(relative),
              let name = LedgerName(relative.dropFirst("ledger/".count)) else { return nil }
        self.init(review: review, step: name.step, round: name.round, member: name.member)
    }

    public static func < (lhs: SignOffName, rhs: SignOffName) -> Bool {
        (lhs.review, lhs.step, lhs.round, lhs.member) < (rhs.review, rhs.step, rhs.round, rhs.member)
    }
}
