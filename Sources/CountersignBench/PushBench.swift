import Foundation
import GitKit

/// The server's cost: a push of 10 new commits and one sign-off (a signed tag and its anchor, the
/// last of the 10) to a copy of the generated repository, with the pre-receive hook installed and
/// without it. Each run pushes to a fresh hard-linked copy of the server, so every push is the first.
struct PushBench {
    let generator: Generator
    let countersign: String
    let limit: Double

    private var folder: URL { generator.folder.appendingPathComponent("push") }
    private var hooked: URL { folder.appendingPathComponent("server-hooked.git") }
    private var client: URL { folder.appendingPathComponent("client.git") }

    /// Pushes `runs` times to each server, alternating; returns (without hook, with hook), and the
    /// hook's own peak memory from one more push through `/usr/bin/time` (nil when it is missing).
    func run(runs: Int) throws -> (plain: Sample, hooked: Sample, hookPeakKB: Int?) {
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try Command.capture(["cp", "-al", generator.repository.path, hooked.path])
        try manager.removeItem(at: hooked.appendingPathComponent("hooks"))
        try Command.capture([countersign, "hooks", "install", "--server", hooked.path])
        let refspecs = try makePayload()

        var plain = Sample(), withHook = Sample()
        for index in 0..<runs {
            for (server, isHooked) in [(generator.repository, false), (hooked, true)] {
                let copy = folder.appendingPathComponent("run-\(index)-\(isHooked ? "hooked" : "plain").git")
                try Command.capture(["cp", "-al", server.path, copy.path])
                let result = try Command.run(["git", "push", "-q", copy.path] + refspecs, in: client, timeout: limit)
                if isHooked { withHook.add(result, limit: limit) } else { plain.add(result, limit: limit) }
                try manager.removeItem(at: copy)
            }
        }
        return (plain, withHook, try hookPeak(refspecs))
    }

    /// One untimed push whose hook runs countersign under `/usr/bin/time -f %M`.
    private func hookPeak(_ refspecs: [String]) throws -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let wrapper = folder.appendingPathComponent("measure-hook")
        let output = folder.appendingPathComponent("hook-peak-kb")
        try Data("#!/bin/sh\nexec /usr/bin/time -f %M -o '\(output.path)' '\(countersign)' \"$@\"\n".utf8).write(to: wrapper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let copy = folder.appendingPathComponent("run-memory.git")
        try Command.capture(["cp", "-al", hooked.path, copy.path])
        defer { try? FileManager.default.removeItem(at: copy) }
        // The installed hook runs the binary it was installed with; this copy's hook (unlinked
        // first: `cp -al` shares the file with the timed server) runs it through the wrapper.
        let hook = copy.appendingPathComponent("hooks/pre-receive")
        try FileManager.default.removeItem(at: hook)
        try Data("#!/bin/sh\nexec '\(wrapper.path)' hook pre-receive\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        _ = try Command.run(["git", "push", "-q", copy.path] + refspecs, in: client, timeout: limit)
        return (try? String(contentsOf: output, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Writes the pushed objects into a client that borrows the server's objects (alternates):
    /// review `push-probe` described by alice in 9 commits, her signed description tag on the 9th
    /// and its anchor as the 10th, dated now so that the hook's clock check passes.
    private func makePayload() throws -> [String] {
        try Command.capture(["git", "init", "-q", "--bare", client.path])
        try Data((generator.repository.appendingPathComponent("objects").path + "\n").utf8)
            .write(to: client.appendingPathComponent("objects/info/alternates"))
        let repository = try Repository(path: client.path)
        let server = try Repository(path: generator.repository.path)
        guard let tip = try server.reference(named: "refs/heads/main") else { throw BenchError("the generated repository has no main") }
        let tree = try server.commit(tip).treeID
        let team = try Team(contentsOf: generator.keysFile)
        let builder = HistoryBuilder(team: team, sink: RepositorySink(repository: repository),
                                     clock: Int(Date().timeIntervalSince1970) - 100, head: tip,
                                     tree: (tree, try server.entries(ofTree: tree)), load: { try server.entries(ofTree: $0) })
        builder.tick = 10
        let files = ReviewFiles(id: "push-probe", security: "bob", authority: "frank", personalData: true, decision: "cleared")
        try builder.commit(as: "alice", files: files.system, message: "Describe push-probe")
        for revision in 1...8 {
            try builder.commit(as: "alice", files: files.architecture(revision: revision), message: "Revise the architecture of push-probe")
        }
        let signOff = try builder.signOff(review: "push-probe", step: "description", round: 1, member: "alice", requires: [])
        guard builder.commitCount == 10, let head = builder.head else { throw BenchError("the push has \(builder.commitCount) commits, not 10") }
        try repository.setReference(name: "refs/heads/main", target: head)
        try repository.setReference(name: "refs/tags/\(signOff.name)", target: signOff.id)
        return ["refs/heads/main:refs/heads/main", "refs/tags/\(signOff.name):refs/tags/\(signOff.name)"]
    }
}
