import Foundation

/// The files of a folder on disk (a checkout's working tree); `.git` is never listed.
public struct WorkingTreeSource: FileSource {
    public let root: URL
    public var label: String { "the working tree" }

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public func entries(under prefix: String) throws -> [SourceEntry] {
        var result: [SourceEntry] = []
        let start = prefix.isEmpty ? root : root.appendingPathComponent(prefix)
        try collect(start, relative: prefix, into: &result)
        return result.sorted { $0.path < $1.path }
    }

    private func collect(_ url: URL, relative: String, into result: inout [SourceEntry]) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            result.append(SourceEntry(path: relative, kind: .symlink))
        } else if type == S_IFDIR {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path), !relative.isEmpty {
                result.append(SourceEntry(path: relative, kind: .submodule))
                return
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name != ".git" {
                try collect(url.appendingPathComponent(name), relative: relative.isEmpty ? name : "\(relative)/\(name)", into: &result)
            }
        } else if type == S_IFREG {
            let executable = info.st_mode & S_IXUSR != 0
            result.append(SourceEntry(path: relative, kind: executable ? .executable : .file))
        }
    }

    public func contents(of path: String) throws -> Data? {
        let url = root.appendingPathComponent(path)
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError("cannot read the file: \(error.localizedDescription)", path: path)
        }
    }

    public func size(of path: String) throws -> Int? {
        var info = stat()
        guard lstat(root.appendingPathComponent(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
