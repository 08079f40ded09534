import Foundation

/// Several runs of one command: the median wall time, the highest peak memory, and whether a run
/// failed or hit the time limit (then no further runs are made).
struct Sample {
    var seconds: [Double] = []
    var peakKB = 0
    var timedOut = false
    /// The first failure's exit status and output, when a run failed.
    var failure: String?
    /// The last run's output, for checks of what it printed.
    var lastOutput = ""

    var median: Double? {
        guard !seconds.isEmpty, !timedOut else { return nil }
        let sorted = seconds.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var runs: Int { seconds.count }

    /// Adds one run; `expected` lists the exit statuses that count as success.
    mutating func add(_ result: ProcessResult, limit: Double, expected: Set<Int32> = [0]) {
        if result.status == 137 && result.seconds >= limit * 0.99 {
            timedOut = true
            seconds.append(result.seconds)
            peakKB = max(peakKB, result.peakKB)  // a lower bound: the peak until it was stopped
            return
        }
        seconds.append(result.seconds)
        peakKB = max(peakKB, result.peakKB)
        lastOutput = result.output
        if !expected.contains(result.status), failure == nil {
            failure = "exit \(result.status): \(String((result.errors + result.output).prefix(600)))"
        }
    }

    /// Runs `body` up to `count` times, stopping early after a timeout.
    static func measure(_ count: Int, limit: Double, expected: Set<Int32> = [0], _ body: () throws -> ProcessResult) rethrows -> Sample {
        var sample = Sample()
        for _ in 0..<count where !sample.timedOut {
            sample.add(try body(), limit: limit, expected: expected)
        }
        return sample
    }
}
