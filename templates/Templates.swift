import Foundation

/// The files `countersign init` and `countersign new` write, compiled into the binary so that
/// a copied binary still has them. `{{name}}` placeholders are filled by the caller.
public enum Templates {
    /// The commented policy that `init` writes.
    public static var policy: String { text(PackageResources.countersign_yaml) }

    /// The review files each role lays out, by path inside the review folder.
    public static let review: [String: [(path: String, text: String)]] = [
        "system-owner": [
            ("review.yaml", text(PackageResources.review_yaml)),
            ("system/description.md", text(PackageResources.description_md)),
            ("system/context.yaml", text(PackageResources.context_yaml)),
            ("system/data-flows.yaml", text(PackageResources.data_flows_yaml)),
            ("system/architecture.md", text(PackageResources.architecture_md)),
            ("system/tool-manifest.yaml", text(PackageResources.tool_manifest_yaml)),
            ("status/controls.yaml", text(PackageResources.implementation_status_yaml)),
        ],
        "security": [
            ("security/threats.yaml", text(PackageResources.threats_yaml)),
            ("security/controls.yaml", text(PackageResources.controls_yaml)),
            ("security/gaps.yaml", text(PackageResources.gaps_yaml)),
            ("security/evidence/README.md", text(PackageResources.README_md)),
        ],
        "governance": [
            ("governance/risk-acceptance.yaml", text(PackageResources.risk_acceptance_yaml)),
            ("governance/triggers.yaml", text(PackageResources.triggers_yaml)),
        ],
        "dpo": [
            ("dpo/dpia.yaml", text(PackageResources.dpia_yaml)),
            ("dpo/advisory.md", text(PackageResources.advisory_md)),
        ],
        "authority": [
            ("authority/disposition.yaml", text(PackageResources.disposition_yaml)),
        ],
    ]

    /// Replaces each `{{key}}` in `template` with its value.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { result, pair in result.replacingOccurrences(of: "{{\(pair.key)}}", with: pair.value) }
    }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
