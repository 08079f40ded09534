import Foundation
import GitKit

/// One member signing one step: the signed tag, and where its anchor landed. `violations` is empty
/// when every rule of docs/reference.md#sign-offs holds at its acceptance point.
public struct SignOff: Sendable {
    public var name: SignOffName
    public var tagID: ObjectID
    /// The commit the tag points at: the content signed.
    public var target: ObjectID?
    /// The acceptance point: the first protected commit holding the anchor (nil while unanchored).
    public var acceptance: ObjectID?
    public var tagger: Signature?
    /// The fingerprint of the key that signed the tag.
    public var keyFingerprint: String?
    public var message: SignOffMessage?
    /// What the member wrote: the tag message without its trailers.
    public var note = ""
    /// The role the step belongs to, when the step exists.
    public var role: String?
    /// Who landed it: the member (or the email) that authored the acceptance point.
    public var landedBy: String?
    public var violations: [Finding] = []
    /// Findings that fail nothing, such as a tag ref that names another object than the anchor.
    public var notices: [Finding] = []

    public var isValid: Bool { violations.isEmpty }
    public var isAnchored: Bool { acceptance != nil }
    /// The clearance's decision as its `Decision:` trailer states it (nil for other steps, or a
    /// trailer that names no decision, which the judge refuses).
    public var decision: Disposition.Decision? { message?.decision.flatMap(Disposition.Decision.init(rawValue:)) }
}

/// The valid sign-offs so far, in acceptance order: what "current" means at a point in history.
public struct LedgerState: Sendable {
    public private(set) var signOffs: [SignOff] = []
    /// Positions in `signOffs` by tag id, and by review and step: the judges look sign-offs up for
    /// every anchor, so lookups must not scan the whole history.
    private var byTag: [ObjectID: Int] = [:]
    private var byStep: [String: [Int]] = [:]
    private var byReview: [String: [Int]] = [:]

    mutating func accept(_ signOff: SignOff) {
        byTag[signOff.tagID] = signOffs.count
        byStep[Self.key(signOff.name.review, signOff.name.step), default: []].append(signOffs.count)
        byReview[signOff.name.review, default: []].append(signOffs.count)
        signOffs.append(signOff)
    }

    private static func key(_ review: String, _ step: String) -> String { "\(review)/\(step)" }

    /// Valid sign-offs of one step of one review, by round.
    public func rounds(review: String, step: String) -> [Int: [SignOff]] {
        Dictionary(grouping: (byStep[Self.key(review, step)] ?? []).map { signOffs[$0] }, by: \.name.round)
    }

    /// The highest valid round of a step and its sign-offs.
    public func latestRound(review: String, step: String) -> (round: Int, signOffs: [SignOff])? {
        rounds(review: review, step: step).max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The sign-offs of the step's highest round when that round reached the step's threshold.
    public func current(review: String, step: Step) -> [SignOff]? {
        guard let latest = latestRound(review: review, step: step.id), latest.signOffs.count >= step.threshold else { return nil }
        return latest.signOffs
    }

    /// Whether the sign-off `later` was accepted after `earlier` (both valid, in this state).
    func accepted(_ later: ObjectID, after earlier: ObjectID) -> Bool {
        guard let later = byTag[later], let earlier = byTag[earlier] else { return false }
        return later > earlier
    }

    public func signOff(tagID: ObjectID) -> SignOff? {
        byTag[tagID].map { signOffs[$0] }
    }

    /// Whether `review` has any valid sign-off.
    public func hasSignOffs(review: String) -> Bool {
        byReview[review]?.isEmpty == false
    }

    /// Every valid sign-off of `member` in `review`.
    public func signOffs(review: String, member: String) -> [SignOff] {
        (byReview[review] ?? []).map { signOffs[$0] }.filter { $0.name.member == member }
    }
}
