/// What one process did: its exit status, wall time and peak memory (its own or any descendant's,
/// as `wait4` reports `ru_maxrss`, the figure `/usr/bin/time -f %M` prints).
struct ProcessResult {
    var status: Int32
    var seconds: Double
    var peakKB: Int
    var output: String
    var errors: String
}
