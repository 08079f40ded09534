import Foundation

/// Work to do when the test process ends, for resources shared by a whole run (keys and
/// repositories held in `static let`s are never released, so their folders would stay behind).
public enum AtExit {
    private final class Actions: @unchecked Sendable {
        let lock = NSLock()
        var list: [@Sendable () -> Void] = []
    }

    private static let actions: Actions = {
        atexit { AtExit.runAll() }
        return Actions()
    }()

    /// Runs `action` at exit, after those added later (last in, first out).
    public static func add(_ action: @escaping @Sendable () -> Void) {
        actions.lock.withLock { actions.list.append(action) }
    }

    /// Removes `url` at exit.
    public static func remove(_ url: URL) {
        add { try? FileManager.default.removeItem(at: url) }
    }

    private static func runAll() {
        let list = actions.lock.withLock { () -> [@Sendable () -> Void] in
            defer { actions.list.removeAll() }
            return actions.list
        }
        for action in list.reversed() { action() }
    }
}
