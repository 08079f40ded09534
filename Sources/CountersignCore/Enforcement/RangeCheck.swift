import Foundation
import GitKit

/// `check <base>..<head>`: the pre-receive rules over a pull request's range, for platforms
/// without server hooks. The base's anchored sign-offs are taken as accepted; the range is judged.
public struct RangeCheck {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    public func run(_ range: String, now: Date = Date()) throws -> LedgerReport {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !range.contains("...") else {
            throw InputError("\(range) is not a range; write <base>..<head>, e.g. origin/main..HEAD")
        }
        let repository = workspace.repository
        func resolve(_ revision: String) throws -> ObjectID {
            do {
                return try repository.resolveCommit(revision)
            } catch let error as GitError {
                throw InputError("cannot resolve \(revision): \(error.message); fetch it (in CI: fetch the full history, `fetch-depth: 0`)")
            }
        }
        let base = try resolve(parts[0])
        let head = try resolve(parts[1])
        let context = LedgerContext(repository: repository, now: now)
        let branch = try context.policyInForce(at: base)?.protectedBranches.first ?? "main"
        return try Ledger(context: context, branch: branch).extend(from: base, to: head)
    }
}
