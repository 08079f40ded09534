import Foundation

/// The governance record as an OSCAL assessment-results document: the roles and the members as
/// parties, each sign-off an assessment-log entry, each gap item and violation an observation
/// with a finding, each checklist item a finding on its objective, and each risk acceptance a
/// risk with an accepted remediation. Its uuids are name-based, so the same record gives the
/// same document.
struct OSCALAssessmentResults {
    /// The namespace of the properties Countersign defines.
    static let namespace = RuleReference.home + "/ns/oscal"

    let record: GovernanceRecord

    init(_ record: GovernanceRecord) {
        self.record = record
    }

    func render() throws -> String {
        try JSONText.encode(OSCAL.Document(assessmentResults: document)) + "\n"
    }

    private var key: String { "\(record.review.id)@\(record.provenance.revision)" }
    private func uuid(_ kind: String, _ name: String) -> String { UUIDv5.string("\(kind):\(key):\(name)") }
    private func party(_ member: String) -> String { UUIDv5.string("party:\(member)") }

    var document: OSCAL.AssessmentResults {
        let review = record.review
        let provenance = record.provenance
        return OSCAL.AssessmentResults(
            uuid: uuid("document", ""),
            metadata: OSCAL.Metadata(
                title: Self.line("Governance record of \(review.id)" + (review.title.map { ": \($0)" } ?? "")),
                lastModified: provenance.asOf, version: provenance.revision,
                props: [prop("review", review.id), prop("state", record.state.rawValue), prop("holds", "\(record.verdict.holds)"),
                        prop("revision", provenance.revision), prop("root", provenance.root), prop("root-policy", provenance.rootPolicy),
                        prop("policy", provenance.policy), prop("verify-command", provenance.verifyCommand)].compactMap { $0 }.nonEmpty,
                roles: roles.map { OSCAL.Role(id: $0, title: $0) }.nonEmpty,
                parties: members.map { OSCAL.Party(uuid: party($0), name: $0) }.nonEmpty,
                responsibleParties: responsibleParties.nonEmpty,
                remarks: "Derived from the git history alone; re-derive the ledger with `\(provenance.verifyCommand)` and this record with `\(provenance.auditCommand) --format oscal`."),
            importAP: OSCAL.ImportAP(
                href: Policy.path,
                remarks: "There is no separate assessment plan: the plan is the policy \(Policy.path) (blob \(provenance.policy ?? "none")) and the review's files under \(Review.root)/\(review.id)/ at \(provenance.revision)."),
            results: [result])
    }

    private var result: OSCAL.Result {
        let gapParts = gaps.map(gapObservation)
        let violationParts = record.violations.uniqued.map(violationObservation)
        let checklist = record.checklist.map(checklistParts)
        let accepted = record.signoffs.compactMap(\.acceptedAt).min()
        return OSCAL.Result(
            uuid: uuid("result", ""),
            title: Self.line("Countersign audit of \(record.review.id) at \(record.provenance.scope)"),
            description: ([record.verdict.summary] + record.verdict.problems.map { "- \($0)" }).joined(separator: "\n"),
            start: accepted ?? record.provenance.asOf, end: record.provenance.asOf,
            props: [prop("state", record.state.rawValue), prop("holds", "\(record.verdict.holds)")].compactMap { $0 },
            reviewedControls: .init(
                description: "The sign-off authority's checklist of the review, each item an objective: \(record.checklist.map(\.id).joined(separator: ", ")).",
                controlSelections: [.init(description: "The review's own checklist; no control catalogue is imported.")]),
            assessmentLog: record.signoffs.enumerated().map(logEntry).nonEmpty.map { OSCAL.Result.Log(entries: $0) },
            observations: (violationParts.map(\.0) + gapParts.map(\.0) + checklist.compactMap(\.0)).nonEmpty,
            risks: record.acceptances.map(risk).nonEmpty,
            findings: (violationParts.map(\.1) + gapParts.map(\.1) + checklist.map(\.1)).nonEmpty)
    }

    // MARK: roles and parties

