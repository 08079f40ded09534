/// The files of a review folder (docs/reference.md#the-files-of-a-review), each with the role
/// that owns it in the built-in layout: the one list the reader, the policy checker, the gap
/// analysis and the clearance step name review files from (the templates are checked against it).
public struct ReviewFile: Sendable, Hashable, CustomStringConvertible {
    /// The path inside `reviews/<id>/`.
    public let path: String
    /// The role that writes it in the built-in layout (a policy may give it to another).
    public let owner: String

    init(_ path: String, _ owner: String) {
        self.path = path
        self.owner = owner
    }

    public var description: String { path }

    public static let manifest = ReviewFile("review.yaml", "system-owner")
    public static let systemDescription = ReviewFile("system/description.md", "system-owner")
    public static let architecture = ReviewFile("system/architecture.md", "system-owner")
    public static let context = ReviewFile("system/context.yaml", "system-owner")
    public static let dataFlows = ReviewFile("system/data-flows.yaml", "system-owner")
    public static let toolManifest = ReviewFile("system/tool-manifest.yaml", "system-owner")
    public static let controlStatus = ReviewFile("status/controls.yaml", "system-owner")
    public static let threats = ReviewFile("security/threats.yaml", "security")
    public static let controls = ReviewFile("security/controls.yaml", "security")
    public static let securityGaps = ReviewFile("security/gaps.yaml", "security")
    public static let riskAcceptance = ReviewFile("governance/risk-acceptance.yaml", "governance")
    public static let triggers = ReviewFile("governance/triggers.yaml", "governance")
    public static let dpia = ReviewFile("dpo/dpia.yaml", "dpo")
    public static let advisory = ReviewFile("dpo/advisory.md", "dpo")
    /// The sign-off authority's decision: the step that covers it is the clearance.
    public static let disposition = ReviewFile("authority/disposition.yaml", "authority")

    /// Every file countersign parses, in reading order.
    public static let all: [ReviewFile] = [
        manifest, systemDescription, architecture, context, dataFlows, toolManifest, controlStatus,
        threats, controls, securityGaps, riskAcceptance, triggers, dpia, advisory, disposition,
    ]

    /// The evidence pack's folder, whose files are any files and are never parsed.
    public static let evidenceFolder = "security/evidence/"
}
