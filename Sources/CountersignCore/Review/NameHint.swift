import Foundation

/// What to say when a review or step name matches none: the id rule when the name breaks it,
/// the nearest known name ("did you mean"), and the names there are.
enum NameHint {
    /// The known name the user most likely meant: the same name in lowercase, or one within a
    /// few edits; nil when none is close.
    static func suggestion(for name: String, among known: [String]) -> String? {
        if known.contains(name.lowercased()) { return name.lowercased() }
        guard let nearest = known.min(by: { editDistance($0, name) < editDistance($1, name) }),
              editDistance(nearest, name) <= max(2, name.count / 3) else { return nil }
        return nearest
    }

    /// `no review "X" at <place>`, with the id rule, a suggestion, and the reviews there are.
    static func unknownReview(_ id: String, known: [String], at place: String) -> InputError {
        var parts = ["no review \"\(id)\" \(place)"]
        if !PolicyChecker.isValidID(id) { parts.append("review ids are lowercase letters, digits and dashes") }
        if let suggestion = suggestion(for: id, among: known) {
            parts.append("did you mean \"\(suggestion)\"?")
        }
        parts.append(known.isEmpty ? "there are no reviews yet; start one with `countersign new <review>` and commit it" : "known reviews: \(known.joined(separator: ", "))")
        return InputError(parts.joined(separator: "; "), path: "\(Review.root)/\(id)")
    }

    /// `the policy has no step "X"`, with a suggestion and the steps there are.
    static func unknownStep(_ id: String, steps: [String]) -> InputError {
        let hint = suggestion(for: id, among: steps).map { "did you mean \"\($0)\"? " } ?? ""
        return InputError("the policy has no step \"\(id)\"; \(hint)steps: \(steps.joined(separator: ", "))", path: Policy.path)
    }
}
