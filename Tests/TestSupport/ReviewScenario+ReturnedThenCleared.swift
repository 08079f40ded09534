import Foundation

extension ReviewScenario {
    /// What `returnedThenCleared()` made: the lifecycle up to the DPO's sign-off, a clearance that
    /// returns the assessment, the assessment and the steps after it signed again, and a second
    /// clearance that clears with conditions.
    public struct ReturnedThenCleared: Sendable {
        public let lifecycle: Lifecycle
        public let returned: SignOffIDs
        public let assessment: SignOffIDs
        public let riskAcceptance: SignOffIDs
        public let dataProtection: SignOffIDs
        public let cleared: SignOffIDs

        /// Every sign-off in the order it was accepted.
        public var signOffs: [SignOffIDs] {
            Array(lifecycle.signOffs.prefix(5)) + [returned, assessment, riskAcceptance, dataProtection, cleared]
        }
    }

    /// The disposition of the first clearance round: the assessment goes back.
    public static let returnedDisposition = """
        decision: returned
        rationale: T-2 has no control and no date
        conditions: []
        gaps:
          - step: assessment
            item: give T-2 a control or a date for the output filter

        """

    /// The item the returned round asks of the assessment.
    public static let returnedItem = "give T-2 a control or a date for the output filter"

    /// The example review, returned at its first clearance and cleared with conditions at its second.
    public static func returnedThenCleared() throws -> (scenario: ReviewScenario, ids: ReturnedThenCleared) {
        let (scenario, life) = try forkLifecycle(at: { $0.dataProtection.anchor })
        let review = life.review
        try scenario.writeReview(review, as: Cast.frank, files: ["authority/disposition.yaml": returnedDisposition], message: "Return the assessment")
        let returned = try scenario.signOff(review: review, step: "clearance", as: Cast.frank, requires: [life.riskAcceptance, life.dataProtection],
                                            decision: "returned", message: "the output filter needs a date")
        let threats = (Fixtures.completeReview["security/threats.yaml"] ?? "")
            .replacingOccurrences(of: "prompt injection through customer messages", with: "prompt injection through customer messages and attachments") + "\n"
        try scenario.writeReview(review, as: Cast.bob, files: ["security/threats.yaml": threats], message: "Answer the returned assessment")
        let assessment = try scenario.signOff(review: review, step: "assessment", as: Cast.bob, round: 2, requires: [life.intake])
        let risk = try scenario.signOff(review: review, step: "risk-acceptance", as: Cast.dana, round: 2, requires: [assessment])
        let dpo = try scenario.signOff(review: review, step: "data-protection", as: Cast.erin, round: 2, requires: [assessment])
        try scenario.writeReview(review, as: Cast.frank, files: completeReviewFiles(["authority/"]), message: "Clear with conditions")
        let cleared = try scenario.signOff(review: review, step: "clearance", as: Cast.frank, round: 2, requires: [risk, dpo],
                                           decision: "cleared-with-conditions")
        return (scenario, ReturnedThenCleared(lifecycle: life, returned: returned, assessment: assessment, riskAcceptance: risk,
                                              dataProtection: dpo, cleared: cleared))
    }
}
