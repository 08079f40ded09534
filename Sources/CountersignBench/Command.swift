import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs programs with `posix_spawn` and `wait4`, output sent to files so that nothing blocks.
enum Command {
    /// The environment every run gets: the caller's, without the user's git configuration.
    static let baseEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LC_ALL"] = "C"
        return environment
    }()

    private static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("countersign-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs `arguments` (the first found on `PATH`) in `folder`; stdin from `input`. After `timeout`
    /// seconds the process and its descendants are killed and the status is 137.
    static func run(_ arguments: [String], in folder: URL? = nil, environment extra: [String: String] = [:],
                    input: URL? = nil, keepOutput: Bool = true, timeout: Double? = nil) throws -> ProcessResult {
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input?.path ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, keepOutput ? out.path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let environment = baseEnvironment.merging(extra) { $1 }.map { "\($0.key)=\($0.value)" }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts in `folder`: the benchmark runs one process at a time, so changing the
        // parent's folder around the spawn is safe (glibc's addchdir action is not visible to Swift).
        let manager = FileManager.default
        let home = manager.currentDirectoryPath
        if let folder { _ = manager.changeCurrentDirectoryPath(folder.path) }
        defer { _ = manager.changeCurrentDirectoryPath(home) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let code = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard code == 0 else { throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(code)))") }
        let group = pid
        let killer = DispatchWorkItem { kill(-group, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        killer.cancel()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return ProcessResult(status: exit, seconds: seconds, peakKB: usage.ru_maxrss,
                             output: keepOutput ? text(out) : "", errors: text(err))
    }

    /// Runs a command that must succeed; returns its standard output.
    @discardableResult
    static func capture(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> String {
        let result = try run(arguments, in: folder, environment: environment)
        guard result.status == 0 else {
            throw BenchError("\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.errors)\(result.output.suffix(2000))")
        }
        return result.output
    }
}
