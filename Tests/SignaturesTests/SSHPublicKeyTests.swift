import Foundation
import Signatures
import Testing
import TestSupport

@Suite("SSH public keys")
struct SSHPublicKeyTests {
    /// A fixed Ed25519 key and the fingerprint `ssh-keygen -lf` prints for it.
    static let fixedLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkB4NWvs4TRqbA9ebLDaYxA7yi8VdrXg9r+voUdBJdy fixture"
    static let fixedFingerprint = "SHA256:wcczl4y0jNN7h7hHBAyKv9pe6Ec7U/hDThQhqN+WuXI"
    static var fixedBlob: [UInt8] { Array(Data(base64Encoded: String(fixedLine.split(separator: " ")[1]))!) }

    @Test("keys made by ssh-keygen parse, with the fingerprint and size ssh-keygen -lf prints", arguments: SSHKey.Kind.allCases)
    func parsesGeneratedKey(kind: SSHKey.Kind) throws {
        let sshKey = try SharedKeys.ssh(kind)
        let key = try SSHPublicKey(line: sshKey.publicKeyLine)
        let listing = try Run.checked(["ssh-keygen", "-lf", sshKey.publicKeyPath]).stdout.split(separator: " ")
        #expect(key.fingerprint == String(listing[1]))
        #expect(key.bitCount == Int(listing[0]))
        #expect(key.comment == "\(kind.rawValue)@test")
        #expect(key.openSSHLine + " \(kind.rawValue)@test" == sshKey.publicKeyLine)
        #expect(try SSHPublicKey(blob: key.blob) == key)
        #expect(key.description == "\(key.algorithm) \(key.fingerprint)")
    }

    @Test("an ecdsa-sha2-nistp521 key parses too")
    func parsesP521() throws {
        let folder = try TempDirectory(prefix: "key521")
        let path = folder.child("id").path
        try Run.checked(["ssh-keygen", "-q", "-N", "", "-t", "ecdsa", "-b", "521", "-C", "", "-f", path])
        let key = try SSHPublicKey(line: try String(contentsOfFile: path + ".pub", encoding: .utf8))
        let listing = try Run.checked(["ssh-keygen", "-lf", path + ".pub"]).stdout.split(separator: " ")
        #expect(key.algorithm == "ecdsa-sha2-nistp521")
        #expect(key.fingerprint == String(listing[1]))
        #expect(key.bitCount == 521)
        #expect(key.comment == nil)
    }

    @Test("a fixed key has the fingerprint ssh-keygen printed for it")
    func fixedFingerprint() throws {
        let key = try SSHPublicKey(line: "  " + Self.fixedLine + "\n")
        #expect(key.fingerprint == Self.fixedFingerprint)
        #expect(key.algorithm == "ssh-ed25519")
        #expect(key.comment == "fixture")
        #expect(key.bitCount == 256)
    }

    @Test("comments may hold spaces, tabs separate fields, and the comment plays no part in equality")
    func comments() throws {
        let fields = Self.fixedLine.split(separator: " ")
        let spaced = try SSHPublicKey(line: "\(fields[0])\t\(fields[1])   Alice Martin <alice@example.org> ")
        #expect(spaced.comment == "Alice Martin <alice@example.org>")
        let bare = try SSHPublicKey(line: "\(fields[0]) \(fields[1])")
        #expect(bare.comment == nil)
        #expect(bare == spaced)
        #expect(Set([bare, spaced]).count == 1)
    }

    /// A malformed line, the kind of refusal and words its reason must contain.
    struct BadLine: Sendable, CustomTestStringConvertible {
        let name: String
        let line: String
        let expected: Refusal
        let reason: String
        var testDescription: String { name }
    }

