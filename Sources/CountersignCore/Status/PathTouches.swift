import GitKit

/// Every path each first-parent commit changed, indexed by path, so that "which commit after the
/// clearance first touched a trigger's paths" costs a lookup rather than a walk per review.
struct PathTouches {
    /// (path, position in history), sorted by path and then position.
    private let touches: [(path: String, index: Int)]

    init(history: [ObjectID], context: LedgerContext) throws {
        var touches: [(path: String, index: Int)] = []
        for (index, id) in history.enumerated() {
            for delta in try context.firstParentDiff(context.commit(id)) {
                touches.append((delta.newPath, index))
                if delta.oldPath != delta.newPath { touches.append((delta.oldPath, index)) }
            }
        }
        self.touches = touches.sorted { ($0.path, $0.index) < ($1.path, $1.index) }
    }

    /// The first commit after position `start` that changed a path `glob` matches, and that path.
    func first(matching glob: Glob, after start: Int) -> (index: Int, path: String)? {
        let prefix = glob.literalPrefix
        var low = 0, high = touches.count
        while low < high {
            let middle = (low + high) / 2
            if touches[middle].path < prefix { low = middle + 1 } else { high = middle }
        }
        var best: (index: Int, path: String)?
        for touch in touches[low...] {
            guard touch.path.hasPrefix(prefix) else { break }
            if touch.index > start, touch.index < (best?.index ?? .max), glob.matches(touch.path) {
                best = (touch.index, touch.path)
            }
        }
        return best
    }
}
