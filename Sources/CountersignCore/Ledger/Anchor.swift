import Foundation
import GitKit

/// A sign-off's anchor: the file `reviews/<id>/ledger/<step>.<round>.<member>` holding the signed
/// tag object byte for byte (docs/reference.md#sign-offs). Parsed strictly, so that every reader — the hook,
/// `check`, `verify`, git itself once `countersign tags` writes it — sees the same tag.
public struct Anchor: Sendable {
    /// The largest anchor countersign reads; a larger one is refused before parsing.
    public static let maximumSize = 64 * 1024

    /// The tag object's id: what `git hash-object -t tag` gives the bytes, and what `Requires:` names.
    public let id: ObjectID
    public let bytes: Data
    public let tag: Tag
    /// The signature and the bytes it covers; nil when the tag is unsigned.
    public let signed: SignedPayload?

    /// Why bytes are not a well-formed anchor of a sign-off; the reason is what a person reads.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Parses `bytes` as the tag object of `name`; throws `Malformed` saying what is wrong.
    public init(bytes: Data, name: SignOffName) throws {
        guard bytes.count <= Self.maximumSize else {
            throw Malformed(reason: "it is \(bytes.count) bytes; an anchor holds one tag object of at most 64 KiB")
        }
        let raw = Array(bytes)
        if raw.contains(0) { throw Malformed(reason: "it contains a NUL byte, so it is not a tag object") }
        if raw.contains(UInt8(ascii: "\r")) { throw Malformed(reason: "it has CR line ends; an anchor is the tag object exactly as git stores it, with LF line ends") }
        guard let text = String(validating: raw, as: UTF8.self) else { throw Malformed(reason: "it is not UTF-8 text, so it is not a tag object") }
        guard let split = text.range(of: "\n\n") else {
            throw Malformed(reason: "it has no blank line after the headers, so it is not a tag object (truncated?)")
        }
        let headers = text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let expected = ["object", "type", "tag", "tagger"]
        guard headers.count == expected.count, zip(headers, expected).allSatisfy({ $0.hasPrefix($1 + " ") }) else {
            let found = headers.map { String($0.prefix { $0 != " " }) }.joined(separator: ", ")
            throw Malformed(reason: "its headers are \(found); a sign-off's tag object has exactly object, type, tag and tagger, in that order")
        }
        guard let target = ObjectID(String(headers[0].dropFirst(7))) else {
            throw Malformed(reason: "its object header is not a 40-hex commit id")
        }
        let type = headers[1].dropFirst(5)
        guard type == "commit" else {
            throw Malformed(reason: "the tag points at a \(type), not directly at a commit; sign the commit itself")
        }
        let tagName = String(headers[2].dropFirst(4))
        guard tagName == name.description else {
            throw Malformed(reason: "the tag object's name is \"\(tagName)\", not \(name); a tag must not be renamed")
        }
        guard let tagger = Self.identity(headers[3].dropFirst(7)) else {
            throw Malformed(reason: "its tagger line is not `name <email> seconds ±hhmm`")
        }
        let bodyStart = text.utf8.distance(from: text.startIndex, to: split.upperBound)
        var messageEnd = raw.count
        if let start = SignedPayload.tagSignatureStart(bytes), start >= bodyStart {
            messageEnd = start
            try Self.checkSignatureBlock(raw[start...])
        }
        signed = SignedPayload.ofTag(bytes)
        self.bytes = bytes
        id = try ObjectID.hash(bytes, as: .tag)
        let message = String(decoding: raw[bodyStart..<messageEnd], as: UTF8.self)
        tag = Tag(id: id, name: tagName, targetID: target, targetType: .commit, tagger: tagger, message: message)
    }

    /// The anchor of `name` read from blob `blob`, refusing one over 64 KiB before reading it.
    static func read(_ blob: ObjectID, name: SignOffName, repository: Repository) throws -> Result<Anchor, Malformed> {
        let size = try repository.blobSize(blob)
        guard size <= maximumSize else {
            return .failure(Malformed(reason: "it is \(size) bytes; an anchor holds one tag object of at most 64 KiB"))
        }
        do {
            return .success(try Anchor(bytes: repository.blob(blob), name: name))
        } catch let malformed as Malformed {
            return .failure(malformed)
        }
    }

    /// The tag object a ref `name` points at, parsed as an anchor would be; a lightweight tag (a
    /// ref to a commit) or any other object is malformed.
    static func object(_ id: ObjectID, name: SignOffName, repository: Repository) throws -> Result<Anchor, Malformed> {
        let header = try repository.objectHeader(id)
        guard header.type == .tag else {
            return .failure(Malformed(reason: "the ref names a \(header.type), which is not an annotated tag object (a lightweight tag?); sign with `countersign sign`, which makes a signed annotated tag"))
        }
        guard header.size <= maximumSize else {
            return .failure(Malformed(reason: "the tag object is \(header.size) bytes; a sign-off's tag holds at most 64 KiB"))
        }
        do {
            return .success(try Anchor(bytes: repository.readObject(id).data, name: name))
        } catch let malformed as Malformed {
            return .failure(malformed)
        }
    }

    /// The signature block must end the object: one armored block, its END line last.
    private static func checkSignatureBlock(_ block: ArraySlice<UInt8>) throws {
        let text = String(decoding: block, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard text.hasSuffix("\n"), let begin = lines.first, begin.hasPrefix("-----BEGIN "), begin.hasSuffix("-----") else {
            throw Malformed(reason: "its signature block does not end with a newline (truncated?)")
        }
        let end = "-----END " + begin.dropFirst("-----BEGIN ".count)
        guard lines.dropLast().last.map(String.init) == end else {
            throw Malformed(reason: "its signature block does not end with \(end) (truncated, or bytes after it)")
        }
        if lines.dropLast(2).contains(where: { $0.hasPrefix("-----END ") }) {
            throw Malformed(reason: "it holds bytes after its signature block; an anchor holds exactly one tag object")
        }
    }

    /// `Name <email> 1700000000 +0100`, git's identity line.
    static func identity(_ line: Substring) -> Signature? {
        let parts = line.split(separator: " ")
        guard parts.count >= 3, let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return nil }
        let zone = parts[parts.count - 1], seconds = parts[parts.count - 2]
        guard zone.count == 5, zone.first == "+" || zone.first == "-", let hhmm = Int(zone.dropFirst()), zone.dropFirst().allSatisfy(\.isNumber),
              seconds.allSatisfy(\.isNumber), let time = TimeInterval(seconds),
              line[line.index(after: close)...].trimmingCharacters(in: .whitespaces) == "\(seconds) \(zone)" else { return nil }
        let offset = (hhmm / 100 * 60 + hhmm % 100) * (zone.first == "-" ? -1 : 1)
        let name = line[..<open].trimmingCharacters(in: .whitespaces)
        return Signature(name: name, email: String(line[line.index(after: open)..<close]), date: Date(timeIntervalSince1970: time), offsetMinutes: offset)
    }
}
