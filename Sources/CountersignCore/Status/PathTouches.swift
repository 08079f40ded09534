import GitKit

/// Every path each first-parent commit changed, indexed by path, so that "which commit after the
/// clearance first touched a trigger's paths" costs a lookup rather than a walk per review. The
/// ledger records it while it walks the history; each path is stored once, however often it changed.
public struct PathTouches: Sendable {
    private var paths: [String] = []
    private var pathNumbers: [String: Int32] = [:]
    /// (path number, position in history); sorted by path and then position once sealed.
    private var touches: [(path: Int32, index: Int32)] = []
    private var sealed = false

    public init() {}

    /// Records the paths `deltas` changed, at position `index` of the history.
    mutating func record(_ deltas: [DiffDelta], at index: Int) {
        assert(!sealed, "paths recorded after the index was sealed")
        for delta in deltas {
            add(delta.newPath, index)
            if delta.oldPath != delta.newPath { add(delta.oldPath, index) }
        }
    }

    private mutating func add(_ path: String, _ index: Int) {
        let number: Int32
        if let known = pathNumbers[path] {
            number = known
        } else {
            number = Int32(paths.count)
            pathNumbers[path] = number
            paths.append(path)
        }
        touches.append((number, Int32(index)))
    }

    /// Sorts the index so that lookups are a binary search; nothing is recorded afterwards.
    mutating func seal() {
        let order = paths.indices.sorted { paths[$0] < paths[$1] }
        var rank = [Int32](repeating: 0, count: paths.count)
        for (position, number) in order.enumerated() { rank[number] = Int32(position) }
        touches.sort { (rank[Int($0.path)], $0.index) < (rank[Int($1.path)], $1.index) }
        pathNumbers = [:]
        sealed = true
    }

    /// The first commit after position `start` that changed a path `glob` matches, and that path.
    func first(matching glob: Glob, after start: Int) -> (index: Int, path: String)? {
        let prefix = glob.literalPrefix
        var low = 0, high = sealed ? touches.count : 0
        while low < high {
            let middle = (low + high) / 2
            if paths[Int(touches[middle].path)] < prefix { low = middle + 1 } else { high = middle }
        }
        var best: (index: Int, path: String)?
        for touch in touches[low...] {
            let path = paths[Int(touch.path)]
            // Sorted, the paths with the prefix are one run; unsealed, every touch is looked at.
            guard path.hasPrefix(prefix) else { if sealed { break } else { continue } }
            if Int(touch.index) > start, Int(touch.index) < (best?.index ?? .max), glob.matches(path) {
                best = (Int(touch.index), path)
            }
        }
        return best
    }

    /// The positions in history of the commits that changed exactly `path`, in order (a scan:
    /// `audit` asks once, for the policy file).
    func positions(of path: String) -> [Int] {
        guard let number = paths.firstIndex(of: path).map(Int32.init) else { return [] }
        return touches.filter { $0.path == number }.map { Int($0.index) }.sorted()
    }
}
