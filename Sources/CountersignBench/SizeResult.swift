/// Everything measured at one size.
struct SizeResult {
    var commits: Int
    var manifest: Manifest
    var runs: Int
    var verify = Sample()
    var gitChecks = Sample()
    var status = Sample()
    var log = Sample()
    /// `audit --all`: every review's record and the index.
    var audit = Sample()
    var pushPlain = Sample()
    var pushHooked = Sample()
    /// The pre-receive hook's own peak memory (`countersign hook pre-receive`).
    var hookPeakKB: Int?
    var notes: [String] = []
}
