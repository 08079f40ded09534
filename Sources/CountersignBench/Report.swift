import Foundation

/// The results as a markdown table (one column per size) followed by the targets and notes.
struct Report {
    let results: [SizeResult]
    let machine: Machine
    let loads: (before: String, after: String)
    let date: Date
    let seconds: Double

    var markdown: String {
        var lines = ["# Countersign benchmark", ""]
        lines.append("Measured \(ISO8601DateFormatter().string(from: date)) on \(machine.description); load average \(loads.before) before, \(loads.after) after; the whole run took \(Self.duration(seconds)).")
        lines.append("")
        lines.append("| measurement | " + results.map { "\($0.commits.formatted()) commits" }.joined(separator: " | ") + " |")
        lines.append("|---|" + results.map { _ in "---:|" }.joined())
        func row(_ name: String, _ value: (SizeResult) -> String) {
            lines.append("| \(name) | " + results.map(value).joined(separator: " | ") + " |")
        }
        row("reviews / sign-offs") { "\($0.manifest.reviews) / \($0.manifest.signOffs)" }
        row("generation: signing and writing the pack") { Self.duration($0.manifest.seconds) }
        row("generation: `git repack -adf`") { Self.duration($0.manifest.repackSeconds) }
        row("repository size (pack)") { String(format: "%.1f MB", Double($0.manifest.packBytes) / 1e6) }
        row("runs per median (pushes)") { "\($0.runs) (\($0.pushPlain.runs))" }
        row("`countersign verify`") { Self.cell($0.verify) }
        row("git: `log --format=%G?` + `verify-tag`") { Self.cell($0.gitChecks) }
        row("**git / countersign verify**") { Self.speedup($0).map(Self.describe) ?? "n/a" }
        row("`countersign status`") { Self.cell($0.status) }
        row("`countersign log`") { Self.cell($0.log) }
        row("`countersign audit --all`") { Self.cell($0.audit) }
        row("push, no hook") { Self.cell($0.pushPlain) }
        row("push, pre-receive hook") { Self.cell($0.pushHooked) }
        row("`countersign hook pre-receive` peak memory") { $0.hookPeakKB.map { "\($0 / 1024) MB" } ?? "n/a" }
        row("**hook overhead**") { Self.overhead($0).map { String(format: "%.0f ms", $0 * 1000) } ?? "n/a" }
        lines += ["", "Times are medians of wall-clock seconds; memory (after ·) is the highest peak resident size of any run",
                  "(`ru_maxrss` from `wait4`, the process and its descendants, as `/usr/bin/time -f %M`). A push's memory is",
                  "that of git and, with the hook, of `countersign hook pre-receive`.", ""]
        lines += targets + [""]
        let notes = results.flatMap { result in
            result.notes.map { "- \(result.commits.formatted()): \($0)" }
                + [result.verify, result.gitChecks, result.status, result.log, result.audit, result.pushPlain, result.pushHooked]
                .compactMap(\.failure).map { "- \(result.commits.formatted()): a run failed: \($0)" }
        }
        if !notes.isEmpty { lines += ["Notes:", ""] + notes + [""] }
        return lines.joined(separator: "\n")
    }

    private var targets: [String] {
        var lines = ["| target | measured | met |", "|---|---|---|"]
        func add(_ name: String, _ measured: String, _ met: Bool?) {
            lines.append("| \(name) | \(measured) | \(met.map { $0 ? "yes" : "**no**" } ?? "n/a") |")
        }
        let speedups = results.map { ($0.commits, Self.speedup($0)) }
        add("git / countersign verify ≥ 30×", speedups.map { "\($0.0.formatted()): \($0.1.map(Self.describe) ?? "n/a")" }.joined(separator: ", "),
            // A lower bound under 30× proves nothing either way: git was only stopped early.
            Self.verdict(speedups.map { $0.1.flatMap { $0.ratio >= 30 ? true : ($0.isLowerBound ? nil : false) } }))
        let overheads = results.map { ($0.commits, Self.overhead($0)) }
        add("hook overhead < 150 ms", overheads.map { "\($0.0.formatted()): \($0.1.map { String(format: "%.0f ms", $0 * 1000) } ?? "n/a")" }.joined(separator: ", "),
            Self.verdict(overheads.map { $0.1.map { $0 < 0.150 } }))
        if let first = overheads.first, let last = overheads.last, results.count > 1, let small = first.1, let large = last.1 {
            add("hook overhead at \(last.0.formatted()) ≤ 1.5 × at \(first.0.formatted())", String(format: "%.2f×", large / small), large <= 1.5 * small)
        }
        let audits = results.map { result in (result.commits, result.audit.median.flatMap { audit in result.status.median.map { audit / $0 } }) }
        add("audit --all ≤ 1.5 × status", audits.map { "\($0.0.formatted()): \($0.1.map { String(format: "%.2f×", $0) } ?? "n/a")" }.joined(separator: ", "),
            Self.verdict(audits.map { $0.1.map { $0 <= 1.5 } }))
        if let largest = results.last {
            let samples = [("verify", largest.verify), ("status", largest.status), ("log", largest.log), ("audit", largest.audit)].filter { $0.1.runs > 0 }
            var peaks = samples.map { "\($0.0) \($0.1.timedOut ? "≥ " : "")\($0.1.peakKB / 1024) MB" }
            peaks.append("hook \(largest.hookPeakKB.map { "\($0 / 1024) MB" } ?? "n/a")")
            let complete = samples.count == 4 && samples.allSatisfy { !$0.1.timedOut } && largest.hookPeakKB != nil
            let within = samples.allSatisfy { $0.1.peakKB < 200 * 1024 } && (largest.hookPeakKB ?? 0) < 200 * 1024
            add("peak memory < 200 MB at \(largest.commits.formatted())", peaks.joined(separator: ", "), complete ? within : (within ? nil : false))
        }
        return lines
    }

    /// No when any measured size misses, yes when every size was measured and meets it.
    static func verdict(_ checks: [Bool?]) -> Bool? {
        if checks.contains(false) { return false }
        return checks.allSatisfy { $0 == true } ? true : nil
    }

    static func overhead(_ result: SizeResult) -> Double? {
        guard let hooked = result.pushHooked.median, let plain = result.pushPlain.median,
              result.pushHooked.failure == nil else { return nil }
        return hooked - plain
    }

    static func cell(_ sample: Sample) -> String {
        if sample.timedOut { return "> \(duration(sample.seconds.last ?? 0)) (stopped) · ≥ \(sample.peakKB / 1024) MB" }
        guard let median = sample.median else { return "n/a" }
        return "\(duration(median)) · \(sample.peakKB / 1024) MB" + (sample.failure == nil ? "" : " (failed)")
    }

    /// git's time over countersign's verify; a lower bound when git was stopped at the time limit
    /// (countersign's verify finished, so the ratio is at least the limit over its time).
    static func speedup(_ result: SizeResult) -> (ratio: Double, isLowerBound: Bool)? {
        guard let verify = result.verify.median else { return nil }
        if result.gitChecks.timedOut, let stopped = result.gitChecks.seconds.last { return (stopped / verify, true) }
        return result.gitChecks.median.map { ($0 / verify, false) }
    }

    static func describe(_ speedup: (ratio: Double, isLowerBound: Bool)) -> String {
        (speedup.isLowerBound ? "≥ " : "") + String(format: "%.1f×", speedup.ratio)
    }

    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return String(format: "%.0f ms", seconds * 1000) }
        if seconds < 100 { return String(format: "%.2f s", seconds) }
        return String(format: "%.0f s", seconds)
    }
}
