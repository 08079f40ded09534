/// The sections of the HTML record after the verdict, in the order the document shows them.
extension RecordHTML {
    /// A definition list of label and value HTML; `twoUp` sets two pairs on a line.
    func facts(_ pairs: [(String, String)], twoUp: Bool = false) -> String {
        "<dl class=\"facts\(twoUp ? " two" : "")\">" + pairs.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }

    /// Sign-off tags in `<code>`, or a dash.
    func tags(_ names: [String]) -> String {
        names.isEmpty ? "—" : names.map(code).joined(separator: "<br>")
    }

    func context() -> String {
        let review = record.review
        let pairs = [("review", code(review.id)), ("title", e(review.title)), ("state", record.state.rawValue),
                     ("personal data", review.personalData.map { $0 ? "yes" : "no" } ?? "—"),
                     ("user population", e(review.userPopulation)), ("operational consequence", e(review.operationalConsequence)),
                     ("data classification", e(review.dataClassification))]
        let assignments = review.assignments.sorted { $0.key < $1.key }.map { role, members in
            "\(e(role)): \(members.isEmpty ? "—" : members.map { e($0) }.joined(separator: ", "))"
        }
        let description = review.description.map { "<pre class=\"text\">\(XMLText.escape($0))</pre>" }
            ?? "<p class=\"empty\">the review has no system description</p>"
        let assigned = assignments.isEmpty ? "<span class=\"empty\">no roles assigned</span>" : assignments.joined(separator: " · ")
        return section("context", "Review and context", [
            facts(pairs, twoUp: true),
            facts([("folder", "\(code(folder)); paths written <code>./…</code> are inside it"), ("assignments", assigned)]),
            "<h3>System description</h3>", description,
        ])
    }

    func provenance() -> String {
        let p = record.provenance
        return section("provenance", "Provenance", [
            facts([("branch", code(p.branch)), ("made from", e(p.scope)), ("as of", e(p.asOf)), ("commits", String(p.commits))], twoUp: true),
            facts([("revision", code(p.revision)), ("root commit", code(p.root)), ("root policy blob", code(p.rootPolicy)),
                   ("policy blob", code(p.policy)), ("re-derive the ledger", code(p.verifyCommand)),
                   ("write this record again", code(p.auditCommand))]),
        ])
    }

    func handOffs() -> String {
        let details = record.steps.compactMap { step in
            step.detail.map { "<code>\(e(step.step))</code> \(step.state.rawValue): \(e($0))" }
        }
        return section("hand-offs", "Hand-offs", [
            HandOffPicture(record.steps).svg,
            "<p class=\"muted\">steps in policy order, each after the steps it requires; green signed, amber partial or pending, "
                + "red stale or returned, grey missing, white not applicable; a dashed border marks a step that applies only in some cases.</p>",
        ] + (details.isEmpty ? [] : [list(details, empty: "")]))
    }

    func signOffLog() -> String {
        // Fixed widths (percent), so that a log prints the same whatever its values.
        let columns = [("tag", 15), ("step", 10), ("member (role)", 10), ("verdict, decision", 11), ("key fingerprint", 12),
                       ("tagger date (signer's claim)", 10), ("target", 7), ("acceptance point, accepted at, landed by", 12), ("requires", 13)]
        var body = ["<p>tagger dates are the signer's claim; the acceptance point is the first protected commit that holds "
                    + "the sign-off's anchor, and its committer date is when the sign-off was accepted.</p>"]
        if record.signoffs.isEmpty {
            body.append("<p class=\"empty\">no sign-offs yet</p>")
        } else {
            body.append("<table class=\"log\"><colgroup>" + columns.map { "<col style=\"width: \($0.1)%\">" }.joined() + "</colgroup>"
                        + "<thead><tr>" + columns.map { "<th>\($0.0)</th>" }.joined() + "</tr></thead>")
            body += record.signoffs.map { logEntry($0, columns: columns.count) }
            body.append("</table>")
        }
        return section("sign-off-log", "Sign-off log", newPage: true, body)
    }

