import Foundation
import GitKit

/// Makes signed commits and sign-offs (a signed tag on the head and the anchor commit right after
/// it) on one branch, keeping the tree in memory and sending every object to a sink.
final class HistoryBuilder {
    let team: Team
    let sink: ObjectSink
    private let root: TreeFolder
    private let load: (ObjectID) throws -> [TreeEntry]
    private(set) var head: ObjectID?
    private(set) var commitCount = 0
    /// Every tag made, with the commit it points at.
    private(set) var tags: [(record: SignOffRecord, target: ObjectID)] = []
    /// The time of the next commit or tag, in seconds since 1970.
    var clock: Int
    /// Seconds between two commits.
    var tick = 600

    /// Starts from nothing, or from commit `head` whose tree is `tree` (read through `load`).
    init(team: Team, sink: ObjectSink, clock: Int, head: ObjectID? = nil, tree: (id: ObjectID, entries: [TreeEntry])? = nil,
         load: @escaping (ObjectID) throws -> [TreeEntry] = { _ in [] }) {
        self.team = team
        self.sink = sink
        self.clock = clock
        self.head = head
        self.load = load
        root = tree.map { TreeFolder(path: "", id: $0.id, entries: $0.entries) } ?? TreeFolder(path: "")
    }

    /// Writes `files` (repository paths; nil deletes) and commits them on the head as `member`,
    /// signed with their key; returns the commit id.
    @discardableResult
    func commit(as member: String, files: [String: String?], message: String) throws -> ObjectID {
        for (path, text) in files {
            var blob: ObjectID?
            if let text {
                let bytes = Array(text.utf8)
                let id = RawObjects.id(.blob, bytes)
                try sink.store(.blob, bytes, id: id, versionKey: nil)
                blob = id
            }
            try root.set(path.split(separator: "/").map(String.init)[...], blob: blob, load: load)
        }
        let tree = try root.write(to: sink)
        let data = try RawObjects.commit(tree: tree, parents: head.map { [$0] } ?? [], member: team.member(member),
                                         time: clock, message: message + "\n")
        let id = RawObjects.id(.commit, data)
        try sink.store(.commit, data, id: id, versionKey: nil)
        head = id
        commitCount += 1
        clock += tick
        return id
    }

    /// Signs `step` of `review` as `member`: the signed tag `signoff/<review>/<step>/<round>/<member>`
    /// on the head, with the sign-off trailers, then the anchor commit by the same member,
    /// whose anchor holds the tag object byte for byte.
    @discardableResult
    func signOff(review: String, step: String, round: Int, member: String, requires: [SignOffRecord],
                 decision: String? = nil) throws -> SignOffRecord {
        guard let target = head else { throw BenchError("nothing to sign yet") }
        let name = "signoff/\(review)/\(step)/\(round)/\(member)"
        let (id, bytes) = try tag(name: name, target: target, member: member,
                                  message: Self.message(review: review, step: step, round: round, requires: requires, decision: decision))
        try commit(as: member, files: ["reviews/\(review)/ledger/\(step).\(round).\(member)": String(decoding: bytes, as: UTF8.self)], message: "Anchor \(name)")
        return SignOffRecord(name: name, id: id)
    }

    /// Makes a signed annotated tag (no ref yet: `tags` lists them for the caller to write).
    func tag(name: String, target: ObjectID, member: String, message: String) throws -> (id: ObjectID, bytes: [UInt8]) {
        let data = try RawObjects.tag(name: name, target: target, member: team.member(member), time: clock, message: message)
        let id = RawObjects.id(.tag, data)
        try sink.store(.tag, data, id: id, versionKey: nil)
        tags.append((SignOffRecord(name: name, id: id), target))
        return (id, data)
    }

    /// A summary line, a blank line, then `Review`, `Step`, `Round`, `Requires` and `Decision`.
    static func message(review: String, step: String, round: Int, requires: [SignOffRecord], decision: String?) -> String {
        let words = step.replacingOccurrences(of: "-", with: " ")
        var lines = [words.prefix(1).uppercased() + words.dropFirst() + " for \(review)", "",
                     "Review: \(review)", "Step: \(step)", "Round: \(round)"]
        lines += requires.map { "Requires: \($0.name) \($0.id.hex)" }
        if let decision { lines.append("Decision: \(decision)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
