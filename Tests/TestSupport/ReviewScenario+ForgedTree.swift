import Foundation

/// Commits git's own porcelain would never make: a tree with an entry git refuses (`..`, `.git`),
/// built with `git mktree` and committed with `git commit-tree`, as a forger would.
extension ReviewScenario {
    /// Commits `HEAD`'s tree with one more blob entry `name` (holding `text`) in the folder
    /// `folder` (which must exist), as `person`, signed; moves `HEAD` there without touching the
    /// work tree (it could not be checked out). Returns the commit id.
    @discardableResult
    public func commitForgedEntry(_ name: String, text: String, in folder: String, as person: Person, message: String) throws -> String {
        let blob = try repository.git(["hash-object", "-w", "--stdin"], input: Data(text.utf8))
        var tree = try repository.git(["mktree"], input: Data((try lsTree("HEAD:\(folder)") + ["100644 blob \(blob)\t\(name)"]).joined(separator: "\n").appending("\n").utf8))
        var path = folder.split(separator: "/").map(String.init)
        while let last = path.popLast() {
            let parent = path.isEmpty ? "HEAD^{tree}" : "HEAD:\(path.joined(separator: "/"))"
            let entries = try lsTree(parent).map { line -> String in
                line.hasSuffix("\t\(last)") ? "040000 tree \(tree)\t\(last)" : line
            }
            tree = try repository.git(["mktree"], input: Data(entries.joined(separator: "\n").appending("\n").utf8))
        }
        let commit = try repository.git(person.key.gitSigningArguments + ["commit-tree", "-S", tree, "-p", "HEAD", "-m", message],
                                        environment: person.gitEnvironment)
        try repository.git(["update-ref", "HEAD", commit])
        return commit
    }

    private func lsTree(_ treeish: String) throws -> [String] {
        try repository.git(["ls-tree", treeish]).split(separator: "\n").map(String.init)
    }
}
