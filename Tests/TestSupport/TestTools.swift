import Foundation

/// Tools some tests take from outside (pre-commit, check-jsonschema, Python with jsonschema),
/// which `scripts/ensure-test-deps` installs into `.build/test-tools/venv`. A test that cannot
/// find one is skipped with `missing(_:)` as its printed reason.
public enum TestTools {
    /// The package's root folder: this file is `Tests/TestSupport/TestTools.swift`.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let venvBin = packageRoot.appendingPathComponent(".build/test-tools/venv/bin")

    /// The tool's path: the test tools' own, else one on PATH; nil when there is none.
    public static func path(_ name: String) -> String? {
        let own = venvBin.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: own) { return own }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The Python that has the test tools' packages, when there is one.
    public static var python: String? { path("python3") }

    /// The Python of the test tools when it can import every one of `modules`, else nil.
    public static func python(importing modules: String...) -> String? {
        guard let python else { return nil }
        let probe = try? Run.program([python, "-c", "import " + modules.joined(separator: ", ")])
        return probe?.succeeded == true ? python : nil
    }

    /// A headless-capable Chromium on PATH (Debian's `chromium`), for the HTML record's tests.
    public static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { path($0) }.first

    /// Why a test that needs `name` was skipped.
    public static func missing(_ name: String) -> String {
        "\(name) is not installed; `make test` installs it with pip into .build/test-tools (scripts/ensure-test-deps)"
    }
}
