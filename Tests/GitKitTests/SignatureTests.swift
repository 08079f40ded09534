import Foundation
import GitKit
import Testing
import TestSupport

@Suite("Signature extraction")
struct SignatureTests {
    /// The `gpgsig` header of `git cat-file commit`, continuation spaces removed, newline-terminated.
    static func catFileSignature(_ repo: TestRepository, _ commit: String) throws -> String {
        let raw = try Run.checked(["git", "cat-file", "commit", commit], in: repo.url).stdout
        var lines: [Substring] = []
        var inside = false
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            if line.hasPrefix("gpgsig ") {
                inside = true
                lines.append(line.dropFirst("gpgsig ".count))
            } else if inside && line.hasPrefix(" ") {
                lines.append(line.dropFirst())
            } else {
                inside = false
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `ssh-keygen -Y check-novalidate`: the signature is good over `data` (whoever made it).
    static func sshSignatureIsGood(_ payload: SignedPayload) throws -> Bool {
        let folder = try TempDirectory()
        let signature = folder.child("sig")
        try payload.signature.write(to: signature)
        let result = try Run.program(["ssh-keygen", "-Y", "check-novalidate", "-n", "git", "-s", signature.path],
                                     input: payload.signedData)
        return result.succeeded
    }

    /// `gpg --verify` with the key's own keyring.
    static func gpgSignatureIsGood(_ payload: SignedPayload, key: GPGKey) throws -> Bool {
        let folder = try TempDirectory()
        let signature = folder.child("sig")
        let data = folder.child("data")
        try payload.signature.write(to: signature)
        try payload.signedData.write(to: data)
        let result = try Run.program(["gpg", "--batch", "--verify", signature.path, data.path], environment: key.environment)
        return result.succeeded
    }

    @Test func sshSignedCommit() throws {
        let key = try SSHKey()
        let repo = try TestRepository()
        try repo.commit("base")
        let head = try repo.commit("signed", sign: key)
        let payload = try #require(try repo.open().commitSignature(try id(head)))
        #expect(payload.format == .ssh)
        #expect(String(decoding: payload.signature, as: UTF8.self) == (try Self.catFileSignature(repo, head)))
        #expect(try Self.sshSignatureIsGood(payload))
        let text = String(decoding: payload.signedData, as: UTF8.self)
        #expect(text.hasPrefix("tree "))
        #expect(!text.contains("gpgsig"))
        #expect(text.hasSuffix("\n\nsigned\n"))
    }

    @Test func gpgSignedCommit() throws {
        let key = try GPGKey()
        let repo = try TestRepository()
        let head = try repo.commit("signed with gpg", gpg: key)
        let payload = try #require(try repo.open().commitSignature(try id(head)))
        #expect(payload.format == .openpgp)
        #expect(String(decoding: payload.signature, as: UTF8.self) == (try Self.catFileSignature(repo, head)))
        #expect(try Self.gpgSignatureIsGood(payload, key: key))
        var tampered = payload.signedData
        tampered.append(contentsOf: Array("x".utf8))
        #expect(try !Self.gpgSignatureIsGood(SignedPayload(signature: payload.signature, signedData: tampered), key: key))
    }

    @Test func unsignedCommitHasNoSignature() throws {
        let repo = try TestRepository()
        let head = try repo.commit("plain")
        #expect(try repo.open().commitSignature(try id(head)) == nil)
    }

    /// libgit2's `git_commit_extract_signature` would take this message line for a signature; git does not.
    @Test func gpgsigLineInMessageIsNotASignature() throws {
        let repo = try TestRepository()
        let tree = try repo.git(["write-tree"])
        let object = "tree \(tree)\nauthor A <a@example.org> 1700000000 +0000\ncommitter A <a@example.org> 1700000000 +0000\n\nsubject\ngpgsig -----BEGIN SSH SIGNATURE-----\n not one\n"
        let crafted = try repo.git(["hash-object", "-t", "commit", "-w", "--stdin"], input: Data(object.utf8))
        #expect(try repo.open().commitSignature(try id(crafted)) == nil)
    }

    /// Git drops other `gpgsig*` headers (a SHA-256 signature in a SHA-1 repository) from the payload.
    @Test func otherSignatureHeadersAreLeftOutOfThePayload() throws {
        let repo = try TestRepository()
        let tree = try repo.git(["write-tree"])
        let head = "tree \(tree)\nauthor A <a@example.org> 1700000000 +0000\ncommitter A <a@example.org> 1700000000 +0000\n"
        let object = head
            + "gpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n other\n -----END SSH SIGNATURE-----\n"
            + "gpgsig -----BEGIN SSH SIGNATURE-----\n mine\n -----END SSH SIGNATURE-----\n"
            + "\nsubject\n"
        let crafted = try repo.git(["hash-object", "--literally", "-t", "commit", "-w", "--stdin"], input: Data(object.utf8))
        let payload = try #require(try repo.open().commitSignature(try id(crafted)))
        #expect(String(decoding: payload.signature, as: UTF8.self) == "-----BEGIN SSH SIGNATURE-----\nmine\n-----END SSH SIGNATURE-----\n")
        #expect(String(decoding: payload.signedData, as: UTF8.self) == head + "\nsubject\n")
    }

    @Test func sshSignedTag() throws {
        let key = try SSHKey()
        let repo = try TestRepository()
        try repo.commit("base")
        let tagID = try repo.signedTag("signoff/x/intake/1/bob", message: "Intake\n\nReview: x", key: key)
        let opened = try repo.open()
        let payload = try #require(try opened.tagSignature(try id(tagID)))
        #expect(payload.format == .ssh)
        #expect(try Self.sshSignatureIsGood(payload))
        let raw = try opened.readObject(try id(tagID)).data
        #expect(payload.signedData + payload.signature == raw)
        let catFile = try repo.git(["cat-file", "tag", tagID])
        let signatureText = String(decoding: payload.signature, as: UTF8.self)
        #expect(signatureText.hasPrefix("-----BEGIN SSH SIGNATURE-----\n"))
        #expect(signatureText.hasSuffix("-----END SSH SIGNATURE-----\n"))
        #expect(catFile.hasSuffix(signatureText.trimmingCharacters(in: .newlines)))
        #expect(String(decoding: payload.signedData, as: UTF8.self).hasSuffix("Review: x\n"))
    }

    @Test func gpgSignedTag() throws {
        let key = try GPGKey()
        let repo = try TestRepository()
        try repo.commit("base")
        let tagID = try repo.signedTag("v1", message: "Version one", gpg: key)
        let payload = try #require(try repo.open().tagSignature(try id(tagID)))
        #expect(payload.format == .openpgp)
        #expect(try Self.gpgSignatureIsGood(payload, key: key))
    }

    @Test func unsignedTagHasNoSignature() throws {
        let repo = try TestRepository()
        try repo.commit("base")
        let tagID = try repo.annotatedTag("v1", message: "plain")
        let opened = try repo.open()
        #expect(try opened.tagSignature(try id(tagID)) == nil)
        #expect(throws: GitError.self) { try opened.tagSignature(try opened.resolve("HEAD")) }
        #expect(throws: GitError.self) { try opened.commitSignature(try id(tagID)) }
    }

    /// The signature starts at the last line that opens one, as in git's `parse_signed_buffer`.
    @Test func tagSignatureStartsAtLastMarker() throws {
        let repo = try TestRepository()
        let head = try repo.commit("base")
        let body = "object \(head)\ntype commit\ntag v2\ntagger A <a@example.org> 1700000000 +0000\n\nquoting:\n-----BEGIN PGP SIGNATURE-----\nnot this one\n"
        let signature = "-----BEGIN SSH SIGNATURE-----\nthis one\n-----END SSH SIGNATURE-----\n"
        let tagID = try repo.git(["hash-object", "-t", "tag", "-w", "--stdin"], input: Data((body + signature).utf8))
        let payload = try #require(try repo.open().tagSignature(try id(tagID)))
        #expect(payload.signedData == Data(body.utf8))
        #expect(payload.signature == Data(signature.utf8))
        #expect(payload.format == .ssh)
    }

    /// Git's `remove_signature`: an in-header signature (a SHA-256 one) is not part of the payload.
    @Test func tagHeaderSignatureIsLeftOutOfThePayload() throws {
        let repo = try TestRepository()
        let head = try repo.commit("base")
        let headers = "object \(head)\ntype commit\ntag v3\ntagger A <a@example.org> 1700000000 +0000\n"
        let inHeader = "gpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n other\n -----END SSH SIGNATURE-----\n"
        let message = "\nmessage\n"
        let signature = "-----BEGIN SSH SIGNATURE-----\ntrailing\n-----END SSH SIGNATURE-----\n"
        let object = headers + inHeader + message + signature
        let tagID = try repo.git(["hash-object", "--literally", "-t", "tag", "-w", "--stdin"], input: Data(object.utf8))
        let payload = try #require(try repo.open().tagSignature(try id(tagID)))
        #expect(payload.signedData == Data((headers + message).utf8))
        #expect(payload.signature == Data(signature.utf8))
    }

    @Test(arguments: [
        ("-----BEGIN SSH SIGNATURE-----\n", SignedPayload.Format.ssh),
        ("-----BEGIN PGP SIGNATURE-----\n", .openpgp),
        ("-----BEGIN PGP MESSAGE-----\n", .openpgp),
        ("-----BEGIN SIGNED MESSAGE-----\n", .x509),
        ("something else\n", .unknown),
    ])
    func formatFromArmor(armor: String, format: SignedPayload.Format) {
        #expect(SignedPayload(signature: Data(armor.utf8), signedData: Data()).format == format)
    }
}
