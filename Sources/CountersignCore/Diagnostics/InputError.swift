/// Input that cannot be used at all (exit 2): no repository, unreadable policy, unknown review, bad arguments.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String?
    public var line: Int?

    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        guard let path else { return message }
        return line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}
