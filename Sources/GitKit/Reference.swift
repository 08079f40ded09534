import CLibgit2

/// A reference (branch, tag, ...) and what it points to.
public struct Reference: Hashable, Sendable {
    /// The full name, e.g. `refs/tags/signoff/x/intake/1/bob`.
    public let name: String
    /// The object the reference points to, symbolic references followed: for an annotated tag,
    /// the tag object.
    public let target: ObjectID
    /// The commit reached by peeling annotated tags; nil when the target leads to no commit
    /// (or to an object missing from the repository).
    public let peeledCommit: ObjectID?

    public init(name: String, target: ObjectID, peeledCommit: ObjectID?) {
        self.name = name
        self.target = target
        self.peeledCommit = peeledCommit
    }
}

extension Repository {
    /// The references whose full name starts with `prefix` (e.g. `refs/tags/signoff/`), sorted by
    /// name. Symbolic references that lead nowhere are left out.
    public func references(withPrefix prefix: String) throws -> [Reference] {
        var iterator: OpaquePointer?
        // Ref names cannot contain glob characters, so the prefix is matched literally; `*` also
        // matches `/` here. The glob lets libgit2 read only the folder it names.
        try check(git_reference_iterator_glob_new(&iterator, pointer, prefix + "*"))
        defer { git_reference_iterator_free(iterator) }
        var result: [Reference] = []
        while true {
            var handle: OpaquePointer?
            let code = git_reference_next(&handle, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code)
            defer { git_reference_free(handle) }
            let name = String(cString: git_reference_name(handle))
            guard name.hasPrefix(prefix), let reference = try describe(handle!, name: name) else { continue }
            result.append(reference)
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The object a full reference name (or `HEAD`) points to, symbolic references followed;
    /// nil when it does not exist. Throws for an invalid name.
    public func reference(named name: String) throws -> ObjectID? {
        var oid = git_oid()
        guard try checkFound(git_reference_name_to_id(&oid, pointer, name)) else { return nil }
        return ObjectID(oid)
    }

    private func describe(_ handle: OpaquePointer, name: String) throws -> Reference? {
        var resolved: OpaquePointer?
        guard try checkFound(git_reference_resolve(&resolved, handle)) else { return nil }
        defer { git_reference_free(resolved) }
        guard let target = git_reference_target(resolved) else { return nil }
        var commit: OpaquePointer?
        let peeled = git_reference_peel(&commit, resolved, GIT_OBJECT_COMMIT) == 0
        defer { if peeled { git_object_free(commit) } }
        return Reference(name: name, target: ObjectID(target), peeledCommit: peeled ? ObjectID(git_object_id(commit)) : nil)
    }
}
