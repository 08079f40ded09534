import Foundation

/// `countersign.yaml`: members and their keys, roles and what they own, the steps of a review
/// and their order. Read with `PolicyReader`; every value here has passed its checks.
public struct Policy: Sendable {
    public static let path = "countersign.yaml"
    /// The role names messages use ("the DPO (erin)").
    public static let roleTitles = [
        "system-owner": "the system owner", "security": "the security team", "governance": "the AI governance lead",
        "dpo": "the DPO", "authority": "the sign-off authority",
    ]

    public var version: Int
    public var protectedBranches: [String]
    public var policyOwners: [String]
    /// The two-person rule (docs/reference.md#countersignyaml): how many distinct policy owners a policy change
    /// needs, its author included; 1 lets an owner change it alone.
    public var policyApprovals = 1
    public var requireSignedCommits: Bool
    public var risk: RiskSettings
    public var members: [Member]
    public var trustedCommitters: [TrustedCommitter]
    public var roles: [Role]
    /// In dependency order: every step comes after the steps it requires.
    public var steps: [Step]
    public var separationOfDuties: [[String]]

    public func member(_ id: String) -> Member? { members.first { $0.id == id } }
    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }
    /// The clearance: the step whose sign-off carries the `Decision:` trailer, the one that covers
    /// `authority/disposition.yaml`.
    public var clearanceStep: Step? { steps.first(where: \.decides) }

    /// The member whose emails include `email` (compared without case).
    public func member(email: String) -> Member? {
        let wanted = email.lowercased()
        return members.first { $0.emails.contains { $0.lowercased() == wanted } }
    }

    /// The roles `memberID` is a member of.
    public func roles(of memberID: String) -> [Role] {
        roles.filter { $0.members.contains(memberID) }
    }

    /// The roles whose `owns` match a path inside a review folder (one, unless the policy is invalid).
    public func owners(of reviewPath: String) -> [Role] {
        roles.filter { $0.owns(reviewPath) }
    }

    /// Steps whose `covers` include a path inside a review folder.
    public func steps(covering reviewPath: String) -> [Step] {
        steps.filter { $0.covers(reviewPath) }
    }

    /// Whether the policy keeps these two roles apart: one person may not sign steps of both.
    public func separates(_ a: String, _ b: String) -> Bool {
        a != b && separationOfDuties.contains { $0.contains(a) && $0.contains(b) }
    }

    /// "the DPO (erin)" or "role ethics (ann, ben)".
    public func describe(role: String, members names: [String]) -> String {
        let title = Policy.roleTitles[role] ?? "role \(role)"
        return names.isEmpty ? title : "\(title) (\(names.joined(separator: ", ")))"
    }
}
