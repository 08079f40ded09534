import Foundation
import TestSupport
import Testing

/// What a new team meets in its first week, through the binary as they ran it.
@Suite("a team's first week: typos answered with the rule or the name meant")
struct FirstWeekTests {
    static let typos: [(arguments: [String], expected: [String])] = [
        (["status", "Support-Assistant"], ["no review \"Support-Assistant\"", "review ids are lowercase letters, digits and dashes", "did you mean \"support-assistant\"?"]),
        (["status", "support-asistant"], ["did you mean \"support-assistant\"?"]),
        (["validate", "payroll"], ["no review \"payroll\"", "known reviews: support-assistant"]),
        (["sign", "Support-Assistant", "description"], ["at HEAD (commit its files first)", "did you mean \"support-assistant\"?"]),
        (["sign", "support-assistant", "risk-aceptance"], ["the policy has no step \"risk-aceptance\"", "did you mean \"risk-acceptance\"?"]),
    ]

    @Test("a mistyped review or step is exit 2 with the fix", arguments: typos.indices)
    func typo(_ index: Int) throws {
        let (arguments, expected) = Self.typos[index]
        let (scenario, _) = try ReviewScenario.forkLifecycle()
        let result = try Binary.run(arguments, in: scenario.repository.url, environment: SignCommandTests.signing(Cast.alice))
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        for fragment in expected {
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        }
    }
}
