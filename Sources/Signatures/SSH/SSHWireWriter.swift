/// Writes the SSH wire encoding; used to build the data an SSHSIG signature covers.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    mutating func append(string: some Collection<UInt8>) {
        let length = UInt32(string.count)
        bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
        bytes.append(contentsOf: string)
    }

    mutating func append(text: String) { append(string: Array(text.utf8)) }
}
