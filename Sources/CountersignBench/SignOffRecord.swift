import GitKit

/// A sign-off made by the builder: its tag name and tag object id, as `Requires:` names them.
struct SignOffRecord {
    let name: String
    let id: ObjectID
}
