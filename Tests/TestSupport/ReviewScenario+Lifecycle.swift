extension ReviewScenario {
    /// The files of `Fixtures.completeReview` whose path starts with one of `prefixes` (or equals one),
    /// each ending with a newline as `Fixtures.writeReview` writes them.
    public static func completeReviewFiles(_ prefixes: [String]) -> [String: String?] {
        var files: [String: String?] = [:]
        for (path, text) in Fixtures.completeReview where prefixes.contains(where: { path == $0 || path.hasPrefix($0) }) {
            files[path] = text.hasSuffix("\n") ? text : text + "\n"
        }
        return files
    }

    /// Carries `Fixtures.completeReview` through the six steps of the example policy: each role's
    /// member commits their files, then signs the step on that commit and anchors it. Adds 11 commits.
    @discardableResult
    public func runLifecycle(review: String = "support-assistant") throws -> Lifecycle {
        let (alice, bob, dana, erin, frank) = (Cast.alice, Cast.bob, Cast.dana, Cast.erin, Cast.frank)

        let systemContent = try writeReview(
            review, as: alice, files: Self.completeReviewFiles(["review.yaml", "system/", "status/"]),
            message: "Describe \(review)")
        let description = try signOff(review: review, step: "description", as: alice)
        let intake = try signOff(review: review, step: "intake", as: bob, requires: [description])

        let securityContent = try writeReview(
            review, as: bob, files: Self.completeReviewFiles(["security/"]), message: "Assess \(review)")
        let assessment = try signOff(review: review, step: "assessment", as: bob, requires: [intake])

        let governanceContent = try writeReview(
            review, as: dana, files: Self.completeReviewFiles(["governance/"]), message: "Accept the risks of \(review)")
        let riskAcceptance = try signOff(review: review, step: "risk-acceptance", as: dana, requires: [assessment])

        let dpoContent = try writeReview(
            review, as: erin, files: Self.completeReviewFiles(["dpo/"]), message: "Data protection advice for \(review)")
        let dataProtection = try signOff(review: review, step: "data-protection", as: erin, requires: [assessment])

        let authorityContent = try writeReview(
            review, as: frank, files: Self.completeReviewFiles(["authority/"]), message: "Disposition of \(review)")
        let clearance = try signOff(review: review, step: "clearance", as: frank,
                                    requires: [riskAcceptance, dataProtection], decision: "cleared-with-conditions")

        return Lifecycle(
            review: review, systemContent: systemContent, securityContent: securityContent,
            governanceContent: governanceContent, dpoContent: dpoContent, authorityContent: authorityContent,
            description: description, intake: intake, assessment: assessment,
            riskAcceptance: riskAcceptance, dataProtection: dataProtection, clearance: clearance)
    }
}
