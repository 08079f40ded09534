import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `git daemon` on 127.0.0.1 serving the repositories under a folder, with pushes enabled, so
/// tests can push over the `git://` protocol as a real server sees it. Stopped by `stop()` or when
/// released.
public final class GitDaemon: @unchecked Sendable {
    /// The folder whose repositories are served: `git://127.0.0.1:<port>/<name>` is `<base>/<name>`.
    public let base: TempDirectory
    public let port: UInt16
    private let process: Process
    private let log: URL
    private let lock = NSLock()
    private var stopped = false

    /// Starts the daemon on a free port and waits (at most `timeout` seconds) until it accepts connections.
    public init(timeout: TimeInterval = 10) throws {
        base = try TempDirectory(prefix: "daemon")
        let log = base.url.deletingLastPathComponent().appendingPathComponent("\(base.url.lastPathComponent).log")
        self.log = log
        var lastError: Error = DaemonError("git daemon did not start")
        // Another program may take the port between choosing it and the daemon's bind: try a few.
        for _ in 0..<3 {
            let port = try Self.freePort()
            let process = Process()
            // git-daemon itself, not the `git` wrapper, so that the signal that stops it reaches it.
            process.executableURL = URL(fileURLWithPath: try Self.executable())
            process.arguments = ["--reuseaddr", "--base-path=\(base.path)", "--export-all",
                                 "--enable=receive-pack", "--informative-errors", "--port=\(port)", "--listen=127.0.0.1"]
            var environment = ProcessInfo.processInfo.environment
            for key in environment.keys where key.hasPrefix("GIT_") { environment.removeValue(forKey: key) }
            environment["GIT_CONFIG_NOSYSTEM"] = "1"
            environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
            environment["LC_ALL"] = "C"
            process.environment = environment
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try? handle.close()
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline, !Self.accepts(port) {
                usleep(20_000)
            }
            if process.isRunning, Self.accepts(port) {
                self.port = port
                self.process = process
                return
            }
            Self.end(process)
            lastError = DaemonError("git daemon on port \(port) did not accept connections within \(Int(timeout)) s: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        throw lastError
    }

    /// The daemon's standard error so far (its error messages).
    public var logText: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// Serves `repository` (a bare repository elsewhere) as `name` by linking it into the base folder;
    /// returns its `git://` URL.
    public func serve(_ repository: URL, as name: String) throws -> String {
        try FileManager.default.createSymbolicLink(at: base.child(name), withDestinationURL: repository)
        return url(name)
    }

    /// Whether the daemon accepts connections now.
    public var isAccepting: Bool { Self.accepts(port) }

    /// `git://127.0.0.1:<port>/<name>`.
    public func url(_ name: String) -> String { "git://127.0.0.1:\(port)/\(name)" }

    /// Ends the daemon and waits for it.
    public func stop() {
        let running = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard running else { return }
        Self.end(process)
        try? FileManager.default.removeItem(at: log)
    }

    /// SIGKILL, then waits (at most 5 s) until it is reaped. A child of a test process may inherit
    /// a signal mask that blocks SIGTERM, so `terminate()` alone could leave it running.
    private static func end(_ process: Process) {
        guard process.isRunning else { return }
        _ = kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(10_000) }
    }

    private static let execPath = Result { try Run.checked(["git", "--exec-path"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `git-daemon` in git's exec path.
    static func executable() throws -> String {
        let path = (try execPath.get()) + "/git-daemon"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw DaemonError("\(path) is not installed") }
        return path
    }

    deinit { stop() }

    /// A port on 127.0.0.1 that was free a moment ago: the kernel's pick for a bind to port 0.
    static func freePort() throws -> UInt16 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw DaemonError("socket() failed: errno \(errno)") }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw DaemonError("bind() to 127.0.0.1:0 failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw DaemonError("getsockname() failed: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(_ port: UInt16) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// The daemon could not be started.
public struct DaemonError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
