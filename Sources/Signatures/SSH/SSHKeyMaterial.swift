import Crypto
import CryptoExtras
import Foundation

/// The parsed public key behind an `SSHPublicKey`, ready for swift-crypto, and the checks that tie a
/// signature's encoding to it (RFC 8709 for Ed25519, RFC 5656 for ECDSA, RFC 8332 for RSA).
enum SSHKeyMaterial: Sendable {
    case ed25519(Curve25519.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey, modulusBits: Int)
    /// FIDO security keys (PROTOCOL.u2f): the key and the application it was made for (`ssh:`).
    case skEd25519(Curve25519.Signing.PublicKey, application: [UInt8])
    case skP256(P256.Signing.PublicKey, application: [UInt8])

    static let ed25519Name = "ssh-ed25519"
    static let skEd25519Name = "sk-ssh-ed25519@openssh.com"
    static let skECDSAName = "sk-ecdsa-sha2-nistp256@openssh.com"
    static let rsaName = "ssh-rsa"
    /// Key type, curve identifier and scalar size of each supported ECDSA curve.
    static let ecdsaCurves: [(type: String, curve: String, size: Int)] = [
        ("ecdsa-sha2-nistp256", "nistp256", 32),
        ("ecdsa-sha2-nistp384", "nistp384", 48),
        ("ecdsa-sha2-nistp521", "nistp521", 66),
    ]
    static let supportedTypes = [ed25519Name] + ecdsaCurves.map(\.type) + [rsaName, skEd25519Name, skECDSAName]
    /// RSA keys below this size are refused as weak.
    static let minimumRSABits = 2048
    /// OpenSSH's own upper bound for RSA moduli.
    static let maximumRSABits = 16384

