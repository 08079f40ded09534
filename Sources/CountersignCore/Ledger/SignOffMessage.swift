import Foundation

/// The trailers that end a sign-off tag's message (docs/reference.md#sign-offs): `Review`, `Step`, `Round`,
/// each exactly once; `Requires` any number of times; `Decision` for a clearance.
public struct SignOffMessage: Sendable, Equatable {
    /// A prerequisite named in `Requires:`: the tag name and its 40-hex object id.
    public struct Requirement: Hashable, Sendable {
        public var name: SignOffName
        public var objectID: String
    }

    public var review: String
    public var step: String
    public var round: Int
    public var requires: [Requirement]
    public var decision: String?

    static let singleKeys = ["Review", "Step", "Round", "Decision"]

    /// Parses the trailer block (the message's last paragraph); throws a reason when a trailer
    /// is missing, repeated, not canonical, or not a sign-off trailer.
    public init(message: String) throws(SignOffMessageError) {
        let paragraphs = message.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        guard let block = paragraphs.last else { throw .init("the message has no trailers; it must end with Review:, Step: and Round:") }
        var single: [String: String] = [:]
        var requires: [Requirement] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                throw .init("the last paragraph of the message must hold only trailers, found \"\(line)\"")
            }
            let key = String(line[..<colon])
            let rest = line[line.index(after: colon)...]
            guard rest.hasPrefix(" "), !rest.hasPrefix("  ") else {
                throw .init("trailer \"\(line)\" is not canonical; write \"\(key): value\" with one space")
            }
            let value = String(rest.dropFirst())
            guard value == value.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw .init("trailer \"\(key)\" has stray spaces or no value")
            }
            if key == "Requires" {
                requires.append(try SignOffMessage.requirement(value))
            } else if SignOffMessage.singleKeys.contains(key) {
                guard single[key] == nil else { throw .init("trailer \(key) appears twice; keep one") }
                single[key] = value
            } else {
                throw .init("\"\(key)\" is not a sign-off trailer; use Review, Step, Round, Requires and Decision")
            }
        }
        guard let review = single["Review"] else { throw .init("the Review trailer is missing") }
        guard let step = single["Step"] else { throw .init("the Step trailer is missing") }
        guard let roundText = single["Round"] else { throw .init("the Round trailer is missing") }
        guard let round = SignOffName.round(roundText) else {
            throw .init("Round: \(roundText) is not canonical; write the round as a plain number such as 1")
        }
        self.review = review
        self.step = step
        self.round = round
        self.requires = requires
        decision = single["Decision"]
    }

    public init(review: String, step: String, round: Int, requires: [Requirement], decision: String?) {
        self.review = review
        self.step = step
        self.round = round
        self.requires = requires
        self.decision = decision
    }

    private static func requirement(_ value: String) throws(SignOffMessageError) -> Requirement {
        let parts = value.split(separator: " ")
        guard parts.count == 2, let name = SignOffName(String(parts[0])),
              parts[1].count == 40, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw .init("Requires: \(value) must be a sign-off tag name and its 40-hex tag object id")
        }
        return Requirement(name: name, objectID: String(parts[1]))
    }

    /// The message without its trailer block: the title and whatever note the member wrote.
    public static func note(of message: String) -> String {
        var paragraphs = message.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        if !paragraphs.isEmpty { paragraphs.removeLast() }
        return paragraphs.joined(separator: "\n\n")
    }

    /// The trailer block as `sign` writes it.
    public var trailers: String {
        var lines = ["Review: \(review)", "Step: \(step)", "Round: \(round)"]
        lines += requires.map { "Requires: \($0.name) \($0.objectID)" }
        if let decision { lines.append("Decision: \(decision)") }
        return lines.joined(separator: "\n")
    }
}

/// Why a sign-off message's trailers do not parse.
public struct SignOffMessageError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
