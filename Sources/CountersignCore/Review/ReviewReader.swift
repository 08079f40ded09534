import Foundation

/// Reads a review's files from any `FileSource` into a `Review`, reporting schema errors
/// (``Rule/schemaInvalid``, with file and line) to the diagnostics.
public struct ReviewReader {
    public let source: FileSource
    public let diagnostics: FindingCollector

    public init(source: FileSource, diagnostics: FindingCollector) {
        self.source = source
        self.diagnostics = diagnostics
    }

    /// Reads review `id`; with `only`, just those files (paths inside the review folder), so that
    /// a commit's changed files can be checked without parsing the whole review.
    public func read(_ id: String, only: Set<String>? = nil) throws -> Review {
        var review = Review(id: id)
        for (relative, load) in loaders where only?.contains(relative) ?? true {
            try load(&review, review.path(relative))
        }
        if let threats = review.threats { reportDuplicates(threats.map { ($0.id, $0.line) }, kind: "threat", path: review.path(ReviewFile.threats.path)) }
        if let controls = review.controls { reportDuplicates(controls.map { ($0.id, $0.line) }, kind: "control", path: review.path(ReviewFile.controls.path)) }
        if let triggers = review.triggers { reportDuplicates(triggers.map { ($0.id, $0.line) }, kind: "trigger", path: review.path(ReviewFile.triggers.path)) }
        return review
    }

    /// The files countersign parses, by path inside the review folder.
    public static var files: [String] { fields.map(\.0) }

    /// Copies the field that `relative` fills from a review read with `only: [relative]`.
    public static func copy(_ relative: String, from partial: Review, into review: inout Review) {
        fields.first { $0.0 == relative }?.1(&review, partial)
    }

    private static let fields: [(String, @Sendable (inout Review, Review) -> Void)] = [
        (ReviewFile.manifest.path, { $0.manifest = $1.manifest }),
        (ReviewFile.systemDescription.path, { $0.description = $1.description }),
        (ReviewFile.architecture.path, { $0.architecture = $1.architecture }),
        (ReviewFile.context.path, { $0.context = $1.context }),
        (ReviewFile.dataFlows.path, { $0.dataFlows = $1.dataFlows }),
        (ReviewFile.toolManifest.path, { $0.tools = $1.tools }),
        (ReviewFile.controlStatus.path, { $0.controlStatus = $1.controlStatus }),
        (ReviewFile.threats.path, { $0.threats = $1.threats }),
        (ReviewFile.controls.path, { $0.controls = $1.controls }),
        (ReviewFile.securityGaps.path, { $0.securityGaps = $1.securityGaps }),
        (ReviewFile.riskAcceptance.path, { $0.acceptances = $1.acceptances }),
        (ReviewFile.triggers.path, { $0.triggers = $1.triggers }),
        (ReviewFile.dpia.path, { $0.dpia = $1.dpia }),
        (ReviewFile.advisory.path, { $0.advisory = $1.advisory }),
        (ReviewFile.disposition.path, { $0.disposition = $1.disposition }),
    ]

    /// How each file is read, in the order of `fields`.
    private var loaders: [(String, (inout Review, String) throws -> Void)] {
        func yaml(_ path: String) throws -> YAMLFile? {
            try YAMLFile.load(path, from: source, rule: .schemaInvalid, into: diagnostics)
        }
        func markdown(_ path: String) throws -> MarkdownDocument? {
            try TextFile.read(path, from: source, into: diagnostics, rule: .schemaInvalid).map(MarkdownDocument.init)
        }
        return [
            (ReviewFile.manifest.path, { $0.manifest = try yaml($1).flatMap(readManifest) }),
            (ReviewFile.systemDescription.path, { $0.description = try markdown($1) }),
            (ReviewFile.architecture.path, { $0.architecture = try markdown($1) }),
            (ReviewFile.context.path, { $0.context = try yaml($1).flatMap(readContext) }),
            (ReviewFile.dataFlows.path, { $0.dataFlows = try yaml($1).flatMap { list($0, key: "flows", item: readFlow) } }),
            (ReviewFile.toolManifest.path, { $0.tools = try yaml($1).flatMap { list($0, key: "tools", item: readTool) } }),
            (ReviewFile.controlStatus.path, { $0.controlStatus = try yaml($1).flatMap(readControlStatus) }),
            (ReviewFile.threats.path, { $0.threats = try yaml($1).flatMap { list($0, key: "threats", item: readThreat) } }),
            (ReviewFile.controls.path, { $0.controls = try yaml($1).flatMap { list($0, key: "controls", item: readControl) } }),
            (ReviewFile.securityGaps.path, { $0.securityGaps = try yaml($1).flatMap { list($0, key: "gaps", item: readSecurityGap) } }),
            (ReviewFile.riskAcceptance.path, { $0.acceptances = try yaml($1).flatMap { list($0, key: "acceptances", item: readAcceptance) } }),
            (ReviewFile.triggers.path, { $0.triggers = try yaml($1).flatMap { list($0, key: "triggers", item: readTrigger) } }),
            (ReviewFile.dpia.path, { $0.dpia = try yaml($1).flatMap(readDPIA) }),
            (ReviewFile.advisory.path, { $0.advisory = try markdown($1) }),
            (ReviewFile.disposition.path, { $0.disposition = try yaml($1).flatMap(readDisposition) }),
        ]
    }

