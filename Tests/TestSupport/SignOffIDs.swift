/// What `ReviewScenario.signOff` made: the signed tag, the commit it targets and the anchor commit.
public struct SignOffIDs: Sendable, Hashable {
    public let review: String
    public let step: String
    public let round: Int
    /// The member id in the tag name.
    public let member: String
    /// The tag object's id (40 hex), as a `Requires:` trailer and the anchor name it.
    public let tag: String
    /// The commit the tag points at.
    public let target: String
    /// The commit that added the anchor file.
    public let anchor: String

    public init(review: String, step: String, round: Int, member: String, tag: String, target: String, anchor: String) {
        self.review = review
        self.step = step
        self.round = round
        self.member = member
        self.tag = tag
        self.target = target
        self.anchor = anchor
    }

    /// The tag's name, `signoff/<review>/<step>/<round>/<member>`.
    public var name: String { ReviewScenario.tagName(review: review, step: step, round: round, member: member) }
    /// The pair a `Requires:` trailer names, for `ReviewScenario.tag(requires:)`.
    public var requirement: (name: String, objectID: String) { (name, tag) }
    /// The anchor file, relative to the repository root.
    public var anchorPath: String { ReviewScenario.anchorPath(review: review, step: step, round: round, member: member) }
}
