/// One specific thing that blocks a step (spec section 4), with the file and line it is about.
public struct GapItem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var code: String
    public var step: String
    public var path: String
    public var line: Int?
    public var message: String

    public init(code: String, step: String, path: String, line: Int? = nil, message: String) {
        self.code = code
        self.step = step
        self.path = path
        self.line = line
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case code, step, path, line, message }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(step, forKey: .step)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(message, forKey: .message)
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(message) (\(code))"
    }
}
