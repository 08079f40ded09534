import Foundation

/// Runs the git command line for what must use the user's own configuration: signing tags and
/// commits with their key (`git tag -s`, `git commit -S`). Reading is done through libgit2.
struct GitCommand {
    let directory: URL

    /// Runs git and returns its output trimmed; throws an `InputError` with git's own message when it fails.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil) throws -> String {
        String(decoding: try data(arguments, input: input), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and returns its output byte for byte (`git cat-file tag` for an anchor).
    func data(_ arguments: [String], input: String? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        do {
            try process.run()
        } catch {
            throw InputError("cannot run git: \(error.localizedDescription); install git (Debian: apt-get install git)")
        }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw InputError("git \(arguments.first ?? "") failed: \(message)")
        }
        return out
    }
}
