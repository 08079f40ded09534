import Foundation

/// A plain mutation fuzzer, for `make test` and for machines where libFuzzer does not link: it
/// mutates the seeds at random (bit flips, bytes inserted, ranges deleted or repeated, splices of
/// two seeds, YAML and armor tokens) and feeds each input to the target, timing it. A crash ends
/// the process (the input is in `crashFile`); a slow input or memory past the limit is a finding.
public struct MutationFuzzer {
    public struct Finding: Sendable, CustomStringConvertible {
        public let problem: String
        public let input: Data
        public var description: String { "\(problem) (\(input.count) bytes)" }
    }

    public struct Summary: Sendable {
        public var iterations = 0
        public var findings: [Finding] = []
        public var slowest: Double = 0
        public var peakMemoryMB = 0
    }

    let target: FuzzTarget
    let seeds: [Data]
    private var state: UInt64

    /// Tokens that reach the parsers' corners: YAML indicators, armor lines, trailers.
    static let tokens: [String] = [
        "&a ", "*a", "<<: ", "? ", "- ", ": ", "[", "]", "{", "}", ",", "'", "\"", "|\n", ">-\n", "---\n", "...\n", "!!binary ", "#",
        "yes", "~", "0x1F", "1e9", "\t", "\r\n", "\u{0}", "\u{FEFF}", "-----BEGIN SSH SIGNATURE-----\n", "-----END SSH SIGNATURE-----\n",
        "-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n", "=AAAA\n", "Requires: ", "Round: ", "Decision: ", "\ntagger ",
    ]

    public init(target: FuzzTarget, seeds: [Data], seed: UInt64 = 0x5EED) {
        self.target = target
        self.seeds = seeds.isEmpty ? [Data()] : seeds
        state = seed
    }

    /// Runs up to `iterations` inputs or `seconds`, whichever ends first.
    public mutating func run(iterations: Int, seconds: Double, hangSeconds: Double = 1, memoryLimitMB: Int = 2048, crashFile: URL? = nil) -> Summary {
        var summary = Summary()
        let start = Date()
        let handle = crashFile.flatMap { url -> FileHandle? in
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            return try? FileHandle(forWritingTo: url)
        }
        for index in 0..<iterations {
            let input = index < seeds.count ? seeds[index] : mutate()
            if let handle {
                try? handle.truncate(atOffset: 0)
                try? handle.write(contentsOf: input)
            }
            let began = DispatchTime.now().uptimeNanoseconds
            target.run(input)
            let took = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
            summary.iterations += 1
            summary.slowest = max(summary.slowest, took)
            if took > hangSeconds {
                summary.findings.append(Finding(problem: "\(target.rawValue): one input took \(String(format: "%.2f", took)) s", input: input))
            }
            if index % 1024 == 0 {
                summary.peakMemoryMB = Self.peakMemoryMB()
                if summary.peakMemoryMB > memoryLimitMB {
                    summary.findings.append(Finding(problem: "\(target.rawValue): memory reached \(summary.peakMemoryMB) MB", input: input))
                    break
                }
                if Date().timeIntervalSince(start) > seconds { break }
            }
        }
        summary.peakMemoryMB = Self.peakMemoryMB()
        try? handle?.close()
        if let crashFile { try? FileManager.default.removeItem(at: crashFile) }
        return summary
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    private mutating func mutate() -> Data {
        var bytes = [UInt8](seeds[below(seeds.count)])
        for _ in 0...below(8) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
            case 1 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2: bytes.insert(contentsOf: (0..<(1 + below(8))).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
            case 3 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(64)))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + below(256))
                let chunk = Array(bytes[min(at, bytes.count - 1)..<end])
                for _ in 0...below(4) { bytes.insert(contentsOf: chunk, at: min(at, bytes.count)) }
            case 5:
                let other = [UInt8](seeds[below(seeds.count)])
                let cut = below(other.count + 1)
                bytes = Array(bytes.prefix(at)) + Array(other.suffix(from: cut))
            default: bytes.insert(contentsOf: Array(Self.tokens[below(Self.tokens.count)].utf8), at: at)
            }
        }
        return Data(bytes.prefix(1 << 20))
    }

    static func peakMemoryMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }
}