    /// Reads `key: [items]` at the root of `file`; an empty file is an empty list.
    private func list<T>(_ file: YAMLFile, key: String, item: (YAMLValue) -> T?) -> [T]? {
        guard file.root != nil else { return [] }
        guard let map = file.rootMapping(file.path, allowed: [key]) else { return nil }
        return map[key]?.sequence(key)?.compactMap(item) ?? []
    }

    private func reportDuplicates(_ ids: [(String, Int)], kind: String, path: String) {
        var seen: [String: Int] = [:]
        for (id, line) in ids {
            if let first = seen[id] {
                diagnostics.add(.schemaInvalid, "\(kind) id \(id) is used twice (first on line \(first)); give each \(kind) its own id", path: path, line: line)
            } else {
                seen[id] = line
            }
        }
    }

    private func readManifest(_ file: YAMLFile) -> ReviewManifest? {
        guard let map = file.rootMapping(ReviewFile.manifest.path, allowed: ["title", "assignments"]) else { return nil }
        var manifest = ReviewManifest(title: map["title"]?.text("title"), assignments: [:], assignmentLines: [:], line: map.line)
        for entry in map["assignments"]?.mapping("assignments")?.entries ?? [] {
            manifest.assignments[entry.key] = entry.value.strings("the assignees of \(entry.key)") ?? []
            manifest.assignmentLines[entry.key] = entry.keyLine
        }
        return manifest
    }

    private func readContext(_ file: YAMLFile) -> SystemContext? {
        let keys = ["user_population", "operational_consequence", "data_classification", "personal_data"]
        guard let map = file.rootMapping(ReviewFile.context.path, allowed: keys) else { return nil }
        return SystemContext(
            userPopulation: map["user_population"]?.text("user_population"),
            operationalConsequence: map["operational_consequence"]?.choice("operational_consequence", SystemContext.consequences),
            dataClassification: map["data_classification"]?.choice("data_classification", SystemContext.classifications),
            personalData: map["personal_data"]?.bool("personal_data"),
            line: map.line)
    }

    private func readFlow(_ value: YAMLValue) -> DataFlow? {
        guard let map = value.mapping("a flow", allowed: ["id", "from", "to", "data", "personal_data"]) else { return nil }
        let flow = DataFlow(
            id: map.required("id", in: "a flow")?.text("flow id"),
            from: map.required("from", in: "a flow")?.text("flow from"),
            to: map.required("to", in: "a flow")?.text("flow to"),
            data: map.required("data", in: "a flow")?.text("flow data"),
            personalData: map.required("personal_data", in: "a flow")?.bool("flow personal_data"),
            line: value.line)
        return flow
    }

    private func readTool(_ value: YAMLValue) -> String? {
        guard let map = value.mapping("a tool", allowed: ["id", "permissions", "description"]) else { return nil }
        _ = map["permissions"]?.strings("tool permissions")
        return map.required("id", in: "a tool")?.text("tool id")
    }

    private func readControlStatus(_ file: YAMLFile) -> [String: ControlStatus]? {
        guard file.root != nil else { return [:] }
        guard let map = file.rootMapping(ReviewFile.controlStatus.path, allowed: ["controls"]) else { return nil }
        var status: [String: ControlStatus] = [:]
        for entry in map["controls"]?.mapping("controls")?.entries ?? [] {
            let what = "the status of \(entry.key)"
            // `C-1: implemented`, or `C-1: {status: implemented, due: 2027-01-31}` with a schedule.
            if entry.value.isMapping {
                let item = entry.value.mapping(what, allowed: ["status", "due"])
                status[entry.key] = ControlStatus(state: item?.required("status", in: what)?.choice(what, ControlStatus.states),
                                                  due: item?["due"]?.date("the due date of \(entry.key)"), line: entry.keyLine)
            } else {
                status[entry.key] = ControlStatus(state: entry.value.choice(what, ControlStatus.states), due: nil, line: entry.keyLine)
            }
        }
        return status
    }