    private var roles: [String] {
        var seen: [String] = []
        let all = record.steps.map(\.role) + record.signoffs.compactMap(\.role) + record.review.assignments.keys.sorted()
        for role in all.map(Self.token) where !seen.contains(role) { seen.append(role) }
        return seen
    }

    private var members: [String] {
        var seen: [String] = []
        let all = record.signoffs.map(\.member) + record.review.assignments.keys.sorted().flatMap { record.review.assignments[$0] ?? [] }
            + record.acceptances.compactMap(\.acceptedBy)
        for member in all.map(Self.line) where !seen.contains(member) { seen.append(member) }
        return seen
    }

    /// Each role with the members assigned to it in `review.yaml` or who signed in it.
    private var responsibleParties: [OSCAL.ResponsibleParty] {
        roles.compactMap { role in
            var names: [String] = []
            let assigned = record.review.assignments.first { Self.token($0.key) == role }?.value ?? []
            let signed = record.signoffs.filter { $0.role.map(Self.token) == role }.map(\.member)
            for member in (assigned + signed).map(Self.line) where !names.contains(member) { names.append(member) }
            return names.isEmpty ? nil : OSCAL.ResponsibleParty(roleID: role, partyUUIDs: names.map(party))
        }
    }

    // MARK: the sign-off log

    /// The entry of the `index`th sign-off: named by its place in the log as well, since a malformed
    /// anchor has no tag object to tell it apart.
    private func logEntry(_ index: Int, _ entry: GovernanceRecord.SignOffEntry) -> OSCAL.LogEntry {
        let clearance = record.clearances.first { $0.signoffs.contains(entry.tag) }
        var props = [prop("tag", entry.tag), prop("tag-object", entry.object), prop("step", entry.step), prop("round", "\(entry.round)"),
                     prop("member", entry.member), prop("role", entry.role), prop("verdict", entry.verdict), prop("key", entry.key),
                     prop("signed-at", entry.signedAt), prop("target-commit", entry.target), prop("anchor-commit", entry.anchor),
                     prop("accepted-at", entry.acceptedAt), prop("landed-by", entry.landedBy), prop("decision", entry.decision),
                     prop("superseded", "\(entry.superseded)")]
        props += entry.requires.flatMap { [prop("requires", $0.tag), prop("requires-object", $0.object)] }
        props += entry.violations.map { prop("violation", $0.rule.id) }
        var remarks = entry.message.isEmpty ? [] : [entry.message]
        if let clearance {
            props += [prop("clearance-round", "\(clearance.round)"), prop("clearance-decision", clearance.decision),
                      prop("rationale", clearance.rationale), prop("current", "\(clearance.current)")]
            props += clearance.conditions.map { prop("condition", $0) }
            props += clearance.returned.map { prop("returned", "\($0.step): \($0.item) (\($0.path):\($0.line))") }
            props += clearance.returned.flatMap { $0.answeredBy.map { prop("answered-by", $0) } }
            props += clearance.relies.map { prop("relies-on", $0) }
            remarks += clearanceRemarks(clearance)
        }
        remarks += entry.violations.map { "Violation \($0.rule.id): \($0.message)" }
        let role = entry.role.map(Self.token)
        return OSCAL.LogEntry(
            uuid: uuid("signoff", "\(index):\(entry.tag):\(entry.object ?? "")"), title: Self.line(entry.tag),
            description: "\(entry.member) signed \(entry.step) round \(entry.round)" + (entry.role.map { " as \($0)" } ?? "")
                + ": \(entry.verdict)" + (entry.superseded ? ", superseded by a later round" : "")
                + (entry.decision.map { ", decision \($0)" } ?? ""),
            // The tagger date is a claim; an entry never starts after its acceptance.
            start: [entry.signedAt, entry.acceptedAt].compactMap { $0 }.min() ?? record.provenance.asOf, end: entry.acceptedAt,
            props: props.compactMap { $0 }.nonEmpty,
            loggedBy: [.init(partyUUID: party(Self.line(entry.member)), roleID: role.flatMap { roles.contains($0) ? $0 : nil })],
            remarks: remarks.isEmpty ? nil : remarks.joined(separator: "\n\n"))
    }

