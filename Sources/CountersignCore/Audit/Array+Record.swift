extension Array {
    /// nil for an empty list: OSCAL has no empty lists.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}

extension Array where Element: Hashable {
    /// Each element once, in the order of its first appearance.
    var uniqued: [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