    private func readThreat(_ value: YAMLValue) -> Threat? {
        let keys = ["id", "title", "taxonomy", "likelihood", "impact", "controls", "description"]
        guard let map = value.mapping("a threat", allowed: keys), let id = map.required("id", in: "a threat")?.text("threat id") else { return nil }
        let taxonomy = map["taxonomy"]?.strings("taxonomy of \(id)") ?? []
        for entry in taxonomy where !Taxonomy.isValid(entry) {
            map["taxonomy"]?.fail("taxonomy id \"\(entry)\" of threat \(id) is not recognised; write an OWASP id with its edition (LLM01:2025, ASI01:2026) or a MITRE ATLAS id (AML.T0051)")
        }
        _ = map["description"]?.string("threat description")
        return Threat(
            id: id, title: map["title"]?.text("title of \(id)"), taxonomy: taxonomy,
            likelihood: map["likelihood"]?.int("likelihood of \(id)"), impact: map["impact"]?.int("impact of \(id)"),
            controls: map["controls"]?.strings("controls of \(id)") ?? [], line: value.line)
    }

    private func readControl(_ value: YAMLValue) -> Control? {
        let keys = ["id", "title", "mitigates", "owner", "gate", "verification", "description"]
        guard let map = value.mapping("a control", allowed: keys), let id = map.required("id", in: "a control")?.text("control id") else { return nil }
        _ = map["description"]?.string("control description")
        return Control(
            id: id, title: map["title"]?.text("title of \(id)"), mitigates: map["mitigates"]?.strings("mitigates of \(id)") ?? [],
            owner: map["owner"]?.text("owner of \(id)"), gate: map["gate"]?.choice("gate of \(id)", Control.gates),
            verification: map["verification"]?.text("verification of \(id)"), line: value.line)
    }

    private func readSecurityGap(_ value: YAMLValue) -> SecurityGap? {
        guard let map = value.mapping("a gap", allowed: ["threat", "description"]) else { return nil }
        return SecurityGap(threat: map.required("threat", in: "a gap")?.text("gap threat"),
                           description: map["description"]?.text("gap description"), line: value.line)
    }

    private func readAcceptance(_ value: YAMLValue) -> RiskAcceptance? {
        guard let map = value.mapping("an acceptance", allowed: ["threat", "accepted_by", "condition", "expires"]) else { return nil }
        return RiskAcceptance(
            threat: map.required("threat", in: "an acceptance")?.text("acceptance threat"),
            acceptedBy: map["accepted_by"]?.text("accepted_by"), condition: map["condition"]?.text("condition"),
            expires: map["expires"]?.date("expires"), line: value.line)
    }

    private func readTrigger(_ value: YAMLValue) -> Trigger? {
        guard let map = value.mapping("a trigger", allowed: ["id", "description", "paths", "review_by"]),
              let id = map.required("id", in: "a trigger")?.text("trigger id") else { return nil }
        let paths = map["paths"]?.sequence("paths of \(id)")?.compactMap { item in item.text("a path of \(id)").map { Glob($0, line: item.line) } } ?? []
        let reviewBy = map["review_by"]?.date("review_by of \(id)")
        if paths.isEmpty, reviewBy == nil {
            value.fail("trigger \(id) has neither paths nor review_by; a trigger fires on a change to paths or on a date")
        }
        return Trigger(id: id, description: map["description"]?.text("description of \(id)"), paths: paths, reviewBy: reviewBy, line: value.line)
    }

    private func readDPIA(_ file: YAMLFile) -> DPIA? {
        guard let map = file.rootMapping(ReviewFile.dpia.path, allowed: ["dpia", "lawful_basis", "rationale"]) else { return nil }
        return DPIA(status: map["dpia"]?.choice("dpia", DPIA.statuses), lawfulBasis: map["lawful_basis"]?.text("lawful_basis"),
                    rationale: map["rationale"]?.text("rationale"), line: map.line)
    }

    private func readDisposition(_ file: YAMLFile) -> Disposition? {
        guard let map = file.rootMapping(ReviewFile.disposition.path, allowed: ["decision", "rationale", "conditions", "gaps"]) else { return nil }
        let decision = map["decision"]?.choice("decision", Disposition.Decision.allCases.map(\.rawValue))
        let gaps: [Disposition.ReturnedItem] = map["gaps"]?.sequence("gaps")?.compactMap { value in
            guard let item = value.mapping("a returned gap", allowed: ["step", "item"]),
                  let step = item.required("step", in: "a returned gap")?.text("step"),
                  let text = item.required("item", in: "a returned gap")?.text("item") else { return nil }
            return Disposition.ReturnedItem(step: step, item: text, line: value.line)
        } ?? []
        return Disposition(decision: decision.flatMap(Disposition.Decision.init(rawValue:)), rationale: map["rationale"]?.text("rationale"),
                           conditions: map["conditions"]?.strings("conditions") ?? [], gaps: gaps, line: map.line)
    }
}

/// Threat taxonomy ids: OWASP ids carry their edition because editions renumber; MITRE ATLAS ids.
enum Taxonomy {
    static func isValid(_ id: String) -> Bool {
        id.range(of: #"^[A-Z]{2,5}[0-9]{2}:[0-9]{4}$"#, options: .regularExpression) != nil
            || id.range(of: #"^AML\.T[0-9]{4}(\.[0-9]{3})?$"#, options: .regularExpression) != nil
    }
}
