import Crypto
import Foundation
import GitKit

/// Writes a version 2 pack file entry by entry: whole objects, or a large tree as a delta against
/// its previous version (chains at most 50 deep, git's default), and indexes it with `git index-pack`.
/// Writing a pack once is far faster than loose objects followed by a repack.
final class PackWriter: ObjectSink {
    static let maxDepth = 50
    /// Trees smaller than this are stored whole.
    static let deltaThreshold = 1024

    private let url: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var offset = 12
    private(set) var count = 0
    private var written = Set<ObjectID>()
    /// The last version written under each key (a folder's path) and its place in its delta chain.
    private var versions: [String: (bytes: [UInt8], offset: Int, depth: Int)] = [:]

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw BenchError("cannot create \(url.path)") }
        handle = try FileHandle(forUpdating: url)
        buffer.reserveCapacity(1 << 23)
        buffer += Array("PACK".utf8) + [0, 0, 0, 2] + [0, 0, 0, 0]
    }

    /// Adds an object unless the pack has it already. `versionKey` names a series of versions of one
    /// tree (its path); a large one is stored as a delta against the previous version of the series.
    func store(_ type: ObjectType, _ data: [UInt8], id: ObjectID, versionKey: String?) throws {
        guard written.insert(id).inserted else { return }
        count += 1
        let start = offset
        var depth = 0
        if let versionKey, data.count >= Self.deltaThreshold {
            if let previous = versions[versionKey], previous.depth < Self.maxDepth {
                let delta = Self.delta(from: previous.bytes, to: data)
                if delta.count < data.count / 2 {
                    depth = previous.depth + 1
                    var entry = Self.entryHeader(type: 6, size: delta.count)
                    entry += Self.offsetEncoding(start - previous.offset)
                    StoredDeflate.encode(delta, into: &entry)
                    try append(entry)
                    versions[versionKey] = (data, start, depth)
                    return
                }
            }
            versions[versionKey] = (data, start, 0)
        }
        var entry = Self.entryHeader(type: Self.typeCode(type), size: data.count)
        StoredDeflate.encode(data, into: &entry)
        try append(entry)
    }

    /// Completes the pack (object count, SHA-1 trailer) and indexes it in `repository` (a git
    /// directory) as `objects/pack/pack-<hash>.pack`; returns the pack's size in bytes.
    @discardableResult
    func finish(indexIn repository: URL) throws -> Int {
        try flush()
        try handle.seek(toOffset: 8)
        try handle.write(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: UInt32(count) >> $0) })
        try handle.seek(toOffset: 0)
        var hasher = Insecure.SHA1()
        while let chunk = try handle.read(upToCount: 1 << 24), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        try handle.seekToEnd()
        try handle.write(contentsOf: Array(hasher.finalize()))
        try handle.close()
        let result = try Command.capture(["git", "index-pack", url.path], in: repository)
        let hash = result.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").last.map(String.init) ?? ""
        guard hash.count == 40 else { throw BenchError("git index-pack printed \(result)") }
        let folder = url.deletingLastPathComponent()
        let manager = FileManager.default
        try manager.moveItem(at: url, to: folder.appendingPathComponent("pack-\(hash).pack"))
        try manager.moveItem(at: url.deletingPathExtension().appendingPathExtension("idx"), to: folder.appendingPathComponent("pack-\(hash).idx"))
        return offset + 20
    }

    private func append(_ entry: [UInt8]) throws {
        buffer += entry
        offset += entry.count
        if buffer.count >= 1 << 23 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func typeCode(_ type: ObjectType) -> UInt8 {
        switch type {
        case .commit: 1
        case .tree: 2
        case .blob: 3
        case .tag: 4
        }
    }

    /// Type and size: 3 bits of type, then the size in 4 + 7·n bits, low bits first.
    private static func entryHeader(type: UInt8, size: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = size >> 4
        var byte = type << 4 | UInt8(size & 0x0f)
        while rest > 0 {
            bytes.append(byte | 0x80)
            byte = UInt8(rest & 0x7f)
            rest >>= 7
        }
        bytes.append(byte)
        return bytes
    }

    /// The distance back to an OFS_DELTA's base, in git's offset encoding.
    private static func offsetEncoding(_ distance: Int) -> [UInt8] {
        var value = distance
        var bytes = [UInt8(value & 0x7f)]
        value >>= 7
        while value > 0 {
            value -= 1
            bytes.insert(0x80 | UInt8(value & 0x7f), at: 0)
            value >>= 7
        }
        return bytes
    }

    /// A git delta from `base` to `target`: copy the common prefix, insert the middle, copy the common suffix.
    static func delta(from base: [UInt8], to target: [UInt8]) -> [UInt8] {
        let limit = min(base.count, target.count)
        var prefix = 0
        var suffix = 0
        base.withUnsafeBufferPointer { old in
            target.withUnsafeBufferPointer { new in
                while prefix < limit && old[prefix] == new[prefix] { prefix += 1 }
                while suffix < limit - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
            }
        }
        var out = varint(base.count) + varint(target.count)
        copy(offset: 0, size: prefix, into: &out)
        var start = prefix
        let end = target.count - suffix
        while start < end {
            let length = min(127, end - start)
            out.append(UInt8(length))
            out += target[start..<start + length]
            start += length
        }
        copy(offset: base.count - suffix, size: suffix, into: &out)
        return out
    }

    private static func copy(offset: Int, size: Int, into out: inout [UInt8]) {
        var position = offset
        var remaining = size
        while remaining > 0 {
            let length = min(remaining, 0x10000)
            var command: UInt8 = 0x80
            var arguments: [UInt8] = []
            for index in 0..<4 where (position >> (8 * index)) & 0xff != 0 {
                command |= 1 << index
                arguments.append(UInt8((position >> (8 * index)) & 0xff))
            }
            if length != 0x10000 {
                for index in 0..<3 where (length >> (8 * index)) & 0xff != 0 {
                    command |= 0x10 << index
                    arguments.append(UInt8((length >> (8 * index)) & 0xff))
                }
            }
            out.append(command)
            out += arguments
            position += length
            remaining -= length
        }
    }

    private static func varint(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            let byte = UInt8(rest & 0x7f)
            rest >>= 7
            bytes.append(rest > 0 ? byte | 0x80 : byte)
        } while rest > 0
        return bytes
    }
}
