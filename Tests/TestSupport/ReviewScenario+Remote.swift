import Foundation

/// A bare repository standing for the server, and pushes and clones over the local transport.
extension ReviewScenario {
    /// A new, empty bare repository (HEAD on `main`), isolated from the global git configuration.
    public static func makeBareRemote() throws -> TestRepository {
        let remote = try TestRepository(bare: true)
        isolate(remote)
        return remote
    }

    /// Pushes `refspecs` to `remote` (by path) as `person` (the identity hooks see; none by default);
    /// returns the result whatever the exit status, so a refusing hook can be inspected.
    public func push(
        to remote: TestRepository, refspecs: [String] = ["refs/heads/main", "refs/tags/*:refs/tags/*"],
        as person: Person? = nil, environment: [String: String] = [:]
    ) throws -> RunResult {
        let identity = person?.gitEnvironment ?? [:]
        return try repository.tryGit(["push", remote.path] + refspecs, environment: identity.merging(environment) { $1 })
    }

    /// A working clone of `remote` (all its branches and tags), on its `main`, as a scenario to build on.
    public static func clone(from remote: TestRepository) throws -> ReviewScenario {
        let clone = try TestRepository()
        isolate(clone)
        try FileManager.default.removeItem(at: clone.url.appendingPathComponent(".git"))
        try clone.git(["clone", "-q", remote.path, "."])
        try clone.git(["config", "commit.gpgsign", "false"])
        try clone.git(["config", "tag.gpgsign", "false"])
        return try ReviewScenario(existing: clone)
    }
}
