/// Every rule and gap code countersign reports, each once, with what a user needs to know of it
/// (summary, fix, subject, severity). Judges name rules by value; the reference's rule list and
/// the SARIF rule table are generated from this catalogue.
public enum Rule: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    // Commits new to a protected branch.
    case commitNotOwner = "commit.not-owner"
    case commitUnsigned = "commit.unsigned"
    case commitBadSignature = "commit.bad-signature"
    case commitUnknownKey = "commit.unknown-key"
    case commitIdentityMismatch = "commit.identity-mismatch"
    case commitBadPath = "commit.bad-path"
    case commitForeignRoot = "commit.foreign-root"
    case commitMakesStale = "commit.makes-stale"
    case policyUnauthorizedChange = "policy.unauthorized-change"
    case policyInvalid = "policy.invalid"
    case schemaInvalid = "schema.invalid"
    // Refs.
    case refNonFastForward = "ref.non-fast-forward"
    case refDeleted = "ref.deleted"
    case refSignoffMoved = "ref.signoff-moved"
    // Sign-offs.
    case signoffMalformed = "signoff.malformed"
    case signoffUnsigned = "signoff.unsigned"
    case signoffBadSignature = "signoff.bad-signature"
    case signoffUnknownKey = "signoff.unknown-key"
    case signoffExpiredKey = "signoff.expired-key"
    case signoffIdentityMismatch = "signoff.identity-mismatch"
    case signoffNotAuthorized = "signoff.not-authorized"
    case signoffNotApplicable = "signoff.not-applicable"
    case signoffOutOfOrder = "signoff.out-of-order"
    case signoffIncomplete = "signoff.incomplete"
    case signoffStaleAtAcceptance = "signoff.stale-at-acceptance"
    case signoffUnreachable = "signoff.unreachable"
    case signoffSeparationOfDuties = "signoff.separation-of-duties"
    case signoffDecisionMismatch = "signoff.decision-mismatch"
    case signoffRound = "signoff.round"
    case signoffAnchorChanged = "signoff.anchor-changed"
    case signoffRefMismatch = "signoff.ref-mismatch"
    case signoffTaggerDate = "signoff.tagger-date"
    case signoffUnanchored = "signoff.unanchored"
    case signoffVoid = "signoff.void"
    // What merging a pull request would do (`check`).
    case mergeServerJudged = "merge.server-judged"
    case mergeMakesStale = "merge.makes-stale"
    case mergeFiresTrigger = "merge.fires-trigger"
    // Gap items, per step.
    case reviewUnassignedRole = "review.unassigned-role"
    case systemDescriptionEmpty = "system.description-empty"
    case systemContextIncomplete = "system.context-incomplete"
    case systemDataFlowsMissing = "system.data-flows-missing"
    case securityNoThreats = "security.no-threats"
    case securityUnscoredThreat = "security.unscored-threat"
    case securityUnknownReference = "security.unknown-reference"
    case securityControlIncomplete = "security.control-incomplete"
    case securityUntreatedThreat = "security.untreated-threat"
    case governanceUnacceptedRisk = "governance.unaccepted-risk"
    case governanceAcceptanceIncomplete = "governance.acceptance-incomplete"
    case governanceNoTriggers = "governance.no-triggers"
    case dpoDPIAStatusMissing = "dpo.dpia-status-missing"
    case dpoAdvisoryEmpty = "dpo.advisory-empty"
    case authorityDispositionInvalid = "authority.disposition-invalid"
    case authorityConditionsMissing = "authority.conditions-missing"
    case authorityGapsMissing = "authority.gaps-missing"
    case authorityDPIAOpen = "authority.dpia-open"
    case authorityExpiredAcceptance = "authority.expired-acceptance"

    /// The id users and tools see, e.g. `signoff.out-of-order`.
    public var id: String { rawValue }
    public var description: String { rawValue }

    /// What a finding of the rule is about: where a report places it.
    public enum Subject: String, Sendable, CaseIterable {
        case commit, tag, ref, file
    }

    /// How much a finding weighs: a violation fails the command (exit 1) and rejects a push; a
    /// notice or a warning is information and fails nothing.
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case violation, warning, notice

        public static func < (a: Severity, b: Severity) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// What a command that reports findings exits with when this rule is among them.
    public enum ExitClass: Int32, Sendable {
        case passes = 0
        case fails = 1
    }

    public var summary: String { entry.summary }
    /// How to put it right, in general; a finding's own message says what to do in its case.
    public var fix: String { entry.fix }
    public var subject: Subject { entry.subject }
    public var severity: Severity { entry.severity }
    /// For a gap code, the step whose files it is about.
    public var step: String? { entry.step }
    /// Whether the rule judges the tag object alone, so it fails `verify` even for a tag whose
    /// anchor has not landed yet (its other rules only say why it would not count yet).
    public var failsUnanchoredTag: Bool { entry.failsUnanchoredTag }
    public var exitClass: ExitClass { severity == .violation ? .fails : .passes }
    public var isGapCode: Bool { entry.step != nil }

    /// Catalogue order: the order of the cases above.
    public static func < (a: Rule, b: Rule) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The gap codes of one step, in catalogue order.
    public static func gapCodes(of step: String) -> [Rule] { allCases.filter { $0.step == step } }
}
