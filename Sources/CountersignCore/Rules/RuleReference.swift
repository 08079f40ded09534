/// Where each rule is explained: the reference's section for it, linked from SARIF `helpUri`s, the
/// Markdown summary and the code-quality report.
public enum RuleReference {
    /// The project's home; a fork that publishes its own documentation changes this one value.
    public static let home = "https://github.com/countersign/countersign"
    public static let document = "\(home)/blob/main/docs/reference.md"

    public static func url(_ rule: Rule) -> String { "\(document)#\(anchor(rule))" }

    /// The anchor GitHub gives the rule's heading (`### signoff.out-of-order` → `signoffout-of-order`).
    public static func anchor(_ rule: Rule) -> String {
        String(rule.id.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}
