extension ReviewScenario {
    /// The ids `runLifecycle` made: each role's content commit and each step's sign-off, in order.
    public struct Lifecycle: Sendable {
        public let review: String
        /// alice: `review.yaml`, `system/**`, `status/**`.
        public let systemContent: String
        /// bob: `security/**`.
        public let securityContent: String
        /// dana: `governance/**`.
        public let governanceContent: String
        /// erin: `dpo/**`.
        public let dpoContent: String
        /// frank: `authority/**` (decision `cleared-with-conditions`).
        public let authorityContent: String
        /// alice, on `systemContent`.
        public let description: SignOffIDs
        /// bob, on the description's anchor commit; requires `description`.
        public let intake: SignOffIDs
        /// bob, on `securityContent`; requires `intake`.
        public let assessment: SignOffIDs
        /// dana, on `governanceContent`; requires `assessment`.
        public let riskAcceptance: SignOffIDs
        /// erin, on `dpoContent`; requires `assessment`.
        public let dataProtection: SignOffIDs
        /// frank, on `authorityContent`, `Decision: cleared-with-conditions`; requires both above.
        public let clearance: SignOffIDs

        /// The six sign-offs in the order they were made.
        public var signOffs: [SignOffIDs] { [description, intake, assessment, riskAcceptance, dataProtection, clearance] }

        /// The five content commits in the order they were made.
        public var contentCommits: [String] { [systemContent, securityContent, governanceContent, dpoContent, authorityContent] }

        /// Every commit the lifecycle added to `main` (11), oldest first; the root is not among them.
        public var commits: [String] {
            [systemContent, description.anchor, intake.anchor, securityContent, assessment.anchor,
             governanceContent, riskAcceptance.anchor, dpoContent, dataProtection.anchor,
             authorityContent, clearance.anchor]
        }

        /// The sign-off of the step with this id.
        public subscript(step: String) -> SignOffIDs? { signOffs.first { $0.step == step } }
    }
}
