/// One specific thing that blocks a step (docs/reference.md#rules), with the file and line it is about.
public struct GapItem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var code: Rule
    public var step: String
    public var path: String
    @NullWhenAbsent public var line: Int?
    public var message: String

    public init(code: Rule, step: String, path: String, line: Int? = nil, message: String) {
        self.code = code
        self.step = step
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(message) (\(code))"
    }
}
