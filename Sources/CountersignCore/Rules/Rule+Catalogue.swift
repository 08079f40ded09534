/// The catalogue's text: one entry per rule. Summaries say what breaks the rule; fixes say what
/// puts it right. `make docs` writes them into docs/reference.md.
extension Rule {
    struct Entry {
        var subject: Subject
        var severity: Severity = .violation
        var step: String? = nil
        var failsUnanchoredTag = false
        var summary: String
        var fix: String
    }

    private static func gap(_ step: String, _ summary: String, _ fix: String) -> Entry {
        Entry(subject: .file, step: step, summary: summary, fix: fix)
    }

    private static func tag(_ summary: String, _ fix: String) -> Entry {
        Entry(subject: .tag, failsUnanchoredTag: true, summary: summary, fix: fix)
    }

    private static func signOff(_ summary: String, _ fix: String) -> Entry {
        Entry(subject: .tag, summary: summary, fix: fix)
    }

    var entry: Entry {
        switch self {
        case .commitNotOwner:
            Entry(subject: .commit, summary: "a commit changes a review file owned by a role its author does not hold in that review, a file no role owns, another member's anchor, or an assignment it may not change",
                  fix: "let a member of the owning role make the change, or have a policy owner assign you to the role")
        case .commitUnsigned:
            Entry(subject: .commit, summary: "the policy requires signed commits (or the commit changes countersign.yaml) and the commit has no signature",
                  fix: "sign the commit with `git commit -S` (or `git commit --amend -S` before pushing)")
        case .commitBadSignature:
            Entry(subject: .commit, summary: "the commit's signature does not verify over its content, or a security key signed without the verification the policy requires",
                  fix: "re-sign the commit with your key (`git commit --amend -S`), with user verification where verify_required is set")
        case .commitUnknownKey:
            Entry(subject: .commit, summary: "the commit is signed by a key that is neither its author's nor a trusted committer's, or by a key outside its validity",
                  fix: "sign with a key listed for you in countersign.yaml, or ask a policy owner to add or renew it")
        case .commitIdentityMismatch:
            Entry(subject: .commit, summary: "the author email of a commit that changes or lands review files is no member's email",
                  fix: "set user.email to the email listed for you in countersign.yaml and recommit")
        case .commitBadPath:
            Entry(subject: .commit, summary: "a symlink, a submodule, an executable file, two paths that differ only by case or Unicode normalisation, or a name git refuses under reviews/",
                  fix: "replace it with a plain file or folder under a unique name")
        case .commitForeignRoot:
            Entry(subject: .commit, summary: "a second root commit enters the protected branch's history, or a new protected branch does not grow from the log",
                  fix: "rebuild the branch on top of the protected branch's history")
        case .commitMakesStale:
            Entry(subject: .commit, severity: .warning, summary: "the staged change edits files that current sign-offs cover, so they will need a new round",
                  fix: "nothing, if the change is meant; the steps named will be signed again")
        case .policyUnauthorizedChange:
            Entry(subject: .commit, summary: "countersign.yaml is changed by someone who is not a policy owner, without the author's own signature, or without the approvals the policy asks for",
                  fix: "let a policy owner make and sign the change, with the approvals the policy requires")
        case .policyInvalid:
            Entry(subject: .file, summary: "countersign.yaml does not parse, fails its schema, is deleted, or shrinks the list of protected branches",
                  fix: "correct the file at the line named; the policy can change but never be removed")
        case .schemaInvalid:
            Entry(subject: .file, summary: "a review file does not parse or fails its schema, or a file lies outside a valid review folder",
                  fix: "correct the file at the line named, or move it into a review folder a role owns")
        case .refNonFastForward:
            Entry(subject: .ref, summary: "a protected branch is rewound, or its old tip is no longer on the new tip's first-parent chain",
                  fix: "merge the change with a merge commit whose first parent is the branch's tip; never rebase or force-push it")
        case .refDeleted:
            Entry(subject: .ref, summary: "a protected branch or the tag ref of an anchored sign-off is deleted",
                  fix: "do not delete it; `countersign tags` restores sign-off tags from their anchors")
        case .refSignoffMoved:
            Entry(subject: .ref, summary: "the tag ref of an anchored sign-off is changed",
                  fix: "leave the tag as anchored; open a new round for a new sign-off")
        case .signoffMalformed:
            Self.tag("the sign-off's name, tag object, anchor or trailers are not in the form of a sign-off, or disagree with each other",
                "make the sign-off with `countersign sign`, which writes the tag and its anchor")
        case .signoffUnsigned:
            Self.tag("the sign-off's tag carries no signature", "sign it with `countersign sign` (or `git tag -s`)")
        case .signoffBadSignature:
            Self.tag("the sign-off's signature does not verify over the tag, or a security key signed without the verification the policy requires",
                "sign it again with `countersign sign`")
        case .signoffUnknownKey:
            Self.tag("the sign-off is signed by a key that is not one of the member's keys in the policy at its acceptance point",
                "sign with a key listed for you in countersign.yaml, or ask a policy owner to add it")
        case .signoffExpiredKey:
            Self.tag("the signing key is outside its validity at the tagger date or the server's clock",
                "sign with a key that is valid now, or ask a policy owner to renew the key")
        case .signoffIdentityMismatch:
            Self.tag("the tagger email is not one of the member's emails", "set user.email to your email in countersign.yaml and sign again")
        case .signoffNotAuthorized:
            Self.signOff("the member does not hold the step's role, or is not assigned to it, at the acceptance point",
                    "let an assigned member of the role sign, or assign the member in review.yaml")
        case .signoffNotApplicable:
            Self.signOff("the review or step does not exist, the step does not apply to the review, or the review was rejected",
                    "sign a step the review has; after a rejection open a new review")
        case .signoffOutOfOrder:
            Self.signOff("`Requires:` does not name exactly the current sign-offs of the step's prerequisites, or one of them is missing, invalid, stale or not in the history of the signed commit",
                    "sign the prerequisite steps first, then sign again with `countersign sign`, which names them")
        case .signoffIncomplete:
            Self.signOff("a gap item of the step holds at the signed commit", "close the gap items `countersign validate` lists, commit, and sign again")
        case .signoffStaleAtAcceptance:
            Self.signOff("a file the step covers changed between the signed commit and the acceptance point",
                    "sign the commit that will be accepted, after the last change to the step's files")
        case .signoffUnreachable:
            Self.signOff("the signed commit is not in the protected branch's history at the acceptance point",
                    "land the signed commit with a merge commit, not a squash or a rebase")
        case .signoffSeparationOfDuties:
            Self.signOff("the member already signed, in this review, a step of a role the policy keeps apart from this one",
                    "let another assigned member sign this step")
        case .signoffDecisionMismatch:
            Self.signOff("the `Decision:` trailer differs from the decision in authority/disposition.yaml at the signed commit",
                    "set the decision in authority/disposition.yaml, commit, and sign with the same decision")
        case .signoffRound:
            Self.signOff("the round neither co-signs an open round nor opens the next one for a reason",
                    "co-sign the open round, or change what the step covers before opening a new round")
        case .signoffAnchorChanged:
            Entry(subject: .file, summary: "an anchor under ledger/ is changed or deleted", fix: "restore the anchor; anchors are append-only")
        case .signoffRefMismatch:
            Entry(subject: .ref, severity: .notice, summary: "a sign-off's tag ref names another object than its anchor",
                  fix: "run `countersign tags --force` to restore the ref from the anchor")
        case .signoffTaggerDate:
            Self.signOff("the tagger date is more than 10 minutes from the server's clock when the sign-off first arrives",
                    "set your clock right and sign again")
        case .signoffUnanchored:
            Entry(subject: .ref, severity: .notice, summary: "a well-formed sign-off tag has no anchor on the protected branch yet",
                  fix: "land its anchor commit (`countersign sign` makes it) on the protected branch")
        case .signoffVoid:
            Entry(subject: .tag, severity: .notice, summary: "an anchor arrived in a commit that breaks a rule, so its sign-off does not count",
                  fix: "sign again in a commit that holds")
        case .mergeServerJudged:
            Entry(subject: .ref, severity: .notice, summary: "`check` judged the pull request as its merge; only the server sees the merge commit itself and its clock",
                  fix: "merge with a signed merge commit authored by a member")
        case .mergeMakesStale:
            Entry(subject: .file, severity: .notice, summary: "the merge changes files that current sign-offs cover, so they become stale",
                  fix: "nothing, if the change is meant; the steps named will be signed again")
        case .mergeFiresTrigger:
            Entry(subject: .file, severity: .notice, summary: "the merge touches a path of a registered re-assessment trigger",
                  fix: "nothing, if the change is meant; the review becomes reassessment-required")
        case .reviewUnassignedRole:
            Self.gap("description", "a role of an applicable step has no assigned member, too few for its threshold, or an assignee who is not a member of the role",
                     "assign members of the role under assignments in review.yaml")
        case .systemDescriptionEmpty:
            Self.gap("description", "system/description.md is missing or empty", "say what the system does, for whom and in what context")
        case .systemContextIncomplete:
            Self.gap("description", "system/context.yaml is missing or lacks a key", "set user_population, operational_consequence, data_classification and personal_data")
        case .systemDataFlowsMissing:
            Self.gap("description", "system/data-flows.yaml lists no flow", "list each flow with id, from, to, data and personal_data")
        case .securityNoThreats:
            Self.gap("assessment", "security/threats.yaml lists no threat", "model the threats with their taxonomy ids, likelihood and impact")
        case .securityUnscoredThreat:
            Self.gap("assessment", "a threat's likelihood or impact is missing or outside 1 to the policy's scale", "score the threat within the scale")
        case .securityUnknownReference:
            Self.gap("assessment", "a threat names an undefined control, a control mitigates an undefined threat, or a gap names an undefined threat",
                     "define the id named, or correct the reference")
        case .securityControlIncomplete:
            Self.gap("assessment", "a control has no owner, gate or verification, or its owner is not a role", "give the control an owner role, a gate and a verification")
        case .securityUntreatedThreat:
            Self.gap("assessment", "a threat at or above the risk threshold has no control and is not listed in security/gaps.yaml",
                     "add a control that mitigates it, or list it in security/gaps.yaml for risk acceptance")
        case .governanceUnacceptedRisk:
            Self.gap("risk-acceptance", "an above-threshold threat without a control, or listed in the gaps, has no risk acceptance",
                     "accept it in governance/risk-acceptance.yaml, by name, with a condition and an expiry")
        case .governanceAcceptanceIncomplete:
            Self.gap("risk-acceptance", "a risk acceptance has no condition, or accepted_by is not an assigned governance member",
                     "give it a condition and the id of an assigned governance member")
        case .governanceNoTriggers:
            Self.gap("risk-acceptance", "governance/triggers.yaml registers no re-assessment trigger", "register triggers by paths or by a review_by date")
        case .dpoDPIAStatusMissing:
            Self.gap("data-protection", "dpo/dpia.yaml does not set the DPIA status", "set dpia to not-required, required, in-progress or complete")
        case .dpoAdvisoryEmpty:
            Self.gap("data-protection", "dpo/advisory.md is missing or empty", "write the data protection advisory")
        case .authorityDispositionInvalid:
            Self.gap("clearance", "authority/disposition.yaml has no decision or rationale, or returns a step the policy does not define",
                     "record a decision and its rationale; return only steps the policy defines")
        case .authorityConditionsMissing:
            Self.gap("clearance", "the decision is cleared-with-conditions but lists no conditions", "list the conditions")
        case .authorityGapsMissing:
            Self.gap("clearance", "the decision is returned but names no gaps", "list under gaps each step and what it must fix")
        case .authorityDPIAOpen:
            Self.gap("clearance", "the decision is cleared while personal data is in scope and the DPIA is required or in progress",
                     "complete the DPIA first, or clear with conditions")
        case .authorityExpiredAcceptance:
            Self.gap("clearance", "a risk acceptance the clearance relies on has expired", "renew the acceptance with a later expiry")
        }
    }
}
