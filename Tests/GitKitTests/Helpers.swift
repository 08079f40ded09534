import Foundation
@testable import GitKit
import Testing
import TestSupport

/// Parses an id the git command line printed; fails the test when it is not 40 hex digits.
func id(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ObjectID {
    try #require(ObjectID(hex), sourceLocation: sourceLocation)
}

extension TestRepository {
    /// Opens this repository with GitKit.
    func open() throws -> Repository { try Repository(path: path) }

    /// A fixed author and committer date, so ids and dates are predictable.
    func setDate(_ epoch: Int, offset: String = "+0000") {
        environment["GIT_AUTHOR_DATE"] = "@\(epoch) \(offset)"
        environment["GIT_COMMITTER_DATE"] = "@\(epoch) \(offset)"
    }
}

/// Both paths after resolving symlinks (the temporary folder may be behind one).
func samePath(_ a: URL, _ b: URL) -> Bool {
    a.resolvingSymlinksInPath().standardizedFileURL.path == b.resolvingSymlinksInPath().standardizedFileURL.path
}
