import Foundation

/// The part of OSCAL's assessment-results model (NIST OSCAL 1.1) that the governance record
/// fills in. Absent optionals and empty lists are left out, as OSCAL allows no null and no empty list.
enum OSCAL {
    struct Document: Encodable {
        var assessmentResults: AssessmentResults
        enum CodingKeys: String, CodingKey { case assessmentResults = "assessment-results" }
    }

    struct AssessmentResults: Encodable {
        var uuid: String
        var metadata: Metadata
        var importAP: ImportAP
        var results: [Result]
        enum CodingKeys: String, CodingKey { case uuid, metadata, results, importAP = "import-ap" }
    }

    struct Metadata: Encodable {
        var title: String
        var lastModified: String
        var version: String
        var oscalVersion = "1.1.2"
        var props: [Property]?
        var roles: [Role]?
        var parties: [Party]?
        var responsibleParties: [ResponsibleParty]?
        var remarks: String?
        enum CodingKeys: String, CodingKey {
            case title, version, props, roles, parties, remarks
            case lastModified = "last-modified", oscalVersion = "oscal-version", responsibleParties = "responsible-parties"
        }
    }

    struct Property: Encodable {
        var name: String
        var value: String
        /// Countersign's namespace; nil for a name OSCAL itself defines (a remediation's `type`).
        var ns: String? = OSCALAssessmentResults.namespace
    }

    struct Role: Encodable {
        var id: String
        var title: String
    }

    struct Party: Encodable {
        var uuid: String
        var type = "person"
        var name: String
    }

    struct ResponsibleParty: Encodable {
        var roleID: String
        var partyUUIDs: [String]
        enum CodingKeys: String, CodingKey { case roleID = "role-id", partyUUIDs = "party-uuids" }
    }

    struct ImportAP: Encodable {
        var href: String
        var remarks: String?
    }

    struct Result: Encodable {
        struct ReviewedControls: Encodable {
            struct Selection: Encodable {
                struct IncludeAll: Encodable {}
                var description: String
                var includeAll = IncludeAll()
                enum CodingKeys: String, CodingKey { case description, includeAll = "include-all" }
            }
            var description: String
            var controlSelections: [Selection]
            enum CodingKeys: String, CodingKey { case description, controlSelections = "control-selections" }
        }
        struct Log: Encodable { var entries: [LogEntry] }

        var uuid: String
        var title: String
        var description: String
        var start: String
        var end: String
        var props: [Property]?
        var reviewedControls: ReviewedControls
        var assessmentLog: Log?
        var observations: [Observation]?
        var risks: [Risk]?
        var findings: [Finding]?
        enum CodingKeys: String, CodingKey {
            case uuid, title, description, start, end, props, observations, risks, findings
            case reviewedControls = "reviewed-controls", assessmentLog = "assessment-log"
        }
    }

    struct LogEntry: Encodable {
        struct LoggedBy: Encodable {
            var partyUUID: String
            var roleID: String?
            enum CodingKeys: String, CodingKey { case partyUUID = "party-uuid", roleID = "role-id" }
        }
        var uuid: String
        var title: String
        var description: String
        var start: String
        var end: String?
        var props: [Property]?
        var loggedBy: [LoggedBy]?
        var remarks: String?
        enum CodingKeys: String, CodingKey { case uuid, title, description, start, end, props, remarks, loggedBy = "logged-by" }
    }

    struct Observation: Encodable {
        struct Evidence: Encodable {
            var href: String?
            var description: String
        }
        var uuid: String
        var title: String
        var description: String
        var props: [Property]?
        var methods: [String]
        var types: [String]
        var relevantEvidence: [Evidence]?
        var collected: String
        enum CodingKeys: String, CodingKey { case uuid, title, description, props, methods, types, collected, relevantEvidence = "relevant-evidence" }
    }

    struct Finding: Encodable {
        struct Target: Encodable {
            struct Status: Encodable { var state: String }
            var type = "objective-id"
            var targetID: String
            var title: String?
            var status: Status
            enum CodingKeys: String, CodingKey { case type, title, status, targetID = "target-id" }
        }
        struct RelatedObservation: Encodable {
            var observationUUID: String
            enum CodingKeys: String, CodingKey { case observationUUID = "observation-uuid" }
        }
        var uuid: String
        var title: String
        var description: String
        var props: [Property]?
        var target: Target
        var relatedObservations: [RelatedObservation]?
        enum CodingKeys: String, CodingKey { case uuid, title, description, props, target, relatedObservations = "related-observations" }
    }

    struct Risk: Encodable {
        struct Remediation: Encodable {
            struct Origin: Encodable {
                struct Actor: Encodable {
                    var type = "party"
                    var actorUUID: String
                    enum CodingKeys: String, CodingKey { case type, actorUUID = "actor-uuid" }
                }
                var actors: [Actor]
            }
            var uuid: String
            var lifecycle = "completed"
            var title: String
            var description: String
            var props: [Property]
            var origins: [Origin]?
        }
        var uuid: String
        var title: String
        var description: String
        var statement: String
        var props: [Property]?
        var status: String
        var deadline: String?
        var remediations: [Remediation]
    }
}
