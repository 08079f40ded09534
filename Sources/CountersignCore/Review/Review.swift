import Foundation

/// One assessment of one AI system: the parsed files of `reviews/<id>/` at one revision.
/// A file that is absent, or did not parse, is nil.
public struct Review: Sendable {
    public static let root = "reviews"

    public var id: String
    public var manifest: ReviewManifest?
    public var description: MarkdownDocument?
    public var architecture: MarkdownDocument?
    public var context: SystemContext?
    public var dataFlows: [DataFlow]?
    public var tools: [String]?
    public var controlStatus: [String: ControlStatus]?
    public var threats: [Threat]?
    public var controls: [Control]?
    public var securityGaps: [SecurityGap]?
    public var acceptances: [RiskAcceptance]?
    public var triggers: [Trigger]?
    public var dpia: DPIA?
    public var advisory: MarkdownDocument?
    public var disposition: Disposition?

    public var folder: String { "\(Review.root)/\(id)" }

    /// The repository path of a file of this review.
    public func path(_ relative: String) -> String { "\(folder)/\(relative)" }

    /// Whether the review is in scope for `when: personal_data` steps.
    public var hasPersonalData: Bool { context?.personalData == true }

    /// Whether `step` applies to this review.
    public func applies(_ step: Step) -> Bool {
        switch step.when {
        case nil: true
        case .personalData: hasPersonalData
        }
    }

    /// The steps of `policy` that apply, in dependency order.
    public func applicableSteps(in policy: Policy) -> [Step] {
        policy.steps.filter(applies)
    }

    /// The prerequisites of `step` that apply to this review (`requires` naming a step that
    /// does not apply is skipped).
    public func prerequisites(of step: Step, in policy: Policy) -> [Step] {
        step.requires.compactMap(policy.step).filter(applies)
    }

    /// The ids of the reviews in `source`: the folders under `reviews/`.
    public static func ids(in source: FileSource) throws -> [String] {
        var ids: [String] = []
        for entry in try source.entries(under: root) {
            let parts = entry.path.split(separator: "/", maxSplits: 2)
            if parts.count == 3, ids.last != String(parts[1]) { ids.append(String(parts[1])) }
        }
        return Array(Set(ids)).sorted()
    }
}
