import CountersignCore
import Foundation
import GitKit
import Testing
import TestSupport

/// Commit signatures verified ahead on a second thread give the same ledger as the walk verifying
/// them itself: the same violations, with the same messages, at the same commits.
@Suite("signatures verified ahead of the walk")
struct LedgerPrefetchTests {
    /// The ledger of `main`, with the second thread used from `prefetchMinimum` commits on, and how
    /// many commit signatures the second thread verified.
    static func ledger(_ scenario: ReviewScenario, prefetchMinimum: Int) throws -> (report: LedgerReport, prefetched: Int) {
        let repository = try Repository(path: scenario.repository.url.path)
        let context = LedgerContext(repository: repository)
        context.prefetchMinimum = prefetchMinimum
        let tip = try repository.resolveCommit("main")
        let report = try Ledger(context: context, branch: "main").build(tip: tip)
        return (report, context.signatures.prefetchedCount)
    }

    static let signatureCases = CommitCase.cases.filter { $0.rule.hasPrefix("commit.") && $0.rule != "commit.not-owner" && $0.rule != "commit.bad-path" }

    @Test("a broken signature is found the same way with and without the second thread", arguments: signatureCases)
    func sameViolations(_ broken: CommitCase) throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        _ = try broken.make(scenario)
        let (alone, none) = try Self.ledger(scenario, prefetchMinimum: .max)
        let (ahead, prefetched) = try Self.ledger(scenario, prefetchMinimum: 1)
        #expect(none == 0)
        #expect(prefetched > 10)
        #expect(alone.violations.contains { $0.rule.id == broken.rule })
        #expect(ahead.violations.map(\.description) == alone.violations.map(\.description))
        #expect(ahead.signOffs.map(\.isValid) == alone.signOffs.map(\.isValid))
    }

    @Test("a merge's brought-in commits and the whole lifecycle judge alike with the second thread")
    func mergedHistory() throws {
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let git = scenario.repository
        try git.git(["checkout", "-q", "-b", "side"])
        try scenario.writeReview(Example.review, as: Cast.bob, files: ["security/threats.yaml": Example.changedThreats], message: "Sharpen T-1")
        try scenario.writeReview(Example.review, as: Cast.alice, files: ["security/gaps.yaml": "gaps: []\n"], message: "Close the gaps")
        try git.git(["checkout", "-q", "main"])
        try git.git(Cast.frank.key.gitSigningArguments + ["merge", "-q", "-S", "--no-ff", "-m", "Merge side", "side"], environment: Cast.frank.gitEnvironment)
        let alone = try Self.ledger(scenario, prefetchMinimum: .max).report
        let (ahead, prefetched) = try Self.ledger(scenario, prefetchMinimum: 1)
        #expect(prefetched > 10)
        #expect(alone.violations.contains { $0.rule.id == "commit.not-owner" })
        #expect(ahead.violations.map(\.description) == alone.violations.map(\.description))
        #expect(ahead.signOffs.count == alone.signOffs.count && !ahead.signOffs.isEmpty)
    }
}