    private func clearanceRemarks(_ clearance: GovernanceRecord.ClearanceRound) -> [String] {
        var lines = ["Clearance round \(clearance.round): \(clearance.decision ?? "no decision")" + " (\(record.standing(of: clearance)))"]
        if let rationale = clearance.rationale { lines.append("Rationale: \(rationale)") }
        lines += clearance.conditions.map { "Condition: \($0)" }
        lines += clearance.returned.map { item in
            "Returned to \(item.step): \(item.item) (\(item.path):\(item.line))"
                + (item.answeredBy.isEmpty ? ", not answered yet" : ", answered by \(item.answeredBy.joined(separator: ", "))")
        }
        return [lines.joined(separator: "\n")]
    }

    // MARK: observations and findings

    private func place(_ gap: GapItem) -> String { gap.line.map { "\(gap.path):\($0)" } ?? gap.path }
    private func gapObservationUUID(_ gap: GapItem) -> String { uuid("gap", "\(gap.code.id):\(place(gap)):\(gap.message)") }

    private func gapObservation(_ gap: GapItem) -> (OSCAL.Observation, OSCAL.Finding) {
        let place = place(gap)
        let observation = OSCAL.Observation(
            uuid: gapObservationUUID(gap), title: Self.line("open gap item \(gap.code.id) at \(place)"), description: gap.message,
            props: [prop("gap-code", gap.code.id), prop("step", gap.step), prop("path", gap.path), prop("line", gap.line.map(String.init))].compactMap { $0 },
            methods: ["EXAMINE"], types: ["finding"], relevantEvidence: [.init(href: Self.href(gap.path), description: place)],
            collected: record.provenance.asOf)
        let objective = record.checklist.first { $0.gaps.contains(gap) }?.id ?? gap.step
        let finding = OSCAL.Finding(
            uuid: uuid("gap-finding", observation.uuid), title: Self.line("open gap item \(gap.code.id)"), description: "\(place): \(gap.message)",
            props: [prop("gap-code", gap.code.id)].compactMap { $0 },
            target: .init(targetID: Self.token(objective), status: .init(state: "not-satisfied")),
            relatedObservations: [.init(observationUUID: observation.uuid)])
        return (observation, finding)
    }

    private func violationObservation(_ violation: Finding) -> (OSCAL.Observation, OSCAL.Finding) {
        let place = violation.path.map { path in violation.line.map { "\(path):\($0)" } ?? path }
        let name = "\(violation.rule.id):\(violation.ref ?? ""):\(violation.commit ?? ""):\(place ?? ""):\(violation.message)"
        let observation = OSCAL.Observation(
            uuid: uuid("violation", name), title: Self.line("violation of \(violation.rule.id)" + (violation.subject.map { " by \($0)" } ?? "")),
            description: violation.message,
            props: [prop("rule", violation.rule.id), prop("ref", violation.ref), prop("commit", violation.commit),
                    prop("path", violation.path), prop("line", violation.line.map(String.init))].compactMap { $0 },
            methods: ["TEST"], types: ["finding"],
            relevantEvidence: place.map { [.init(href: violation.path.flatMap(Self.href), description: $0)] },
            collected: record.provenance.asOf)
        let finding = OSCAL.Finding(
            uuid: uuid("violation-finding", name), title: Self.line("the history breaks \(violation.rule.id)"),
            description: "\(violation.message)\n\nFix: \(violation.fix)",
            props: [prop("rule", violation.rule.id)].compactMap { $0 },
            target: .init(targetID: Self.token(violation.rule.id), status: .init(state: "not-satisfied")),
            relatedObservations: [.init(observationUUID: observation.uuid)])
        return (observation, finding)
    }

