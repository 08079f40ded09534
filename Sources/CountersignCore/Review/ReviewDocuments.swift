import Foundation

// The typed contents of a review's files (docs/reference.md#the-files-of-a-review). Each item keeps the line it was
// read from, so a gap item can point at it. A field absent from the file is nil here: absence
// is a gap of section 4, while a wrong type or an unknown key is a schema error.

/// `review.yaml`: the title and who is assigned to each role.
public struct ReviewManifest: Sendable {
    public var title: String?
    public var assignments: [String: [String]]
    public var assignmentLines: [String: Int]
    public var line: Int
}

/// `system/context.yaml`: the context that decides how much scrutiny the system gets.
public struct SystemContext: Sendable {
    public static let consequences = ["low", "moderate", "high", "critical"]
    public static let classifications = ["public", "internal", "confidential", "restricted"]
    public var userPopulation: String?
    public var operationalConsequence: String?
    public var dataClassification: String?
    public var personalData: Bool?
    public var line: Int
}

/// One flow of `system/data-flows.yaml`.
public struct DataFlow: Sendable {
    public var id: String?
    public var from: String?
    public var to: String?
    public var data: String?
    public var personalData: Bool?
    public var line: Int
}

/// One threat of `security/threats.yaml`.
public struct Threat: Sendable {
    public var id: String
    public var title: String?
    public var taxonomy: [String]
    public var likelihood: Int?
    public var impact: Int?
    public var controls: [String]
    public var line: Int

    public var score: Int? {
        guard let likelihood, let impact else { return nil }
        return likelihood * impact
    }
}

/// One control of `security/controls.yaml`.
public struct Control: Sendable {
    public static let gates = ["design", "build", "pre-production", "operate"]
    public var id: String
    public var title: String?
    public var mitigates: [String]
    public var owner: String?
    public var gate: String?
    public var verification: String?
    public var line: Int
}

/// One entry of `status/controls.yaml`: how far a control is implemented, and by when it is due.
public struct ControlStatus: Sendable {
    public static let states = ["specified", "implemented", "verified"]
    public var state: String?
    public var due: Date?
    public var line: Int

    /// Past its due date and not verified at `date`: from the day after the date it is due.
    public func isOverdue(at date: Date) -> Bool {
        guard let due, state != "verified" else { return false }
        return date >= due.addingTimeInterval(24 * 60 * 60)
    }
}

/// One open risk of `security/gaps.yaml`.
public struct SecurityGap: Sendable {
    public var threat: String?
    public var description: String?
    public var line: Int
}

/// One acceptance of `governance/risk-acceptance.yaml`.
public struct RiskAcceptance: Sendable {
    public var threat: String?
    public var acceptedBy: String?
    public var condition: String?
    public var expires: Date?
    public var line: Int
}

/// One trigger of `governance/triggers.yaml`: paths that fire it when they change, or a date.
public struct Trigger: Sendable {
    public var id: String
    public var description: String?
    public var paths: [Glob]
    public var reviewBy: Date?
    public var line: Int
}

/// `dpo/dpia.yaml`: whether a data protection impact assessment is needed, and its state.
public struct DPIA: Sendable {
    public static let statuses = ["not-required", "required", "in-progress", "complete"]
    public var status: String?
    public var lawfulBasis: String?
    public var rationale: String?
    public var line: Int
}

/// `authority/disposition.yaml`: the sign-off authority's decision.
public struct Disposition: Sendable {
    public enum Decision: String, Sendable, CaseIterable {
        case cleared, clearedWithConditions = "cleared-with-conditions", returned, rejected

        /// A returned or rejected clearance may come before every prerequisite is signed: it
        /// names the prerequisite sign-offs that exist.
        public var mayComeEarly: Bool { self == .returned || self == .rejected }
    }

    /// A step the authority sends back, and what it must fix.
    public struct ReturnedItem: Sendable {
        public var step: String
        public var item: String
        public var line: Int
    }

    public var decision: Decision?
    public var rationale: String?
    public var conditions: [String]
    public var gaps: [ReturnedItem]
    public var line: Int
}

/// A Markdown file; `isEmpty` when nothing but headings, comments and blank lines remain.
public struct MarkdownDocument: Sendable {
    public var text: String

    public var isEmpty: Bool {
        let withoutComments = text.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
        return withoutComments.split(separator: "\n").allSatisfy { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }
}
