import Foundation

extension Run {
    /// Whether `program` is on PATH, for tests that need a tool the project does not install.
    public static func isInstalled(_ program: String) -> Bool {
        (try? Run.program(["sh", "-c", "command -v \"$0\" >/dev/null", program]).succeeded) ?? false
    }
}
