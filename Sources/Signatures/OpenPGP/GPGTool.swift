import Foundation

/// The program that checks OpenPGP signatures: `gpgv` (Debian package `gpgv`) when installed, else
/// `gpg --verify` (package `gnupg`). Both are run against a keyring of the caller's keys only.
public struct GPGTool: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case gpgv, gpg

        /// The Debian package that installs the program.
        public var debianPackage: String { self == .gpgv ? "gpgv" : "gnupg" }
    }

    public let kind: Kind
    /// The executable's absolute path.
    public let path: String

    public init(kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Finds `gpgv`, then `gpg`, in the folders of `searchPath` (default: `$PATH`).
    public static func locate(searchPath: String? = nil) throws(SignatureError) -> GPGTool {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for kind in [Kind.gpgv, .gpg] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(kind.rawValue).path
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    return GPGTool(kind: kind, path: candidate)
                }
            }
        }
        throw .gpgUnavailable(
            "neither gpgv nor gpg is installed; install the debian package gpgv (or gnupg) to check openpgp signatures")
    }

    public var description: String { "\(kind.rawValue) (\(path))" }

    /// The arguments that verify `signature` over `data` with only `keyring`, reporting on stdout.
    func verifyArguments(home: URL, keyring: URL, signature: URL, data: URL) -> [String] {
        switch kind {
        case .gpgv:
            ["--homedir", home.path, "--keyring", keyring.path, "--status-fd", "1", signature.path, data.path]
        case .gpg:
            ["--homedir", home.path, "--batch", "--no-tty", "--no-autostart", "--no-auto-key-retrieve",
             "--no-default-keyring", "--keyring", keyring.path, "--trust-model", "always",
             "--status-fd", "1", "--verify", signature.path, data.path]
        }
    }

    /// Runs the program with `arguments` in a minimal environment whose gpg home is `home`;
    /// stdout and stderr go to files in `home`, so neither can fill up and block the program.
    func run(_ arguments: [String], home: URL) throws(SignatureError) -> (status: Int32, stdout: String, stderr: String) {
        let name = UUID().uuidString
        let outURL = home.appendingPathComponent("out-\(name)")
        let errURL = home.appendingPathComponent("err-\(name)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw .gpgUnavailable("\(path) is not an executable; install the debian package \(kind.debianPackage)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = [
            "GNUPGHOME": home.path, "HOME": home.path, "LC_ALL": "C", "LANGUAGE": "C",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        do {
            guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
                  FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
                throw SignatureError.gpgFailed("cannot write in the private gpg home \(home.path)")
            }
            let out = try FileHandle(forWritingTo: outURL)
            let err = try FileHandle(forWritingTo: errURL)
            defer {
                try? out.close()
                try? err.close()
            }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = out
            process.standardError = err
            try process.run()
            process.waitUntilExit()
        } catch let error as SignatureError {
            throw error
        } catch {
            throw .gpgUnavailable("cannot run \(path) (debian package \(kind.debianPackage)): \(Self.reason(error))")
        }
        let stdout = (try? Data(contentsOf: outURL)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let stderr = (try? Data(contentsOf: errURL)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return (process.terminationStatus, stdout, stderr)
    }

    /// A system error's text in the house style: lowercase start, no trailing period.
    private static func reason(_ error: any Error) -> String {
        var text = error.localizedDescription.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
