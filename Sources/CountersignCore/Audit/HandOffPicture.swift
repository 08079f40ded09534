/// The hand-offs of a review as an inline SVG graph, for the HTML record: one column per length of
/// the longest `requires` chain before a step, the steps of a column stacked, an arrow from each
/// prerequisite, and each step filled by its state. Needs no script, font or file to show or print.
struct HandOffPicture {
    typealias State = ReviewStatus.StepStatus.State

    let steps: [GovernanceRecord.HandOff]

    init(_ steps: [GovernanceRecord.HandOff]) {
        self.steps = steps
    }

    /// Fill and stroke of a node by state. The fills are fixed values so that a rendering can be
    /// checked by colour: signed #c8e6c9, partial and pending #ffe0b2, stale and returned #ffcdd2,
    /// missing #eeeeee, not applicable #ffffff.
    static func colours(_ state: State) -> (fill: String, stroke: String) {
        switch state {
        case .signed: ("#c8e6c9", "#2e7d32")
        case .partial, .pending: ("#ffe0b2", "#e65100")
        case .stale, .returned: ("#ffcdd2", "#c62828")
        case .missing: ("#eeeeee", "#616161")
        case .notApplicable: ("#ffffff", "#9e9e9e")
        }
    }

    private static let nodeWidth = 190, gapX = 44, gapY = 18, margin = 12, lineHeight = 16, padding = 9
    /// Signers shown in a node before the rest are counted.
    private static let signerLines = 3
    /// Characters of a label that fit a node at the label's size.
    private static let labelLength = 27

    /// The column of each step, in the steps' order: 0 for a step that requires nothing, else one
    /// more than the highest column among the steps it requires. A cycle or an unknown step counts as nothing.
    var columns: [Int] {
        let index = positions
        var memo: [Int: Int] = [:]
        func column(_ position: Int, _ visiting: Set<Int>) -> Int {
            if let known = memo[position] { return known }
            let before = steps[position].requires.compactMap { index[$0] }.filter { !visiting.contains($0) }
            let value = before.map { column($0, visiting.union([position])) + 1 }.max() ?? 0
            memo[position] = value
            return value
        }
        return steps.indices.map { column($0, [$0]) }
    }

    /// Each step's position in the steps' order (the first, for a step listed twice).
    private var positions: [String: Int] {
        Dictionary(steps.enumerated().map { ($1.step, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The lines of a node's label, before escaping: step, role, condition, state, signers.
    func label(_ step: GovernanceRecord.HandOff) -> [String] {
        var lines = [step.step, "role: \(step.role)"]
        if let when = step.when { lines.append("if " + when.replacingOccurrences(of: "_", with: " ")) }
        lines.append(step.state.rawValue)
        let signers = step.signoffs.map { signOff in
            signOff.signedAt.map { "\(signOff.member) \($0.prefix(10))" } ?? signOff.member
        }
        lines += signers.prefix(Self.signerLines)
        if signers.count > Self.signerLines { lines.append("and \(signers.count - Self.signerLines) more") }
        return lines
    }

    /// The picture as inline SVG for an HTML5 document, whose parser puts it in the SVG namespace
    /// without an `xmlns` (so the record names no URL at all).
    var svg: String {
        guard !steps.isEmpty else {
            return "<svg role=\"img\" viewBox=\"0 0 320 40\" width=\"320\" height=\"40\">"
                + "<title>hand-offs: the policy defines no steps</title>"
                + "<text x=\"10\" y=\"25\" font-family=\"system-ui, sans-serif\" font-size=\"13\">the policy defines no steps</text></svg>"
        }
        let columns = self.columns
        let labels = steps.map(label)
        let lines = labels.map(\.count).max() ?? 1
        let nodeHeight = 2 * Self.padding + lines * Self.lineHeight
        let columnCount = (columns.max() ?? 0) + 1
        var rows = [Int](repeating: 0, count: columnCount)
        var row: [Int] = []
        for column in columns {
            row.append(rows[column])
            rows[column] += 1
        }
        let tallest = rows.max() ?? 1
        let pitchY = nodeHeight + Self.gapY
        let width = 2 * Self.margin + columnCount * Self.nodeWidth + (columnCount - 1) * Self.gapX
        let height = 2 * Self.margin + tallest * nodeHeight + (tallest - 1) * Self.gapY
        let origins: [(x: Int, y: Int)] = steps.indices.map { position in
            let column = columns[position]
            let offset = (tallest - rows[column]) * pitchY / 2
            return (Self.margin + column * (Self.nodeWidth + Self.gapX), Self.margin + offset + row[position] * pitchY)
        }

        let summary = steps.map { "\($0.step) \($0.state.rawValue)" }.joined(separator: ", ")
        var out = ["<svg class=\"handoffs\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"system-ui, sans-serif\">",
                   "<title>\(XMLText.escape("hand-offs in policy order: \(summary)"))</title>",
                   "<defs><marker id=\"handoff-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                       + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#455a64\"/></marker></defs>"]
        let index = positions
        for (position, step) in steps.enumerated() {
            for required in step.requires {
                guard let from = index[required], from != position else { continue }
                let x1 = origins[from].x + Self.nodeWidth, y1 = origins[from].y + nodeHeight / 2
                let x2 = origins[position].x, y2 = origins[position].y + nodeHeight / 2
                out.append("<line class=\"arrow\" x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2 - 1)\" y2=\"\(y2)\" stroke=\"#455a64\" stroke-width=\"1.5\" marker-end=\"url(#handoff-arrow)\"/>")
            }
        }
        for (position, step) in steps.enumerated() {
            out.append(node(step, lines: labels[position], at: origins[position], height: nodeHeight))
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    private func node(_ step: GovernanceRecord.HandOff, lines: [String], at origin: (x: Int, y: Int), height: Int) -> String {
        let (fill, stroke) = Self.colours(step.state)
        let dashed = step.when != nil || step.state == .notApplicable
        let full = ([step.step, step.role, step.state.rawValue] + (step.when.map { ["when \($0)"] } ?? []) + (step.detail.map { [$0] } ?? [])
                    + step.signoffs.map(\.tag)).joined(separator: "; ")
        var out = ["<g class=\"node\" data-step=\"\(XMLText.escape(step.step))\" data-state=\"\(step.state.rawValue)\">",
                   "<title>\(XMLText.escape(full))</title>",
                   "<rect x=\"\(origin.x)\" y=\"\(origin.y)\" width=\"\(Self.nodeWidth)\" height=\"\(height)\" rx=\"8\" ry=\"8\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(dashed ? "1.5" : "2")\""
                       + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"]
        for (number, line) in lines.enumerated() {
            let y = origin.y + Self.padding + (number + 1) * Self.lineHeight - 4
            let style = number == 0 ? " font-weight=\"bold\" font-size=\"13\"" : " font-size=\"11.5\""
            out.append("<text x=\"\(origin.x + Self.padding)\" y=\"\(y)\"\(style) fill=\"#1b1b1b\">\(XMLText.escape(Self.fit(line)))</text>")
        }
        out.append("</g>")
        return out.joined(separator: "\n")
    }

    /// A label cut to what fits a node, with an ellipsis; the node's title holds the whole text.
    private static func fit(_ text: String) -> String {
        text.count <= labelLength ? text : String(text.prefix(labelLength - 1)) + "…"
    }
}
