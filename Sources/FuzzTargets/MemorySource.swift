import CountersignCore
import Foundation

/// Files held in memory, as a `FileSource`: what the review target parses without a repository.
struct MemorySource: FileSource {
    let files: [String: Data]

    func entries(under prefix: String) throws -> [SourceEntry] {
        files.keys.filter { prefix.isEmpty || $0.hasPrefix(prefix + "/") }.sorted().map { SourceEntry(path: $0, kind: .file) }
    }

    func contents(of path: String) throws -> Data? { files[path] }
    func size(of path: String) throws -> Int? { files[path]?.count }
    var label: String { "the fuzz input" }
}
