import CLibgit2
import Foundation

/// Who made a commit or tag and when, as recorded in its `author`, `committer` or `tagger` line.
public struct Signature: Hashable, Sendable {
    public let name: String
    public let email: String
    /// The instant, independent of the recorded time zone.
    public let date: Date
    /// The recorded time zone offset from UTC in minutes (e.g. +0200 is 120).
    public let offsetMinutes: Int

    public init(name: String, email: String, date: Date, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.date = date
        self.offsetMinutes = offsetMinutes
    }

    /// Copies a libgit2 signature.
    init(_ pointer: UnsafePointer<git_signature>) {
        let signature = pointer.pointee
        name = String(optionalCString: signature.name)
        email = String(optionalCString: signature.email)
        date = Date(timeIntervalSince1970: TimeInterval(signature.when.time))
        offsetMinutes = Int(signature.when.offset)
    }
}