    private func logEntry(_ entry: GovernanceRecord.SignOffEntry, columns: Int) -> String {
        let kind = entry.superseded ? " class=\"superseded\"" : entry.verdict == "rejected" ? " class=\"rejected\"" : ""
        let verdictClass = entry.verdict == "valid" ? "ok" : "bad"
        var verdict = "<span class=\"\(verdictClass)\">\(e(entry.verdict))</span>"
        if entry.superseded { verdict += "<br><span class=\"flag\">superseded</span>" }
        if let decision = entry.decision { verdict += "<br>decision: <strong>\(e(decision))</strong>" }
        let acceptance = entry.anchor.map { "\(short($0))<br>\(e(entry.acceptedAt))" } ?? "<span class=\"muted\">not anchored</span>"
        let landed = entry.landedBy.map { "<br>landed by \(e($0))" } ?? ""
        let cells = [code(entry.tag), "\(e(entry.step)) r\(entry.round)", "\(e(entry.member))<br><span class=\"muted\">\(e(entry.role))</span>",
                     verdict, code(entry.key), e(entry.signedAt), short(entry.target), acceptance + landed, tags(entry.requires.map(\.tag))]
        var message = (entry.object.map { "<span class=\"muted\">tag object</span> <code>\(e($0))</code><br>" } ?? "")
            + (entry.message.isEmpty ? "<span class=\"empty\">no message</span>" : "<span class=\"prose\">\(XMLText.escape(entry.message))</span>")
        if !entry.violations.isEmpty {
            let violations = entry.violations.map { finding in
                let place = self.place(finding.path, finding.line)
                return "<code>\(e(finding.rule.id))</code>\(place.isEmpty ? "" : " \(place)"): \(e(finding.message))"
            }
            message += list(violations, empty: "", class: "bad")
        }
        return "<tbody\(kind)><tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
            + "<tr><td class=\"message\" colspan=\"\(columns)\">\(message)</td></tr></tbody>"
    }

    func clearances() -> String {
        let cards = record.clearances.map { round in
            let returned = round.returned.map { item in
                let answers = item.answeredBy.isEmpty ? "<span class=\"bad\">not answered yet</span>" : "answered by " + item.answeredBy.map(code).joined(separator: ", ")
                return "<code>\(e(item.step))</code>: \(e(item.item)) (\(place(item.path, item.line))) — \(answers)"
            }
            var pairs = [("signed by", tags(round.signoffs)), ("relies on", tags(round.relies)),
                         ("target, accepted at", "\(short(round.target)) \(e(round.acceptedAt))"),
                         ("rationale", round.rationale.map { "<span class=\"prose\">\(XMLText.escape($0))</span>" } ?? "<span class=\"empty\">no rationale written</span>"),
                         ("conditions", list(round.conditions.map { e($0) }, empty: "no conditions", class: "conditions"))]
            if round.decision == "returned" || !returned.isEmpty {
                pairs.append(("returned", list(returned, empty: "no returned items", class: "returned")))
            }
            return ["<div class=\"card \(round.current ? "current" : "superseded")\">",
                    "<h3>Round \(round.round): \(e(round.decision)) — \(record.standing(of: round))</h3>",
                    facts(pairs), "</div>"].joined(separator: "\n")
        }
        return section("clearance-rounds", "Clearance rounds", newPage: true,
                       cards.isEmpty ? ["<p class=\"empty\">no clearance round yet</p>"] : cards)
    }

