import Foundation

/// The seed corpus of a target: every regular file in its folder (`fuzz/seeds/<target>/`).
public enum Seeds {
    public static func load(_ folder: URL) -> [Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        return names.compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }
    }
}