    /// Parses the key fields that follow the type name in a public key blob.
    static func parse(type: String, from reader: inout SSHWireReader) throws(SignatureError) -> SSHKeyMaterial {
        if type == skEd25519Name || type == skECDSAName {
            let inner = try parse(type: type == skEd25519Name ? ed25519Name : "ecdsa-sha2-nistp256", from: &reader)
            let application = try reader.readString(field: "security key application")
            switch inner {
            case .ed25519(let key): return .skEd25519(key, application: application)
            case .p256(let key): return .skP256(key, application: application)
            default: throw .malformed("\(type) key is not a security key")
            }
        }
        if type == ed25519Name {
            let raw = try reader.readString(field: "ed25519 key")
            guard raw.count == 32 else {
                throw .malformed("ssh-ed25519 key is \(raw.count) bytes, expected 32")
            }
            do {
                return .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: raw))
            } catch {
                throw .malformed("ssh-ed25519 key is not a valid ed25519 point")
            }
        }
        if let ecdsa = ecdsaCurves.first(where: { $0.type == type }) {
            let curve = try reader.readText(field: "curve name")
            guard curve == ecdsa.curve else {
                throw .malformed("\(type) key names curve \"\(curve)\", expected \"\(ecdsa.curve)\"")
            }
            let point = try reader.readString(field: "curve point")
            guard point.count == 1 + 2 * ecdsa.size, point.first == 0x04 else {
                throw .malformed("\(type) key point is not an uncompressed \(ecdsa.curve) point")
            }
            do {
                switch ecdsa.size {
                case 32: return .p256(try P256.Signing.PublicKey(x963Representation: point))
                case 48: return .p384(try P384.Signing.PublicKey(x963Representation: point))
                default: return .p521(try P521.Signing.PublicKey(x963Representation: point))
                }
            } catch {
                throw .malformed("\(type) key point is not on the \(ecdsa.curve) curve")
            }
        }
        if type == rsaName {
            let exponent = try reader.readPositiveMPInt(field: "rsa exponent")
            let modulus = try reader.readPositiveMPInt(field: "rsa modulus")
            let bits = modulus.bitCount
            guard bits >= minimumRSABits else {
                throw .weakKey("ssh-rsa key has a \(bits)-bit modulus, at least \(minimumRSABits) bits are required")
            }
            guard bits <= maximumRSABits else {
                throw .malformed("ssh-rsa key has a \(bits)-bit modulus, more than \(maximumRSABits) bits")
            }
            guard exponent.bitCount > 1, exponent.last! & 1 == 1 else {
                throw .malformed("ssh-rsa key has an invalid public exponent")
            }
            do {
                return .rsa(try _RSA.Signing.PublicKey(n: modulus, e: exponent), modulusBits: bits)
            } catch {
                throw .malformed("ssh-rsa key is not a usable rsa key")
            }
        }
        throw .unsupportedAlgorithm(
            "ssh key type \"\(type)\" is not supported (use \(supportedTypes.joined(separator: ", ")))")
    }

    /// Key size in bits, as `ssh-keygen -l` prints it.
    var bitCount: Int {
        switch self {
        case .ed25519, .skEd25519: 256
        case .p256, .skP256: 256
        case .p384: 384
        case .p521: 521
        case .rsa(_, let bits): bits
        }
    }

    /// Parses an SSH signature encoding (`string algorithm, string signature`) made by this key,
    /// refusing algorithms that do not belong to it and values that cannot be well formed; returns the
    /// signature algorithm's name and the value.
    func signatureValue(
        from encoded: [UInt8], keyType: String
    ) throws(SignatureError) -> (algorithm: String, value: SSHSignatureValue) {
        var reader = SSHWireReader(encoded, subject: "\(keyType) signature")
        let algorithm = try reader.readText(field: "algorithm name")
        let bytes = try reader.readString(field: "signature bytes")
        // A security key's signature also carries its flags and counter (PROTOCOL.u2f).
        let device: (flags: UInt8, counter: UInt32)?
        switch self {
        case .skEd25519, .skP256:
            device = (try reader.readBytes(1, field: "security key flags")[0], try reader.readUInt32(field: "security key counter"))
        default:
            device = nil
        }
        try reader.expectEnd()

        switch self {
        case .skEd25519, .skP256:
            guard algorithm == keyType, let device else { throw Self.mismatch(algorithm, keyType) }
            let inner: SSHSignatureValue
            if case .skEd25519(let key, _) = self {
                inner = try Self.ed25519(key).signatureValue(fromValue: bytes, algorithm: Self.ed25519Name, keyType: Self.ed25519Name)
            } else if case .skP256(let key, _) = self {
                inner = try Self.p256(key).signatureValue(fromValue: bytes, algorithm: "ecdsa-sha2-nistp256", keyType: "ecdsa-sha2-nistp256")
            } else {
                throw Self.mismatch(algorithm, keyType)
            }
            return (algorithm, .securityKey(inner, flags: device.flags, counter: device.counter))
        default:
            return (algorithm, try signatureValue(fromValue: bytes, algorithm: algorithm, keyType: keyType))
        }
    }

    /// The signature value itself, for an algorithm that belongs to this (plain) key.
    private func signatureValue(fromValue bytes: [UInt8], algorithm: String, keyType: String) throws(SignatureError) -> SSHSignatureValue {
        switch self {
        case .ed25519:
            guard algorithm == Self.ed25519Name else { throw Self.mismatch(algorithm, keyType) }
            guard bytes.count == 64 else {
                throw .malformed("ssh-ed25519 signature is \(bytes.count) bytes, expected 64")
            }
            return .ed25519(bytes)
        case .p256, .p384, .p521:
            guard algorithm == keyType else { throw Self.mismatch(algorithm, keyType) }
            let size = Self.ecdsaCurves.first { $0.type == keyType }!.size
            var values = SSHWireReader(bytes, subject: "\(keyType) signature")
            let r = try values.readPositiveMPInt(field: "r value")
            let s = try values.readPositiveMPInt(field: "s value")
            try values.expectEnd()
            guard r.count <= size, s.count <= size else {
                throw .malformed("\(keyType) signature has a value longer than \(size) bytes")
            }
            // Raw form: r and s, each left-padded with zeros to the curve size.
            let raw = [UInt8](repeating: 0, count: size - r.count) + r
                + [UInt8](repeating: 0, count: size - s.count) + s
            return .ecdsa(raw)
        case .rsa(_, let bits):
            switch algorithm {
            case "rsa-sha2-256", "rsa-sha2-512":
                break
            case "ssh-rsa":
                throw .unsupportedAlgorithm(
                    "ssh-rsa signatures (rsa with sha-1) are refused, expected rsa-sha2-256 or rsa-sha2-512")
            default:
                throw Self.mismatch(algorithm, keyType)
            }
            let length = (bits + 7) / 8
            guard bytes.count <= length else {
                throw .malformed("\(algorithm) signature is \(bytes.count) bytes, longer than the \(length)-byte modulus")
            }
            // A signer may drop leading zero bytes; the value is restored to the modulus length.
            let padded = [UInt8](repeating: 0, count: length - bytes.count) + bytes
            return .rsa(padded, sha512: algorithm == "rsa-sha2-512")
        case .skEd25519, .skP256:
            throw Self.mismatch(algorithm, keyType)
        }
    }

    /// Checks `value` over `data` with this key and the hash its algorithm implies.
    func isValid(_ value: SSHSignatureValue, over data: [UInt8]) -> Bool {
        switch (self, value) {
        case (.skEd25519(let key, let application), .securityKey(let inner, let flags, let counter)):
            return Self.ed25519(key).isValid(inner, over: Self.securityKeyData(application: application, flags: flags, counter: counter, data: data))
        case (.skP256(let key, let application), .securityKey(let inner, let flags, let counter)):
            return Self.p256(key).isValid(inner, over: Self.securityKeyData(application: application, flags: flags, counter: counter, data: data))
        case (.ed25519(let key), .ed25519(let bytes)):
            return key.isValidSignature(bytes, for: data)
        case (.p256(let key), .ecdsa(let raw)):
            guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: SHA256.hash(data: data))
        case (.p384(let key), .ecdsa(let raw)):
            guard let signature = try? P384.Signing.ECDSASignature(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: SHA384.hash(data: data))
        case (.p521(let key), .ecdsa(let raw)):
            guard let signature = try? P521.Signing.ECDSASignature(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: SHA512.hash(data: data))
        case (.rsa(let key, _), .rsa(let bytes, let sha512)):
            let signature = _RSA.Signing.RSASignature(rawRepresentation: bytes)
            return sha512
                ? key.isValidSignature(signature, for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5)
                : key.isValidSignature(signature, for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
        default:
            return false
        }
    }

    /// What a security key signs (PROTOCOL.u2f): SHA-256 of the application, the flags, the
    /// counter, and SHA-256 of the data.
    static func securityKeyData(application: [UInt8], flags: UInt8, counter: UInt32, data: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: application)) + [flags] + withUnsafeBytes(of: counter.bigEndian, Array.init) + Array(SHA256.hash(data: data))
    }

    private static func mismatch(_ algorithm: String, _ keyType: String) -> SignatureError {
        .malformed("signature algorithm \"\(algorithm)\" does not belong to a \(keyType) key")
    }
}

/// A signature value in the form swift-crypto verifies.
enum SSHSignatureValue: Hashable, Sendable {
    case ed25519([UInt8])
    /// r and s, each padded to the curve size.
    case ecdsa([UInt8])
    /// PKCS #1 v1.5 signature padded to the modulus length, over SHA-512 or SHA-256.
    case rsa([UInt8], sha512: Bool)
    /// A security key's signature: the inner value, over `securityKeyData`, with its flags
    /// (0x01 user present, 0x04 user verified) and counter.
    indirect case securityKey(SSHSignatureValue, flags: UInt8, counter: UInt32)
}
