/// A cache that keeps at most about `2 × capacity` entries: when the newer half fills, the older
/// half is dropped. Recently used entries survive, so a walk over a long history keeps what it
/// reuses (policies, reviews near the tip) without holding every object it ever read.
struct BoundedCache<Key: Hashable, Value> {
    private var newer: [Key: Value] = [:]
    private var older: [Key: Value] = [:]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(key: Key) -> Value? {
        mutating get {
            if let value = newer[key] { return value }
            guard let value = older[key] else { return nil }
            insert(value, for: key)
            return value
        }
        set {
            if let newValue { insert(newValue, for: key) } else { newer[key] = nil; older[key] = nil }
        }
    }

    private mutating func insert(_ value: Value, for key: Key) {
        if newer.count >= capacity {
            older = newer
            newer = [:]
        }
        newer[key] = value
    }
}
