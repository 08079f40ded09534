/// Collects findings while a file is read or a commit or sign-off judged, so one pass reports them
/// all, up to `perFileLimit` for one file: a file of thousands of wrong entries says so once, and
/// costs no more to judge than a right one. Findings take the collector's ref, commit and path
/// unless they name their own.
public final class FindingCollector {
    public static let perFileLimit = 100
    public private(set) var findings: [Finding] = []
    private var counts: [String: Int] = [:]
    let ref: String?
    let commit: String?
    let path: String?

    public init(ref: String? = nil, commit: String? = nil, path: String? = nil) {
        self.ref = ref
        self.commit = commit
        self.path = path
    }

    /// Adds a finding; `ref` and `commit` replace the collector's for a finding about another object.
    public func add(_ rule: Rule, _ message: String, path: String? = nil, line: Int? = nil, ref: String? = nil, commit: String? = nil) {
        let ref = ref ?? self.ref, commit = commit ?? self.commit
        let path = path ?? self.path
        let count = counts[path ?? "", default: 0]
        counts[path ?? ""] = count + 1
        if count < Self.perFileLimit {
            findings.append(Finding(rule: rule, ref: ref, commit: commit, path: path, line: line, message: message))
        } else if count == Self.perFileLimit {
            findings.append(Finding(rule: rule, ref: ref, commit: commit, path: path, line: line,
                                    message: "more than \(Self.perFileLimit) problems in this file; the rest are not listed, so fix these first"))
        }
    }

    /// Whether `path` has reached the limit: further messages need not be worked out.
    public func isFull(_ path: String?) -> Bool { counts[path ?? "", default: 0] > Self.perFileLimit }

    public func append(contentsOf other: [Finding]) {
        findings.append(contentsOf: other)
    }

    public var violations: [Finding] { findings.violations }
    public var notices: [Finding] { findings.notices }
    public var isEmpty: Bool { findings.isEmpty }
}
