import Foundation

/// The machine the figures were measured on, and how busy it was.
struct Machine {
    let processors: Int
    let cpu: String
    let memoryGiB: Double
    let git: String

    init() {
        processors = ProcessInfo.processInfo.activeProcessorCount
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        cpu = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kilobytes = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } } ?? 0
        memoryGiB = kilobytes / 1_048_576
        git = (try? Command.capture(["git", "--version"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? "git (unknown version)"
    }

    /// The 1-minute load average: above the processor count, other work competed for the CPU.
    static var load: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    var description: String {
        "\(processors) processors (\(cpu)), \(String(format: "%.1f", memoryGiB)) GiB memory, \(git)"
    }
}
