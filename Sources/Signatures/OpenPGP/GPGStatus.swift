import Foundation

/// The machine-readable lines gpg writes with `--status-fd` (`[GNUPG:] KEYWORD args`), as GnuPG's
/// doc/DETAILS defines them; only these decide a verdict, never the human-readable output.
struct GPGStatus {
    private let lines: [[String]]

    init(_ output: String) {
        let prefix = "[GNUPG:] "
        lines = output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return line.dropFirst(prefix.count).split(separator: " ").map(String.init)
        }
    }

    /// The arguments of the first line with `keyword`.
    func first(_ keyword: String) -> [String]? {
        lines.first { $0.first == keyword }.map { Array($0.dropFirst()) }
    }

    func count(_ keyword: String) -> Int { lines.filter { $0.first == keyword }.count }
}
