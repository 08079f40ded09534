import Foundation
import FuzzTargets

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target libFuzzer drives, named by `COUNTERSIGN_FUZZ_TARGET`.
nonisolated(unsafe) private var selected: FuzzTarget = .policy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    selected.run(data.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}
#endif

/// `make fuzz`: built with `-sanitize=fuzzer -DFUZZING`, libFuzzer drives the target named by
/// `COUNTERSIGN_FUZZ_TARGET` (its usual flags apply); built plainly, a mutation fuzzer:
/// `countersign-fuzz <target> <seed folder> [iterations] [seconds]`.
@main
struct CountersignFuzz {
    static func main() {
        #if FUZZING
        guard let name = ProcessInfo.processInfo.environment["COUNTERSIGN_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            fail("set COUNTERSIGN_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        selected = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[0]) else {
            fail("usage: countersign-fuzz <\(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|"))> <seed folder> [iterations] [seconds]")
        }
        let seeds = Seeds.load(URL(fileURLWithPath: arguments[1]))
        var fuzzer = MutationFuzzer(target: target, seeds: seeds)
        let crash = URL(fileURLWithPath: "crash-\(target.rawValue)")
        let summary = fuzzer.run(iterations: arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000,
                                 seconds: arguments.count > 3 ? Double(arguments[3]) ?? 600 : 600, crashFile: crash)
        print("\(target.rawValue): \(summary.iterations) inputs from \(seeds.count) seeds, slowest \(String(format: "%.3f", summary.slowest)) s, peak \(summary.peakMemoryMB) MB, \(summary.findings.count) finding(s)")
        for finding in summary.findings { print("  \(finding)") }
        exit(summary.findings.isEmpty ? 0 : 1)
        #endif
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("countersign-fuzz: \(message)\n".utf8))
        exit(2)
    }
}
