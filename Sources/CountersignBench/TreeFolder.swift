import GitKit

/// A folder of the tree being built, its entries kept in git's order. Its id is cached until
/// something below it changes, so each commit writes only the folders on the changed paths.
final class TreeFolder {
    enum Child {
        case file(ObjectID)
        case folder(TreeFolder)
        /// A folder of an existing tree, read only when something below it changes.
        case stored(ObjectID)
    }

    private struct Slot {
        /// The name as git sorts it: a folder's name compares as if it ended with "/".
        var key: [UInt8]
        var name: String
        var child: Child
        /// `<mode> <name>\0<20-byte id>`, empty while the child's id is unknown.
        var encoded: [UInt8]
    }

    let path: String
    private var slots: [Slot] = []
    private(set) var id: ObjectID?

    init(path: String) {
        self.path = path
    }

    /// The folder of an existing tree `id` with its entries.
    init(path: String, id: ObjectID, entries: [TreeEntry]) {
        self.path = path
        self.id = id
        slots = entries.map { entry in
            let child: Child = entry.mode == .tree ? .stored(entry.id) : .file(entry.id)
            var slot = Slot(key: Self.key(entry.name, folder: entry.mode == .tree), name: entry.name, child: child, encoded: [])
            slot.encoded = Self.encode(slot.name, child: child, id: entry.id)
            return slot
        }
    }

    var isEmpty: Bool { slots.isEmpty }

    /// Sets the file at `parts` (a path split at "/") to `blob`, or removes it when nil; missing
    /// folders are made, emptied ones removed. `load` reads an existing tree's entries.
    func set(_ parts: ArraySlice<String>, blob: ObjectID?, load: (ObjectID) throws -> [TreeEntry]) throws {
        id = nil
        guard let name = parts.first else { return }
        if parts.count == 1 {
            if let blob {
                put(name, .file(blob))
            } else if let index = find(name, folder: false) {
                slots.remove(at: index)
            }
            return
        }
        let folder: TreeFolder
        let index: Int
        if let found = find(name, folder: true) {
            index = found
            switch slots[found].child {
            case .folder(let existing): folder = existing
            case .stored(let stored): folder = TreeFolder(path: "\(path)\(name)/", id: stored, entries: try load(stored))
            case .file: fatalError("\(path)\(name) is a file")
            }
        } else {
            folder = TreeFolder(path: "\(path)\(name)/")
            index = put(name, .folder(folder))
        }
        slots[index].child = .folder(folder)
        slots[index].encoded = []
        try folder.set(parts.dropFirst(), blob: blob, load: load)
        if folder.isEmpty { slots.remove(at: index) }
    }

    /// Writes this folder and every changed folder below it; returns the folder's id.
    func write(to sink: ObjectSink) throws -> ObjectID {
        if let id { return id }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(slots.count * 48)
        for index in slots.indices {
            if slots[index].encoded.isEmpty {
                let childID: ObjectID
                switch slots[index].child {
                case .file(let blob): childID = blob
                case .stored(let tree): childID = tree
                case .folder(let folder): childID = try folder.write(to: sink)
                }
                slots[index].encoded = Self.encode(slots[index].name, child: slots[index].child, id: childID)
            }
            bytes += slots[index].encoded
        }
        let id = RawObjects.id(.tree, bytes)
        try sink.store(.tree, bytes, id: id, versionKey: path)
        self.id = id
        return id
    }

    /// Inserts or replaces the entry `name`; returns its index.
    @discardableResult
    private func put(_ name: String, _ child: Child) -> Int {
        let isFolder = if case .file = child { false } else { true }
        let key = Self.key(name, folder: isFolder)
        var low = 0, high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if slots[middle].key.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        if low < slots.count && slots[low].key == key {
            slots[low].child = child
            slots[low].encoded = []
        } else {
            slots.insert(Slot(key: key, name: name, child: child, encoded: []), at: low)
        }
        return low
    }

    private func find(_ name: String, folder: Bool) -> Int? {
        let key = Self.key(name, folder: folder)
        var low = 0, high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if slots[middle].key.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low < slots.count && slots[low].key == key ? low : nil
    }

    private static func key(_ name: String, folder: Bool) -> [UInt8] {
        Array(name.utf8) + (folder ? [UInt8(ascii: "/")] : [])
    }

    private static func encode(_ name: String, child: Child, id: ObjectID) -> [UInt8] {
        let mode = if case .file = child { "100644" } else { "40000" }
        return Array("\(mode) \(name)\0".utf8) + id.bytes
    }
}
