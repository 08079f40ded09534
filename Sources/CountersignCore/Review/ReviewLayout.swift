import Foundation

/// The path rules of docs/reference.md#the-files-of-a-review for everything under `reviews/`: only regular files and
/// folders, valid review ids, no two paths that differ only by case or Unicode normalisation,
/// and every path owned by exactly one role (anchors under `ledger/` excepted).
public struct ReviewLayout {
    public let policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// `reviews/<id>/<rest>` split into id and rest; nil for paths not inside a review folder.
    public static func split(_ path: String) -> (review: String, relative: String)? {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Review.root, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return (String(parts[1]), String(parts[2]))
    }

    /// Whether a review-relative path is an anchor (owned by the member it names, not by a role).
    public static func isLedger(_ relative: String) -> Bool { relative.hasPrefix("ledger/") }

    /// Why a path a commit adds is ``Rule/commitBadPath`` whatever its content: a root folder that
    /// differs from `reviews/` only by case, or, under `reviews/`, a tree entry git itself refuses
    /// (an empty, `.`, `..` or `.git` name; a clone of such a tree fails). Nil when it is fine.
    public static func refusedPathProblem(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let root = parts.first else { return nil }
        if root != Review.root && root.lowercased() == Review.root {
            return "\(root)/ differs from reviews/ only by case, so it would collide with it on some systems; move the files into reviews/"
        }
        guard root == Review.root else { return nil }
        for part in parts.dropFirst() {
            if part.isEmpty || part == "." || part == ".." {
                return "it has an empty, \".\" or \"..\" name, which git itself refuses; no clone could check it out, so rebuild the commit with `git add`"
            }
            if part.lowercased() == ".git" {
                return "it has a \(part) entry, which git itself refuses; rebuild the commit without it"
            }
        }
        return nil
    }

    /// Violations of the path rules among `entries` (all under `reviews/`).
    public func check(_ entries: [SourceEntry]) -> [Finding] {
        var violations: [Finding] = []
        var badIDs = Set<String>()
        for (path, other) in ReviewLayout.collisions(entries) {
            violations.append(Finding(rule: .commitBadPath, path: path, message: ReviewLayout.collisionMessage(path, other)))
        }
        for entry in entries {
            switch entry.kind {
            case .symlink:
                violations.append(Finding(rule: .commitBadPath, path: entry.path, message: "a symlink is not allowed under reviews/; replace it with the file itself"))
                continue
            case .submodule:
                violations.append(Finding(rule: .commitBadPath, path: entry.path, message: "a submodule is not allowed under reviews/; commit the files themselves"))
                continue
            case .executable:
                violations.append(Finding(rule: .commitBadPath, path: entry.path, message: "the file is executable; review files are plain files, so run `git update-index --chmod=-x \(entry.path)` or `chmod -x`"))
            case .file:
                break
            }
            guard let (id, relative) = ReviewLayout.split(entry.path) else {
                violations.append(Finding(rule: .schemaInvalid, path: entry.path, message: "files under reviews/ belong in a review folder, reviews/<review-id>/; move it into one"))
                continue
            }
            if !PolicyChecker.isValidID(id) {
                if badIDs.insert(id).inserted {
                    violations.append(Finding(rule: .schemaInvalid, path: "reviews/\(id)", message: "review id \"\(id)\" is not valid; use lowercase letters, digits and dashes, at most 63 characters"))
                }
                continue
            }
            violations += ownership(of: entry.path, relative: relative)
        }
        return violations
    }

    /// Pairs of paths that differ only by case or Unicode normalisation: the later path, and the one it collides with.
    public static func collisions(_ entries: [SourceEntry]) -> [(path: String, other: String)] {
        var seen: [String: String] = [:]
        var found: [(String, String)] = []
        for entry in entries {
            let folded = folded(entry.path)
            if let other = seen[folded] { found.append((entry.path, other)) }
            seen[folded] = entry.path
        }
        return found
    }

    /// The form two colliding paths share: lowercase, Unicode-composed. An ASCII path needs no
    /// composition, and skipping it makes this cheap enough to run on every added file.
    private static func folded(_ path: String) -> String {
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: path.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return path.precomposedStringWithCanonicalMapping.lowercased()
    }

    static func collisionMessage(_ path: String, _ other: String) -> String {
        "\(path) and \(other) differ only by case or Unicode normalisation; they collide on some systems, so rename one"
    }

    private func ownership(of path: String, relative: String) -> [Finding] {
        if ReviewLayout.isLedger(relative) {
            guard relative.split(separator: "/").count == 2, LedgerName(relative.dropFirst("ledger/".count)) != nil else {
                return [Finding(rule: .signoffMalformed, path: path, message: "ledger/ holds only anchors, each a file named <step>.<round>.<member> that `countersign sign` writes; remove it")]
            }
            return []
        }
        let owners = policy.owners(of: relative)
        if owners.isEmpty {
            return [Finding(rule: .schemaInvalid, path: path, message: "no role owns \(relative); move it into a role's folder or add a glob to a role's owns in countersign.yaml")]
        }
        if owners.count > 1 {
            let line = owners.last?.owns.first { $0.matches(relative) }?.line
            return [Finding(rule: .policyInvalid, path: Policy.path, line: line, message: "roles \(owners.map(\.id).joined(separator: " and ")) both own \(path); every path is owned by exactly one role, so narrow one role's owns")]
        }
        return []
    }
}

/// The name of an anchor file, `<step>.<round>.<member>`.
public struct LedgerName: Hashable, Sendable, CustomStringConvertible {
    public var step: String
    public var round: Int
    public var member: String

    public init(step: String, round: Int, member: String) {
        self.step = step
        self.round = round
        self.member = member
    }

    public init?<S: StringProtocol>(_ name: S) {
        let parts = String(name).split(separator: Character("."), omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, PolicyChecker.isValidID(parts[0]), PolicyChecker.isValidID(parts[2]),
              let round = Int(parts[1]), round >= 1, String(round) == parts[1] else { return nil }
        self.init(step: parts[0], round: round, member: parts[2])
    }

    public var description: String { "\(step).\(round).\(member)" }
}
