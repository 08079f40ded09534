import Foundation

/// Sign-off tags: `git tag -s -F <file>` with the tagger set through `GIT_COMMITTER_*`.
extension ReviewScenario {
    /// `signoff/<review>/<step>/<round>/<member>`.
    public static func tagName(review: String, step: String, round: Int, member: String) -> String {
        "signoff/\(review)/\(step)/\(round)/\(member)"
    }

    /// The message of spec section 5: `summary`, a blank line, then `Review`, `Step`, `Round`, one
    /// `Requires: <name> <id>` per requirement, and `Decision` when given; ends with a newline.
    public static func signOffMessage(
        summary: String, review: String, step: String, round: Int,
        requires: [(name: String, objectID: String)] = [], decision: String? = nil
    ) -> String {
        var lines = [summary, "", "Review: \(review)", "Step: \(step)", "Round: \(round)"]
        lines += requires.map { "Requires: \($0.name) \($0.objectID)" }
        if let decision { lines.append("Decision: \(decision)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The default summary line: `Risk acceptance for support-assistant`.
    public static func summary(review: String, step: String) -> String {
        let words = step.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst() + " for \(review)"
    }

    /// Makes the annotated sign-off tag `signoff/<review>/<step>/<round>/<member.id>` on `target`, tagged
    /// by `member` and signed with their key (or `signingKey`; unsigned when `sign` is false), with the
    /// trailers of spec section 5 after `message` (a summary line); returns the tag object's id.
    /// `taggerDate` is any date git reads, e.g. `@1700000000 +0000`.
    @discardableResult
    public func tag(
        review: String, step: String, round: Int = 1, member: Person, target: String = "HEAD",
        requires: [(name: String, objectID: String)] = [], decision: String? = nil, message: String? = nil,
        signingKey: SSHKey? = nil, taggerDate: String? = nil, sign: Bool = true
    ) throws -> String {
        let name = Self.tagName(review: review, step: step, round: round, member: member.id)
        let text = Self.signOffMessage(summary: message ?? Self.summary(review: review, step: step),
                                       review: review, step: step, round: round, requires: requires, decision: decision)
        return try makeTag(name: name, message: text, as: member, target: target, sign: sign,
                           signingKey: signingKey, taggerDate: taggerDate, verbatim: false)
    }

    /// Makes an annotated tag `name` on `target` (any object) whose message is `message` exactly (a newline
    /// is added when missing, or git would glue the signature to the last line), tagged by `person` and
    /// signed like `tag(...)`; for malformed sign-offs. Returns the tag object's id.
    @discardableResult
    public func rawTag(
        name: String, message: String, as person: Person, target: String = "HEAD",
        signingKey: SSHKey? = nil, taggerDate: String? = nil, sign: Bool = true
    ) throws -> String {
        try makeTag(name: name, message: message.hasSuffix("\n") ? message : message + "\n", as: person,
                    target: target, sign: sign, signingKey: signingKey, taggerDate: taggerDate, verbatim: true)
    }

    /// Makes the lightweight tag `name` on `target`; returns the id the ref points at (the target's).
    @discardableResult
    public func lightweightTag(name: String, target: String = "HEAD") throws -> String {
        try repository.git(["tag", "--no-sign", name, target])
        return try repository.revParse("refs/tags/\(name)")
    }

    /// The tagger is the committer identity (`GIT_COMMITTER_NAME`, `_EMAIL`, `_DATE`); `-F` runs the
    /// message through git's cleanup (`strip`: comment lines and trailing spaces go) unless `verbatim`.
    private func makeTag(
        name: String, message: String, as person: Person, target: String, sign: Bool,
        signingKey: SSHKey?, taggerDate: String?, verbatim: Bool
    ) throws -> String {
        let file = try messageFile(message)
        defer { try? FileManager.default.removeItem(atPath: file) }
        var environment = person.gitEnvironment
        if let taggerDate { environment["GIT_COMMITTER_DATE"] = taggerDate }
        var arguments = ["tag", sign ? "-s" : "-a", "-F", file]
        if verbatim { arguments.append("--cleanup=verbatim") }
        if sign { arguments = (signingKey ?? person.key).gitSigningArguments + arguments }
        try repository.git(arguments + [name, target], environment: environment)
        return try repository.revParse("refs/tags/\(name)")
    }
}