    /// The item's evidence as an observation (when it has any) and its finding, related to its gap items' observations.
    private func checklistParts(_ item: GovernanceRecord.ChecklistItem) -> (OSCAL.Observation?, OSCAL.Finding) {
        let observation = item.evidence.isEmpty ? nil : OSCAL.Observation(
            uuid: uuid("evidence", item.id), title: Self.line("evidence for \(item.title)"),
            description: item.evidence.map { "- \($0.text)" }.joined(separator: "\n"),
            props: [prop("checklist-item", item.id)].compactMap { $0 },
            methods: ["EXAMINE"], types: ["control-objective"],
            relevantEvidence: item.evidence.map { evidence in
                let place = evidence.path.map { path in evidence.line.map { "\(path):\($0)" } ?? path }
                return .init(href: evidence.path.flatMap(Self.href), description: [evidence.text, place, evidence.signoff].compactMap { $0 }.joined(separator: " — "))
            },
            collected: record.provenance.asOf)
        let gaps = item.gaps.filter(self.gaps.contains).map(gapObservationUUID)
        var description = [item.holds ? "Holds." : "Does not hold."]
        description += item.evidence.map { "- evidence: \($0.text)" }
        description += item.open.map { "- open: \($0)" }
        description += item.gaps.map { "- gap item \($0.code.id): \($0.message)" }
        let finding = OSCAL.Finding(
            uuid: uuid("checklist", item.id), title: Self.line(item.title), description: description.joined(separator: "\n"),
            props: [prop("checklist-item", item.id)].compactMap { $0 },
            target: .init(targetID: Self.token(item.id), title: Self.line(item.title), status: .init(state: item.holds ? "satisfied" : "not-satisfied")),
            relatedObservations: ((observation.map { [$0.uuid] } ?? []) + gaps).map { .init(observationUUID: $0) }.nonEmpty)
        return (observation, finding)
    }

    // MARK: risks

    private func risk(_ acceptance: GovernanceRecord.AcceptanceEntry) -> OSCAL.Risk {
        let who = acceptance.acceptedBy ?? "nobody named"
        let condition = acceptance.condition ?? "no condition given"
        let name = "\(acceptance.threat):\(acceptance.path):\(acceptance.line)"
        return OSCAL.Risk(
            uuid: uuid("risk", name), title: Self.line("\(acceptance.threat) accepted by \(who)"),
            description: "The residual risk of \(acceptance.threat) is accepted by \(who) (\(acceptance.path):\(acceptance.line))"
                + (acceptance.expires.map { acceptance.expired ? ", and the acceptance expired on \($0)" : " until \($0)" } ?? ", with no expiry"),
            statement: condition,
            props: [prop("threat", acceptance.threat), prop("accepted-by", acceptance.acceptedBy), prop("expires", acceptance.expires),
                    prop("expired", "\(acceptance.expired)"), prop("path", acceptance.path), prop("line", "\(acceptance.line)")].compactMap { $0 },
            status: acceptance.expired ? "open" : "deviation-approved",
            deadline: acceptance.expiresAt,
            remediations: [.init(
                uuid: uuid("acceptance", name), title: Self.line("accepted by \(who)"), description: condition,
                props: [OSCAL.Property(name: "type", value: "accept", ns: nil)],
                origins: acceptance.acceptedBy.map { [.init(actors: [.init(actorUUID: party(Self.line($0)))])] })])
    }

    // MARK: text

    /// The open gap items, each once: two alike would be one observation twice.
    private var gaps: [GapItem] { record.gaps.uniqued }

    /// A path in the repository as a relative URI reference.
    static func href(_ path: String) -> String? {
        // A colon too, so that no first segment reads as a scheme.
        path.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: ":")))
    }

    private func prop(_ name: String, _ value: String?) -> OSCAL.Property? {
        guard let value else { return nil }
        let text = Self.line(value)
        return text.isEmpty ? nil : OSCAL.Property(name: name, value: text)
    }

    /// One line with no leading or trailing space: what OSCAL's titles, names and values allow.
    static func line(_ text: String) -> String {
        text.unicodeScalars.map { CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0) ? " " : String($0) }
            .joined().split(separator: " ").joined(separator: " ")
    }

    /// An OSCAL token (a letter or `_`, then letters, digits, `.`, `-`, `_`).
    static func token(_ text: String) -> String {
        let kept = String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) ? Character($0) : "_" })
        return kept.first.map { $0.isLetter || $0 == "_" } == true ? kept : "_" + kept
    }
}
