import Foundation
import TestSupport
import Testing

/// The server's gate end to end: a bare repository with the hook that `countersign hooks install
/// --server` writes, and real `git push`es to it over `file://` and over `git daemon`.
@Suite("pre-receive: real pushes to a bare repository with the installed hook")
struct PreReceiveTests {
    @Test("a whole review, commits, six tags and their anchors, is accepted in one push", arguments: Transport.allCases)
    func wholeReview(over transport: Transport) throws {
        let template = try ServerTemplate.signedOff.get()
        let bare = try ReviewScenario.makeBareRemote()
        try Servers.installHook(into: bare)
        let server = try Server(bare, over: transport)
        defer { server.stop() }

        let result = try server.push(from: template.scenario, ["refs/heads/main", "refs/tags/*:refs/tags/*"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("countersign:"), "\(result.stderr)")
        let local = try template.scenario.repository.git(["for-each-ref", "--format=%(objectname) %(refname)"])
        #expect(try bare.git(["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads", "refs/tags"]) == local)
        // The post-receive hook recorded each sign-off's first arrival.
        #expect(try bare.git(["for-each-ref", "--format=%(refname)", "refs/countersign/seen"]).split(separator: "\n").count == 6)
        #expect(try bare.git(["tag", "--list", "signoff/*"]).split(separator: "\n").count == 6)
        #expect(server.isListening == (transport == .daemon))
        server.stop()
        #expect(!server.isListening)
    }

    @Test("the next sign-off, its tag alone and then with its anchor, is accepted", arguments: Transport.allCases)
    func nextSignOff(over transport: Transport) throws {
        let server = try Server(copying: try ServerTemplate.assessing.get(), over: transport)
        defer { server.stop() }
        let clone = try ReviewScenario.clone(from: server.repository)
        let tag = try clone.tag(review: review, step: "assessment", member: Cast.bob,
                                requires: [signOffTag("intake", "bob").requirement(in: clone.repository)])
        let tagRef = "refs/tags/\(signOffTag("assessment", "bob"))"

        let alone = try server.push(from: clone, [tagRef])
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(try server.repository.revParse(tagRef) == tag)

        let anchor = try clone.anchor(tagObjectID: tag, name: (review, "assessment", 1, "bob"), as: Cast.bob)
        let anchored = try server.push(from: clone, [Breach.branch])
        #expect(anchored.status == 0, "\(anchored.stderr)")
        #expect(try server.repository.revParse("refs/heads/main") == anchor)
    }

    @Test("a breach is refused with its rule id and leaves the server's refs and objects unchanged",
          arguments: Transport.allCases, Breach.all)
    func breach(over transport: Transport, _ breach: Breach) throws {
        let server = try Server(copying: try breach.base.template, over: transport)
        defer { server.stop() }
        let clone = try ReviewScenario.clone(from: server.repository)
        let refspecs = try breach.make(clone)
        let before = try server.snapshot()

        let result = try server.push(from: clone, refspecs)
        #expect(result.status != 0, "the push was accepted: \(result.stderr)")
        let rules = Servers.rules(in: result.stderr)
        for rule in breach.rules {
            #expect(rules.contains(rule), "no \(rule) in:\n\(result.stderr)")
        }
        let relayed = result.stderr.split(separator: "\n").filter { $0.contains("countersign: ") }
        #expect(!relayed.isEmpty && relayed.allSatisfy { $0.hasPrefix("remote: ") }, "\(result.stderr)")
        #expect(result.stderr.contains("pre-receive hook declined"), "\(result.stderr)")
        #expect(try server.snapshot() == before)
        #expect(try server.quarantineLeftovers().isEmpty)
    }

    @Test("branches that are not protected are not judged")
    func unprotectedBranch() throws {
        let server = try Server(copying: try ServerTemplate.signedOff.get(), over: .file)
        let clone = try ReviewScenario.clone(from: server.repository)
        let commit = try clone.writeReview(review, as: Cast.dana, files: [Breach.evidence: "dana's notes\n"])
        let result = try server.push(from: clone, ["HEAD:refs/heads/dana-draft"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try server.repository.revParse("refs/heads/dana-draft") == commit)
    }
}
