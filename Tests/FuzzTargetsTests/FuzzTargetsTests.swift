import Foundation
import FuzzTargets
import Testing

/// `make test`'s share of the fuzzing: each target on its seed corpus of real objects and a few
/// thousand mutations of it, with no crash, no input slower than a second and bounded memory
/// (`make fuzz` runs the same targets under libFuzzer for much longer).
@Suite("fuzz targets: seeds and a short mutation run")
struct FuzzTargetsTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fuzz/seeds")

    @Test("a short run finds nothing", arguments: FuzzTarget.allCases)
    func shortRun(_ target: FuzzTarget) {
        let seeds = Seeds.load(Self.seeds.appendingPathComponent(target.rawValue))
        #expect(!seeds.isEmpty, "no seeds for \(target.rawValue)")
        var fuzzer = MutationFuzzer(target: target, seeds: seeds)
        let summary = fuzzer.run(iterations: 4_000, seconds: 4)
        print("fuzz \(target.rawValue): \(summary.iterations) inputs, slowest \(String(format: "%.3f", summary.slowest)) s, peak \(summary.peakMemoryMB) MB")
        #expect(summary.iterations >= seeds.count)
        #expect(summary.findings.isEmpty, "\(summary.findings)")
    }
}