    static let badLines: [BadLine] = {
        let blob = fixedBlob
        let base64 = String(fixedLine.split(separator: " ")[1])
        func line(_ bytes: [UInt8], type: String = "ssh-ed25519") -> String { "\(type) \(Data(bytes).base64EncodedString())" }
        let keyBytes = Array(blob.suffix(32))
        return [
            BadLine(name: "empty", line: "  \n", expected: .malformed, reason: "ssh public key line is empty"),
            BadLine(name: "no key data", line: "ssh-ed25519", expected: .malformed, reason: "has no key data"),
            BadLine(name: "two lines", line: fixedLine + "\n" + fixedLine, expected: .malformed, reason: "spans several lines"),
            BadLine(name: "bad base64 character", line: "ssh-ed25519 AAAA!!!!", expected: .malformed, reason: "invalid base64"),
            BadLine(name: "base64 without padding", line: "ssh-ed25519 \(base64.dropLast())", expected: .malformed, reason: "invalid base64"),
            BadLine(name: "base64 with stray bits", line: "ssh-ed25519 \(base64.dropLast(2))z=", expected: .malformed, reason: "invalid base64"),
            BadLine(name: "type mismatch", line: "ssh-rsa \(base64)", expected: .malformed,
                    reason: "says \"ssh-rsa\" but its key data is \"ssh-ed25519\""),
            BadLine(name: "truncated key", line: line(Array(blob.dropLast(5))), expected: .malformed,
                    reason: "ssh public key is truncated in its ed25519 key"),
            BadLine(name: "truncated type", line: line(Array(blob.prefix(6))), expected: .malformed,
                    reason: "ssh public key is truncated in its key type"),
            BadLine(name: "trailing bytes", line: line(blob + [0, 0]), expected: .malformed,
                    reason: "ssh public key has 2 unexpected trailing bytes"),
            BadLine(name: "short ed25519 key", line: line(SSHWire.string("ssh-ed25519") + SSHWire.string(keyBytes.dropLast())),
                    expected: .malformed, reason: "ssh-ed25519 key is 31 bytes, expected 32"),
            BadLine(name: "ecdsa curve mismatch",
                    line: line(SSHWire.string("ecdsa-sha2-nistp256") + SSHWire.string("nistp384") + SSHWire.string([4] + [UInt8](repeating: 1, count: 64)),
                               type: "ecdsa-sha2-nistp256"),
                    expected: .malformed, reason: "names curve \"nistp384\", expected \"nistp256\""),
            BadLine(name: "ecdsa point off the curve",
                    line: line(SSHWire.string("ecdsa-sha2-nistp256") + SSHWire.string("nistp256") + SSHWire.string([4] + [UInt8](repeating: 1, count: 64)),
                               type: "ecdsa-sha2-nistp256"),
                    expected: .malformed, reason: "not on the nistp256 curve"),
            BadLine(name: "ecdsa compressed point",
                    line: line(SSHWire.string("ecdsa-sha2-nistp256") + SSHWire.string("nistp256") + SSHWire.string([2] + [UInt8](repeating: 1, count: 32)),
                               type: "ecdsa-sha2-nistp256"),
                    expected: .malformed, reason: "not an uncompressed nistp256 point"),
            BadLine(name: "rsa negative modulus",
                    line: line(SSHWire.string("ssh-rsa") + SSHWire.string([1, 0, 1]) + SSHWire.string([0x80] + [UInt8](repeating: 1, count: 256)),
                               type: "ssh-rsa"),
                    expected: .malformed, reason: "negative rsa modulus"),
            BadLine(name: "rsa even exponent",
                    line: line(SSHWire.string("ssh-rsa") + SSHWire.string([1, 0, 0]) + SSHWire.string([0x00, 0xC1] + [UInt8](repeating: 1, count: 255)),
                               type: "ssh-rsa"),
                    expected: .malformed, reason: "invalid public exponent"),
            BadLine(name: "dsa key", line: line(SSHWire.string("ssh-dss") + SSHWire.string([1]), type: "ssh-dss"),
                    expected: .unsupportedAlgorithm, reason: "ssh key type \"ssh-dss\" is not supported"),
            BadLine(name: "a security key without its application",
                    line: line(SSHWire.string("sk-ssh-ed25519@openssh.com") + SSHWire.string(keyBytes),
                               type: "sk-ssh-ed25519@openssh.com"),
                    expected: .malformed, reason: "security key application"),
        ]
    }()

    @Test("malformed key lines are refused with a reason", arguments: badLines)
    func refusesBadLine(_ bad: BadLine) {
        if let error = refusal({ _ = try SSHPublicKey(line: bad.line) }) {
            expectRefusal(error, bad.expected, containing: bad.reason)
        }
    }

    @Test("an RSA key below 2048 bits is refused as weak")
    func refusesWeakRSA() throws {
        let folder = try TempDirectory(prefix: "weak")
        let path = folder.child("id").path
        try Run.checked(["ssh-keygen", "-q", "-N", "", "-t", "rsa", "-b", "1024", "-f", path])
        let line = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        if let error = refusal({ _ = try SSHPublicKey(line: line) }) {
            expectRefusal(error, .weakKey, containing: "ssh-rsa key has a 1024-bit modulus, at least 2048 bits are required")
        }
    }
}
