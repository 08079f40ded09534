import Signatures
import Testing

/// The kind of a `SignatureError`, to state in tables which refusal an input must meet.
enum Refusal: String, Sendable {
    case malformed, unsupportedAlgorithm, wrongNamespace, weakKey, badSignature, unknownKey, expiredOrRevoked
    case gpgUnavailable, gpgFailed

    init(_ error: SignatureError) {
        switch error {
        case .malformed: self = .malformed
        case .unsupportedAlgorithm: self = .unsupportedAlgorithm
        case .wrongNamespace: self = .wrongNamespace
        case .weakKey: self = .weakKey
        case .badSignature: self = .badSignature
        case .unknownKey: self = .unknownKey
        case .expiredOrRevoked: self = .expiredOrRevoked
        case .gpgUnavailable: self = .gpgUnavailable
        case .gpgFailed: self = .gpgFailed
        }
    }
}

/// Checks that `error` is the expected refusal, says `words`, and follows the message style:
/// starts lowercase, no trailing period.
func expectRefusal(
    _ error: SignatureError, _ expected: Refusal, containing words: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(Refusal(error) == expected, "\(error)", sourceLocation: sourceLocation)
    if !words.isEmpty {
        #expect(error.description.contains(words), "\(error)", sourceLocation: sourceLocation)
    }
    expectHouseStyle(error, sourceLocation: sourceLocation)
}

func expectHouseStyle(_ error: SignatureError, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = error.description
    #expect(!text.isEmpty && !text.hasSuffix("."), "\(text)", sourceLocation: sourceLocation)
    #expect(text.first.map { !$0.isUppercase } ?? false, "\(text)", sourceLocation: sourceLocation)
}

/// The refusal `body` throws, recording an issue when it throws none or another error.
func refusal(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> SignatureError? {
    do {
        try body()
        Issue.record("expected a refusal, got none", sourceLocation: sourceLocation)
    } catch let error as SignatureError {
        return error
    } catch {
        Issue.record("expected a SignatureError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
