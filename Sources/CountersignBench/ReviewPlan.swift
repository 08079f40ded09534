/// The script of one synthetic review, about 45 commits: the system owner describes, security
/// assesses, governance accepts risks, the DPO advises when personal data is in scope, the authority
/// clears; each role revises its files before signing. The review's index picks its variants: who is
/// assigned, whether personal data is in scope, the decision, a re-scored threat that opens second
/// rounds, a deployment that fires a trigger, and evidence added after the clearance (a stale step).
struct ReviewPlan {
    let id: String
    private(set) var actions: [ReviewAction] = []
    private var position = 0
    /// The latest sign-off of each step.
    private var latest: [String: SignOffRecord] = [:]

    init(index: Int, random: inout SplitMix) {
        id = "assistant-\(index)"
        let personalData = index % 3 != 2
        let security = index % 2 == 0 ? "bob" : "carol"
        let authority = (index / 2) % 2 == 0 ? "frank" : "grace"
        let files = ReviewFiles(id: id, security: security, authority: authority, personalData: personalData,
                                decision: index % 4 == 3 ? "cleared" : "cleared-with-conditions")
        var script: [ReviewAction] = []
        func write(_ member: String, _ changes: [String: String?], _ message: String) {
            script.append(.write(member: member, files: changes, message: message))
        }
        func sign(_ step: String, _ member: String, round: Int = 1, _ requires: [String], decision: String? = nil) {
            script.append(.signOff(step: step, member: member, round: round, requires: requires, decision: decision))
        }
        let dataProtection = personalData ? ["data-protection"] : []

        write("alice", files.system, "Describe \(id)")
        for revision in 1...random.next(in: 3...7) { write("alice", files.architecture(revision: revision), "Revise the architecture of \(id)") }
        sign("description", "alice", [])
        sign("intake", security, ["description"])
        write(security, files.securityFiles(), "Threat model for \(id)")
        for number in 1...random.next(in: 6...13) { write(security, files.evidence(number), "Evidence run \(number) for \(id)") }
        sign("assessment", security, ["intake"])
        write("dana", files.governanceFiles(), "Accept the residual risks of \(id)")
        for revision in 1...random.next(in: 1...4) { write("dana", files.governanceFiles(revision: revision), "Refine the acceptance for \(id)") }
        sign("risk-acceptance", "dana", ["assessment"])
        if personalData {
            write("erin", files.dpoFiles(), "Data protection advice for \(id)")
            for revision in 1...random.next(in: 1...3) { write("erin", files.dpoFiles(revision: revision), "Revise the DPIA of \(id)") }
            sign("data-protection", "erin", ["assessment"])
        }
        if index % 5 == 4 {
            // A re-scored threat makes the assessment stale: every step after it is signed again.
            write(security, files.securityFiles(likelihood: 5), "Re-score T-1 of \(id)")
            sign("assessment", security, round: 2, ["intake"])
            sign("risk-acceptance", "dana", round: 2, ["assessment"])
            if personalData { sign("data-protection", "erin", round: 2, ["assessment"]) }
        }
        write(authority, files.authorityFiles(), "Disposition of \(id)")
        for revision in 1...random.next(in: 1...3) { write(authority, files.authorityFiles(revision: revision), "Revise the disposition of \(id)") }
        sign("clearance", authority, ["risk-acceptance"] + dataProtection, decision: files.decision)
        if index % 7 == 3 { write("alice", files.deployment(revision: 2), "Deploy a new model for \(id)") }
        if index % 11 == 5 { write(security, files.evidence(99), "Late evidence for \(id)") }

        // Control status changes cover no step: the system owner updates them at any time.
        for revision in 1...random.next(in: 10...16) {
            script.insert(.write(member: "alice", files: files.controlStatus(revision: revision), message: "Control status of \(id)"),
                          at: random.next(in: 1...script.count))
        }
        actions = script
    }

    var isDone: Bool { position == actions.count }

    /// Performs the next action on `builder` (one commit).
    mutating func step(_ builder: HistoryBuilder) throws {
        switch actions[position] {
        case .write(let member, let files, let message):
            try builder.commit(as: member, files: files, message: message)
        case .signOff(let step, let member, let round, let requires, let decision):
            let named = try requires.map { step -> SignOffRecord in
                guard let record = latest[step] else { throw BenchError("\(id): \(step) is not signed yet") }
                return record
            }
            latest[step] = try builder.signOff(review: id, step: step, round: round, member: member, requires: named, decision: decision)
        }
        position += 1
    }
}
