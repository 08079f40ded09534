import Foundation
import TestSupport
import Testing

/// One thing the server must refuse: made in a clone of a template server, then pushed.
struct Breach: Sendable, CustomTestStringConvertible {
    enum Base: Sendable {
        /// The whole review signed off (`ServerTemplate.signedOff`).
        case signedOff
        /// The assessment not yet signed (`ServerTemplate.assessing`).
        case assessing

        var template: ServerTemplate {
            get throws {
                switch self {
                case .signedOff: try ServerTemplate.signedOff.get()
                case .assessing: try ServerTemplate.assessing.get()
                }
            }
        }
    }

    let label: String
    let base: Base
    /// Rule ids the refusal must name.
    let rules: [String]
    /// Whether the breach is a range of commits that `check` can judge too (not a ref or a lone tag).
    let inRange: Bool
    /// Makes the breach in the clone (on its current branch) and returns what to push: refspecs, and
    /// options such as `--force`.
    let make: @Sendable (ReviewScenario) throws -> [String]

    var testDescription: String { label }

    static let branch = "HEAD:refs/heads/main"
    static var evidence: String { "security/evidence/notes.md" }

    /// The example policy of the clone with `transform` applied to its text.
    static func policy(_ clone: ReviewScenario, _ transform: (String) -> String) throws -> String {
        let before = try clone.repository.read("countersign.yaml")
        let after = transform(before)
        try #require(after != before, "the policy edit changed nothing")
        return after
    }

    /// dana's risk acceptance naming the intake instead of the assessment, which nobody has signed yet.
    static func outOfOrderTag(_ clone: ReviewScenario) throws -> String {
        try clone.tag(review: review, step: "risk-acceptance", member: Cast.dana,
                      requires: [signOffTag("intake", "bob").requirement(in: clone.repository)])
    }

    static let all: [Breach] = [
        Breach(label: "a commit by a non-owner", base: .signedOff, rules: ["commit.not-owner"], inRange: true) { clone in
            try clone.writeReview(review, as: Cast.dana, files: [evidence: "dana's notes\n"])
            return [branch]
        },
        Breach(label: "a commit signed with another member's key", base: .signedOff, rules: ["commit.unknown-key"], inRange: true) { clone in
            try clone.writeReview(review, as: Cast.bob, files: [evidence: "more evidence\n"], signingKey: Cast.carol.key)
            return [branch]
        },
        Breach(label: "an unsigned commit", base: .signedOff, rules: ["commit.unsigned"], inRange: true) { clone in
            try clone.writeReview(review, as: Cast.bob, files: [evidence: "more evidence\n"], sign: false)
            return [branch]
        },
        Breach(label: "a policy change by a non-owner", base: .signedOff, rules: ["policy.unauthorized-change"], inRange: true) { clone in
            let text = try policy(clone) { $0.replacingOccurrences(of: "threshold: 12", with: "threshold: 20") }
            try clone.commit(as: Cast.alice, files: ["countersign.yaml": text], message: "Raise the risk threshold")
            return [branch]
        },
        Breach(label: "a policy change granting its author a role, used in the same commit", base: .signedOff,
               rules: ["policy.unauthorized-change", "commit.not-owner"], inRange: true) { clone in
            let text = try policy(clone) { $0.replacingOccurrences(of: "members: [bob, carol]", with: "members: [bob, carol, alice]") }
            try clone.commit(as: Cast.alice, files: ["countersign.yaml": text, "reviews/\(review)/\(evidence)": "alice's notes\n"],
                             message: "Join security and add notes")
            return [branch]
        },
        Breach(label: "a policy owner granting themselves a role, used in the same commit", base: .signedOff,
               rules: ["commit.not-owner"], inRange: true) { clone in
            let text = try policy(clone) { $0.replacingOccurrences(of: "members: [bob, carol]", with: "members: [bob, carol, frank]") }
            try clone.commit(as: Cast.frank, files: ["countersign.yaml": text, "reviews/other-system/security/threats.yaml": "threats: []\n"],
                             message: "Join security and start a threat model")
            return [branch]
        },
        Breach(label: "a sign-off out of order, the tag alone", base: .assessing, rules: ["signoff.out-of-order"], inRange: false) { clone in
            _ = try outOfOrderTag(clone)
            return ["refs/tags/\(signOffTag("risk-acceptance", "dana"))"]
        },
        Breach(label: "a sign-off out of order, with its anchor", base: .assessing, rules: ["signoff.out-of-order"], inRange: true) { clone in
            let tag = try outOfOrderTag(clone)
            try clone.anchor(tagObjectID: tag, name: (review, "risk-acceptance", 1, "dana"), as: Cast.dana)
            return [branch, "refs/tags/\(signOffTag("risk-acceptance", "dana"))"]
        },
        Breach(label: "a sign-off by a non-member", base: .assessing, rules: ["signoff.unknown-key"], inRange: false) { clone in
            let mallory = try Person.outsider(id: "mallory", name: "Mallory Grey")
            try clone.tag(review: review, step: "assessment", member: mallory,
                          requires: [signOffTag("intake", "bob").requirement(in: clone.repository)])
            return ["refs/tags/\(signOffTag("assessment", "mallory"))"]
        },
        Breach(label: "a sign-off by a member without the role", base: .assessing, rules: ["signoff.not-authorized"], inRange: true) { clone in
            let tag = try clone.tag(review: review, step: "assessment", member: Cast.erin,
                                    requires: [signOffTag("intake", "bob").requirement(in: clone.repository)])
            try clone.anchor(tagObjectID: tag, name: (review, "assessment", 1, "erin"), as: Cast.erin)
            return [branch, "refs/tags/\(signOffTag("assessment", "erin"))"]
        },
        Breach(label: "a deleted anchor", base: .signedOff, rules: ["signoff.anchor-changed"], inRange: true) { clone in
            try clone.commit(as: Cast.alice, files: [ReviewScenario.anchorPath(review: review, step: "description", round: 1, member: "alice"): nil],
                             message: "Remove an anchor")
            return [branch]
        },
        Breach(label: "a deleted sign-off tag", base: .signedOff, rules: ["ref.deleted"], inRange: false) { _ in
            [":refs/tags/\(signOffTag("intake", "bob"))"]
        },
        Breach(label: "a moved sign-off tag", base: .signedOff, rules: ["ref.signoff-moved"], inRange: false) { clone in
            let name = signOffTag("intake", "bob")
            try clone.repository.git(["tag", "-d", name])
            try clone.tag(review: review, step: "intake", member: Cast.bob,
                          requires: [signOffTag("description", "alice").requirement(in: clone.repository)])
            return ["--force", "refs/tags/\(name)"]
        },
        Breach(label: "a rewound protected branch", base: .signedOff, rules: ["ref.non-fast-forward"], inRange: false) { clone in
            try clone.repository.git(["reset", "-q", "--hard", "HEAD~1"])
            return ["--force", branch]
        },
        Breach(label: "a deleted protected branch", base: .signedOff, rules: ["ref.deleted"], inRange: false) { _ in
            [":refs/heads/main"]
        },
        Breach(label: "a tagger date an hour from the server's clock", base: .assessing, rules: ["signoff.tagger-date"], inRange: false) { clone in
            let hourAgo = Int(Date().timeIntervalSince1970) - 3600
            try clone.tag(review: review, step: "assessment", member: Cast.bob,
                          requires: [signOffTag("intake", "bob").requirement(in: clone.repository)],
                          taggerDate: "@\(hourAgo) +0000")
            return ["refs/tags/\(signOffTag("assessment", "bob"))"]
        },
    ]
}
