import Foundation

/// The built `countersign` executable, beside the test bundle in the build folder
/// (or at `COUNTERSIGN_BIN` when set).
public enum Binary {
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["COUNTERSIGN_BIN"] { return override }
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("countersign")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            folder.deleteLastPathComponent()
        }
        fatalError("the countersign binary is not built next to the tests; run `swift build` first or set COUNTERSIGN_BIN")
    }

    /// Runs `countersign arguments` in `directory` with `environment` added.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], input: Data? = nil) throws -> RunResult {
        try Run.program([path] + arguments, in: directory, environment: environment, input: input)
    }

    /// Like `run`, but throws `RunFailure` unless the binary exits 0.
    @discardableResult
    public static func checked(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> RunResult {
        let result = try run(arguments, in: directory, environment: environment)
        guard result.succeeded else { throw RunFailure(command: ["countersign"] + arguments, result: result) }
        return result
    }
}
