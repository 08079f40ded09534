import Foundation

/// The result of running one program to completion.
public struct RunResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public var succeeded: Bool { status == 0 }
}

/// A program that exited non-zero where the test expected success.
public struct RunFailure: Error, CustomStringConvertible {
    public let command: [String]
    public let result: RunResult
    public var description: String {
        "\(command.joined(separator: " ")) exited \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)"
    }
}

/// Runs real programs (git, ssh-keygen, gpg, the built binary) for tests.
public enum Run {
    /// A child that exits before reading all its input must not kill the test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `arguments[0]` found on PATH (or an absolute path) and waits for it.
    @discardableResult
    public static func program(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:],
        input: Data? = nil
    ) throws -> RunResult {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("GIT_") { env.removeValue(forKey: key) }
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["LC_ALL"] = "C"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdinPipe = Pipe()
        let outFile = try TempFile()
        let errFile = try TempFile()
        process.standardInput = stdinPipe
        process.standardOutput = outFile.handle
        process.standardError = errFile.handle
        try process.run()
        if let input { stdinPipe.fileHandleForWriting.write(input) }
        try stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: try outFile.contents(), stderr: try errFile.contents())
    }

    /// Like `program`, but throws `RunFailure` unless the program exits 0.
    @discardableResult
    public static func checked(
        _ arguments: [String],
        in directory: URL? = nil,
        environment: [String: String] = [:],
        input: Data? = nil
    ) throws -> RunResult {
        let result = try program(arguments, in: directory, environment: environment, input: input)
        guard result.succeeded else { throw RunFailure(command: arguments, result: result) }
        return result
    }
}

/// A scratch file for a child's output: files, unlike pipes, never fill up and block the child.
private final class TempFile {
    let url: URL
    let handle: FileHandle

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cs-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forUpdating: url)
    }

    func contents() throws -> String {
        try handle.seek(toOffset: 0)
        let data = try handle.readToEnd() ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
