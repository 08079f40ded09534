import Foundation
import GitKit
import Signatures

/// Makes a synthetic review repository of a given number of commits on `main`: a bare repository
/// whose history is the example policy's reviews run side by side (three at a time), every commit
/// and tag signed in-process with the members' Ed25519 keys, written as one pack and then repacked
/// by git, so that git and countersign read what a server holds after `git gc`.
struct Generator {
    let commits: Int
    let folder: URL
    var seed: UInt64 = 1
    /// Reviews in progress at once.
    var parallel = 3

    var repository: URL { folder.appendingPathComponent("repo.git") }
    var keysFile: URL { folder.appendingPathComponent("team.keys") }
    var allowedSigners: URL { folder.appendingPathComponent("allowed_signers") }
    var manifestFile: URL { folder.appendingPathComponent("manifest.json") }

    func run(log: (String) -> Void) throws -> Manifest {
        let start = Date()
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let team = Team()
        try team.save(to: keysFile)
        try Data(team.allowedSigners.utf8).write(to: allowedSigners)
        try Command.capture(["git", "init", "-q", "--bare", "-b", "main", repository.path])

        let pack = try PackWriter(url: repository.appendingPathComponent("objects/pack/generated.pack"))
        let now = Int(Date().timeIntervalSince1970)
        let builder = HistoryBuilder(team: team, sink: pack, clock: now - 86_400 - commits * 600)
        try builder.commit(as: "frank", files: ["countersign.yaml": team.policyYAML], message: "Adopt the review policy")
        var random = SplitMix(seed: seed)
        var active: [ReviewPlan] = []
        var started = 0
        while builder.commitCount < commits {
            while active.count < parallel {
                active.append(ReviewPlan(index: started, random: &random))
                started += 1
            }
            let pick = random.next(in: 0...active.count - 1)
            try active[pick].step(builder)
            if active[pick].isDone { active.remove(at: pick) }
            if builder.commitCount % 10_000 == 0 { log("  \(builder.commitCount) commits") }
        }
        try pack.finish(indexIn: repository)
        try writeRefs(builder)
        let written = Date()
        log("  written in \(String(format: "%.1f", written.timeIntervalSince(start))) s; git repack -adf")
        try Command.capture(["git", "repack", "-adf", "-q"], in: repository)
        let packBytes = try manager.contentsOfDirectory(atPath: repository.appendingPathComponent("objects/pack").path)
            .filter { $0.hasSuffix(".pack") }
            .reduce(0) { $0 + ((try? manager.attributesOfItem(atPath: repository.appendingPathComponent("objects/pack/\($1)").path)[.size] as? Int) ?? 0) }
        let manifest = Manifest(commits: builder.commitCount, reviews: started, signOffs: builder.tags.count, tip: builder.head!.hex,
                                seconds: written.timeIntervalSince(start), repackSeconds: Date().timeIntervalSince(written), packBytes: packBytes)
        try JSONEncoder().encode(manifest).write(to: manifestFile)
        try check(builder, team: team)
        return manifest
    }

    /// `refs/heads/main` and every tag, in a `packed-refs` file as `git pack-refs` leaves it.
    private func writeRefs(_ builder: HistoryBuilder) throws {
        var lines = [(ref: "refs/heads/main", text: "\(builder.head!.hex) refs/heads/main\n")]
        for (record, target) in builder.tags {
            lines.append(("refs/tags/\(record.name)", "\(record.id.hex) refs/tags/\(record.name)\n^\(target.hex)\n"))
        }
        let text = "# pack-refs with: peeled fully-peeled sorted \n" + lines.sorted { $0.ref < $1.ref }.map(\.text).joined()
        try Data(text.utf8).write(to: repository.appendingPathComponent("packed-refs"))
    }

    /// The repository must read back as written, and its signatures must verify with git itself
    /// (a sample) and with the in-process verifier.
    private func check(_ builder: HistoryBuilder, team: Team) throws {
        let repo = try Repository(path: repository.path)
        guard try repo.reference(named: "refs/heads/main") == builder.head else { throw BenchError("refs/heads/main does not read back") }
        let count = try Command.capture(["git", "rev-list", "--count", "main"], in: repository)
        guard Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == commits else {
            throw BenchError("git counts \(count) commits on main, not \(commits)")
        }
        if let signed = try repo.commitSignature(builder.head!) {
            try SSHSignature(armored: signed.signature).verify(message: signed.signedData, namespace: "git")
        }
        let history = try repo.walk(from: [builder.head!])
        let commitSample = stride(from: 0, to: history.count, by: max(1, history.count / 20)).map { history[$0].hex }
        let tagSample = stride(from: 0, to: builder.tags.count, by: max(1, builder.tags.count / 20)).map { builder.tags[$0].record.name }
        let config = ["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners.path)"]
        try Command.capture(["git"] + config + ["verify-commit"] + commitSample, in: repository)
        try Command.capture(["git"] + config + ["verify-tag"] + tagSample, in: repository)
    }
}
