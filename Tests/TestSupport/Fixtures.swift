import Foundation
import Templates

/// A person taking part in the example review, with a real SSH key made by `ssh-keygen`.
public struct Person: Sendable {
    public let id: String
    public let name: String
    public let email: String
    public let key: SSHKey

    /// Author and committer variables for git runs made as this person.
    public var gitEnvironment: [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]
    }
}

/// The people of the example: alice (system owner), bob and carol (security), dana
/// (governance), erin (DPO), frank and grace (sign-off authority). Keys are made once per run.
public enum Cast {
    public static let people: [Person] = {
        Example.people.map { id, name in
            // swiftlint:disable:next force_try
            Person(id: id, name: name, email: "\(id)@example.org", key: try! SSHKey(.ed25519, comment: "\(id)@laptop"))
        }
    }()

    public static func person(_ id: String) -> Person {
        guard let person = people.first(where: { $0.id == id }) else { fatalError("no person \(id) in the cast") }
        return person
    }

    public static var alice: Person { person("alice") }
    public static var bob: Person { person("bob") }
    public static var carol: Person { person("carol") }
    public static var dana: Person { person("dana") }
    public static var erin: Person { person("erin") }
    public static var frank: Person { person("frank") }
    public static var grace: Person { person("grace") }
}

/// Example policy and review files: the spec's example, complete, with real keys.
public enum Fixtures {
    /// The `members:` section for `people`, indented as in the policy.
    public static func membersYAML(_ people: [Person] = Cast.people) -> String {
        people.map { Example.member(id: $0.id, name: $0.name, email: $0.email, keys: [$0.key.publicKeyLine]) }.joined()
    }

    /// The policy of spec section 2 with the cast as members.
    public static func policyYAML(members: String = membersYAML(), extra: String = "") -> String {
        Example.policy(members: members, extra: extra)
    }

    /// A `trusted_committers:` section listing `key` as a forge's web-flow key, for `extra:`.
    public static func trustedCommitter(_ key: SSHKey) -> String {
        "trusted_committers:\n  - name: forge web-flow\n    key: \(key.publicKeyLine)\n"
    }

    /// Every file of a complete review (spec section 3), by path inside the review folder.
    public static var completeReview: [String: String] { Example.review }

    /// Writes `files` (paths inside the review folder) under `root/reviews/<id>/`.
    public static func writeReview(_ id: String, files: [String: String] = completeReview, under root: URL) throws {
        for (relative, text) in files {
            let url = root.appendingPathComponent("reviews/\(id)/\(relative)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: url)
        }
    }
}
