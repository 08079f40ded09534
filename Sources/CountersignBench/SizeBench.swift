import Foundation

/// Generates one size and measures it: `countersign verify` against git's own signature checks over
/// the same objects, `status`, `log` and `audit --all`, and a push with and without the pre-receive hook.
struct SizeBench {
    static let allParts: Set<String> = ["verify", "git", "status", "log", "audit", "push"]

    let commits: Int
    let work: URL
    let countersign: String
    let runs: Int
    let limit: Double
    /// Which measurements to make: verify, git, status, log, audit, push.
    var parts: Set<String> = SizeBench.allParts
    let progress: (String) -> Void

    func run() throws -> SizeResult {
        let generator = Generator(commits: commits, folder: work.appendingPathComponent("\(commits)"))
        progress("generating \(commits) commits")
        let manifest = try generator.run { progress($0) }
        var result = SizeResult(commits: commits, manifest: manifest, runs: runs)
        let repository = generator.repository

        if parts.contains("verify") {
            progress("countersign verify ×\(runs)")
            result.verify = try Sample.measure(runs, limit: limit) {
                try Command.run([countersign, "verify"], in: repository, timeout: limit)
            }
        }
        if let summary = result.verify.lastOutput.split(separator: "\n").last { result.notes.append("verify: \(summary)") }

        if parts.contains("git") {
            progress("git log --format=%G? and git verify-tag ×\(runs)")
            result.gitChecks = try Sample.measure(runs, limit: limit) {
                try Command.run(["sh", "-c", Self.gitChecks(allowedSigners: generator.allowedSigners.path)], in: repository, timeout: limit)
            }
        }
        if result.gitChecks.median != nil {
            let lines = result.gitChecks.lastOutput.split(separator: "\n")
            let good = lines.filter { $0 == "G" }.count
            let tags = lines.filter { $0.hasPrefix("Good \"git\" signature") }.count
            result.notes.append("git: \(good) of \(manifest.commits) commits G, \(tags) of \(manifest.signOffs) tags good")
        }

        for command in ["status", "log"] where parts.contains(command) {
            progress("countersign \(command) ×\(runs)")
            let sample = try Sample.measure(runs, limit: limit) {
                try Command.run([countersign, command], in: repository, keepOutput: false, timeout: limit)
            }
            if command == "status" { result.status = sample } else { result.log = sample }
        }

        if parts.contains("audit") {
            // Every review's HTML record and the index; a record that does not hold exits 1.
            let records = work.appendingPathComponent("\(commits)-records")
            progress("countersign audit --all ×\(runs)")
            result.audit = try Sample.measure(runs, limit: limit, expected: [0, 1]) {
                try Command.run([countersign, "audit", "--all", "-o", records.path], in: repository, keepOutput: false, timeout: limit)
            }
        }

        if parts.contains("push") {
            let pushes = 4 * runs + 1
            progress("push with and without the pre-receive hook ×\(pushes)")
            (result.pushPlain, result.pushHooked, result.hookPeakKB) = try PushBench(generator: generator, countersign: countersign, limit: limit).run(runs: pushes)
        }
        return result
    }

    /// git's checks of the same signatures: every commit of main (`%G?`, which runs ssh-keygen to
    /// find the principal and to verify) and every sign-off tag (`git verify-tag`, batched by xargs).
    static func gitChecks(allowedSigners: String) -> String {
        let config = "-c gpg.ssh.allowedSignersFile='\(allowedSigners)'"
        return "git \(config) log --format=%G? main && git for-each-ref --format='%(refname)' refs/tags/signoff/ "
            + "| xargs git \(config) verify-tag 2>&1"
    }
}