    func checklist() -> String {
        let rows = record.checklist.map { item in
            let evidence = item.evidence.map { evidence in
                ["evidence: \(e(evidence.text))", place(evidence.path, evidence.line), evidence.signoff.map(code) ?? ""]
                    .filter { !$0.isEmpty }.joined(separator: " ")
            }
            let gaps = item.gaps.map { "gap <code>\(e($0.code.id))</code> \(place($0.path, $0.line)): \(e($0.message))" }
            let open = item.open.map { "open: \(e($0))" }
            let mark = item.holds ? "<span class=\"ok\">✓ holds</span>" : "<span class=\"bad\">✗ does not hold</span>"
            return "<tr class=\"\(item.holds ? "holding" : "open")\"><td>\(mark) — <strong>\(e(item.title))</strong></td>"
                + "<td>\(list(evidence + gaps + open, empty: "nothing recorded for this item"))</td></tr>"
        }
        return section("checklist", "Sign-off authority's checklist",
                       [Self.table(["item", "evidence, gaps and what is open"], rows, empty: "no checklist items", class: "checklist")])
    }

    func acceptances() -> String {
        let rows = record.acceptances.map { entry in
            let expires = (entry.expires.map { e($0) } ?? "never") + (entry.expired ? " <span class=\"flag\">expired</span>" : "")
            return "<tr><td><code>\(e(entry.threat))</code></td><td>\(e(entry.acceptedBy))</td><td>\(e(entry.condition))</td>"
                + "<td>\(expires)</td><td>\(place(entry.path, entry.line))</td></tr>"
        }
        return section("risk-acceptances", "Risk acceptances",
                       [Self.table(["threat", "accepted by", "condition", "expires", "where"], rows, empty: "no risk acceptances recorded")])
    }

    func triggers() -> String {
        let rows = record.triggers.map { trigger in
            let fired = trigger.fired ? "<span class=\"flag\">fired</span>\(trigger.why.map { ": \(e($0))" } ?? "")" : "not fired"
            return "<tr><td><code>\(e(trigger.id))</code></td><td>\(e(trigger.description))</td>"
                + "<td>\(trigger.paths.isEmpty ? "—" : trigger.paths.map(code).joined(separator: "<br>"))</td><td>\(e(trigger.reviewBy))</td>"
                + "<td>\(fired)</td><td>\(place(trigger.path, trigger.line))</td></tr>"
        }
        return section("triggers", "Triggers",
                       [Self.table(["trigger", "description", "paths", "review by", "fired", "where"], rows, empty: "no triggers registered")])
    }

    func controls() -> String {
        let rows = record.controls.map { control in
            let due = e(control.due) + (control.overdue ? " <span class=\"flag\">overdue</span>" : "")
            let title = control.title.map { "<br>\(e($0))" } ?? ""
            return "<tr><td><code>\(e(control.id))</code>\(title)</td><td>\(control.mitigates.isEmpty ? "—" : control.mitigates.map(code).joined(separator: " "))</td>"
                + "<td>\(e(control.owner))</td><td>\(e(control.gate))</td><td>\(e(control.status))</td><td>\(due)</td>"
                + "<td>\(list(control.conditions.map { e($0) }, empty: "no condition names it"))</td><td>\(place(control.path, control.line))</td></tr>"
        }
        return section("controls", "Controls", [Self.table(["control", "mitigates", "owner", "gate", "status", "due", "conditions naming it", "where"],
                                                      rows, empty: "no controls registered")])
    }

    func policyChanges() -> String {
        let rows = record.policyChanges.map { change in
            "<tr><td>\(short(change.commit))</td><td>\(e(change.author))</td><td>\(e(change.date))</td>"
                + "<td>\(list(change.changes.map { e($0) }, empty: "no change to the review's roles"))</td></tr>"
        }
        return section("policy-changes", "Policy changes",
                       [Self.table(["commit", "author", "date", "changes"], rows, empty: "no policy changes while the review ran")])
    }

    func gaps() -> String {
        let rows = record.gaps.map { gap in
            "<tr><td><code>\(e(gap.code.id))</code></td><td>\(e(gap.step))</td><td>\(place(gap.path, gap.line))</td><td>\(e(gap.message))</td></tr>"
        }
        return section("gaps", "Open gap items", [Self.table(["rule", "step", "where", "message"], rows, empty: "no open gap items")])
    }
}
