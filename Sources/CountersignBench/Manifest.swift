/// What `generate` made, saved beside the repository as `manifest.json`.
struct Manifest: Codable {
    var commits: Int
    var reviews: Int
    var signOffs: Int
    var tip: String
    /// Writing the history (signing, hashing, the pack and its index).
    var seconds: Double
    /// `git repack -adf` afterwards: compressed, with git's own deltas, as on a server after `git gc`.
    var repackSeconds: Double
    var packBytes: Int
}
