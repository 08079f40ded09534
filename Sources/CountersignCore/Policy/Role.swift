/// A responsibility in a review: its members and the review paths it owns.
public struct Role: Sendable {
    public var id: String
    public var members: [String]
    /// Globs relative to the review folder.
    public var owns: [Glob]
    public var line: Int

    public func owns(_ reviewPath: String) -> Bool {
        owns.contains { $0.matches(reviewPath) }
    }
}

/// A sign-off the policy defines: the role that signs it, the steps that come first,
/// and the review files it vouches for.
public struct Step: Sendable {
    /// A condition under which a step applies.
    public enum Condition: String, Sendable {
        case personalData = "personal_data"
    }

    public var id: String
    public var role: String
    public var requires: [String]
    public var covers: [Glob]
    public var when: Condition?
    public var threshold: Int
    public var line: Int

    public func covers(_ reviewPath: String) -> Bool {
        covers.contains { $0.matches(reviewPath) }
    }

    /// Whether this step decides the review (it covers `authority/disposition.yaml`), so that its
    /// sign-offs carry a `Decision:` trailer.
    public var decides: Bool { covers.contains { $0.matches(ReviewFile.disposition.path) } }

    /// What a step asks, without where it is written: two policies whose steps differ here ask
    /// for another review.
    public var definition: String {
        "\(id) \(role) requires \(requires) covers \(covers.map(\.pattern)) when \(when?.rawValue ?? "always") threshold \(threshold)"
    }
}

/// The risk scale: likelihood and impact are integers 1...scale, and a product at or above
/// `threshold` is above threshold.
public struct RiskSettings: Sendable, Equatable {
    public var scale: Int
    public var threshold: Int

    public init(scale: Int, threshold: Int) {
        self.scale = scale
        self.threshold = threshold
    }

    public static let standard = RiskSettings(scale: 5, threshold: 12)
}
