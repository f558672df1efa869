/// A compact binary form of `Codable` values, for the build cache: fields in the order they are coded,
/// without keys; integers as varints, strings as length and UTF-8 bytes, arrays as count and elements,
/// optionals behind a one-byte marker. Decoding is several times faster than JSON.
///
/// A type that is a `BinaryField` writes and reads the same bytes itself, much faster; `handWritten: false`
/// takes its `Codable` conformance instead (to test that the two agree).
///
/// It codes structs, arrays, optionals and raw-value enums: everything the cache holds. Keyed containers
/// are read back in the order they were written, so a dictionary or an enum with associated values (whose
/// decoding asks for `allKeys`) cannot be coded: encoding one throws.
enum BinaryCoder {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    struct Truncated: Error {}

    static func encode<Value: Encodable>(_ value: Value, handWritten: Bool = true) throws -> [UInt8] {
        let encoder = BinaryEncoder(handWritten: handWritten)
        try encoder.encodeValue(value)
        return encoder.bytes
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], handWritten: Bool = true) throws -> Value {
        let decoder = BinaryDecoder(bytes, handWritten: handWritten)
        let value = try decoder.decodeValue(type)
        guard decoder.position == bytes.count else { throw Truncated() }
        return value
    }
}

/// Lets the coder see through `Optional` in generic positions (an array of optionals, a single value).
private protocol OptionalCoding {
    static var wrappedType: Any.Type { get }
    var wrappedValue: Any? { get }
    static func wrapping(_ value: Any?) -> Self
}

/// Marks dictionaries, which the coder refuses (see `BinaryCoder`).
private protocol DictionaryCoding {}
extension Dictionary: DictionaryCoding {}

extension Optional: OptionalCoding {
    static var wrappedType: Any.Type { Wrapped.self }
    var wrappedValue: Any? { self.map { $0 as Any } }
    static func wrapping(_ value: Any?) -> Self { value.map { $0 as! Wrapped } }
}

/// How the coder writes a type: as one of the primitives, behind an optional's marker, not at all (a
/// dictionary), by its hand-written `BinaryField` form, or by the type's own `Codable` conformance.
private enum CodedKind {
    case string, bool, int, int32, int16, int8, int64, uint64, uint32, uint16, uint8, uint, double, float
    case optional, dictionary, field, other

    /// The other primitives (`of` compares String, Int and Bool first), found by identity (no cast); read
    /// from every thread, never changed.
    private static let primitives: [ObjectIdentifier: CodedKind] = [
        ObjectIdentifier(Int32.self): .int32, ObjectIdentifier(Int16.self): .int16, ObjectIdentifier(Int8.self): .int8,
        ObjectIdentifier(Int64.self): .int64, ObjectIdentifier(UInt64.self): .uint64, ObjectIdentifier(UInt32.self): .uint32,
        ObjectIdentifier(UInt16.self): .uint16, ObjectIdentifier(UInt8.self): .uint8, ObjectIdentifier(UInt.self): .uint,
        ObjectIdentifier(Double.self): .double, ObjectIdentifier(Float.self): .float,
    ]

    /// The kind of `type`. Other types are told apart by protocol casts, which are slow: their kinds are
    /// kept in `cache`, which belongs to one coder.
    static func of(_ type: Any.Type, cache: inout [ObjectIdentifier: CodedKind]) -> CodedKind {
        // The commonest first, by comparing metadata pointers: cheaper than hashing into a table.
        if type == String.self { return .string }
        if type == Int.self { return .int }
        if type == Bool.self { return .bool }
        let id = ObjectIdentifier(type)
        if let kind = primitives[id] ?? cache[id] { return kind }
        let kind: CodedKind = type is any OptionalCoding.Type ? .optional : type is any DictionaryCoding.Type ? .dictionary
            : type is any BinaryField.Type ? .field : .other
        cache[id] = kind
        return kind
    }
}

// MARK: - Encoding

private final class BinaryEncoder: Encoder {
    var bytes: [UInt8] = []
    /// Whether `BinaryField` values write themselves (else they go through `Codable`).
    let handWritten: Bool
    /// The kinds of the types met so far that are not primitives.
    var kinds: [ObjectIdentifier: CodedKind] = [:]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(handWritten: Bool) { self.handWritten = handWritten }

    /// Lends `bytes` to a `BinaryWriter`, which writes the primitives (one definition of the form).
    private func writing(_ body: (inout BinaryWriter) -> Void) {
        var writer = BinaryWriter()
        swap(&writer.bytes, &bytes)
        body(&writer)
        swap(&writer.bytes, &bytes)
    }

    func writeVarint(_ value: UInt64) { writing { $0.varint(value) } }

    func writeSigned(_ value: Int64) { writing { $0.signed(value) } }

    func writeString(_ value: String) { writing { $0.string(value) } }

    /// Writes one value: primitives directly, optionals behind a marker, everything else by its `encode(to:)`.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        // A value's type is known from a table, not from casts (which cost more than the writing); once the
        // type is known, `unsafeBitCast` to it is an identity.
        switch CodedKind.of(Value.self, cache: &kinds) {
        case .string: writeString(unsafeBitCast(value, to: String.self))
        case .bool: bytes.append(unsafeBitCast(value, to: Bool.self) ? 1 : 0)
        case .int: writeSigned(Int64(unsafeBitCast(value, to: Int.self)))
        case .int32: writeSigned(Int64(unsafeBitCast(value, to: Int32.self)))
        case .int16: writeSigned(Int64(unsafeBitCast(value, to: Int16.self)))
        case .int8: writeSigned(Int64(unsafeBitCast(value, to: Int8.self)))
        case .int64: writeSigned(unsafeBitCast(value, to: Int64.self))
        case .uint64: writeVarint(unsafeBitCast(value, to: UInt64.self))
        case .uint32: writeVarint(UInt64(unsafeBitCast(value, to: UInt32.self)))
        case .uint16: writeVarint(UInt64(unsafeBitCast(value, to: UInt16.self)))
        case .uint8: bytes.append(unsafeBitCast(value, to: UInt8.self))
        case .uint: writeVarint(UInt64(unsafeBitCast(value, to: UInt.self)))
        case .double: writeVarint(unsafeBitCast(value, to: Double.self).bitPattern)
        case .float: writeVarint(UInt64(unsafeBitCast(value, to: Float.self).bitPattern))
        case .optional:
            if let wrapped = (value as! any OptionalCoding).wrappedValue as? any Encodable {
                bytes.append(1)
                try encodeValue(wrapped)
            } else {
                bytes.append(0)
            }
        case .dictionary:
            throw BinaryCoder.Unsupported(description: "a dictionary cannot be coded in binary (\(Value.self))")
        case .field where handWritten:
            writing { (value as! any BinaryField).write(to: &$0) }
        case .field, .other:
            try value.encode(to: self)
        }
    }

    /// Writes an optional as its marker and, when present, the value: the form `decodeValue` reads for
    /// `Optional`, without casting through it.
    func encodePresent<Value: Encodable>(_ value: Value?) throws {
        if let value {
            bytes.append(1)
            try encodeValue(value)
        } else {
            bytes.append(0)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedContainer(encoder: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: BinaryEncoder
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws { encoder.bytes.append(0) }

        func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws { try encoder.encodeValue(value) }

        // An absent optional is written as a marker (the default would write nothing), for every overload.
        func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encoder.encodePresent(value) }
        func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encoder.encodePresent(value) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            encoder.container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { encoder.unkeyedContainer() }
        func superEncoder() -> any Encoder { encoder }
        func superEncoder(forKey key: Key) -> any Encoder { encoder }
    }

    /// Elements follow a four-byte count, patched as each element is added.
    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let encoder: BinaryEncoder
        let countOffset: Int
        var count = 0
        var codingPath: [any CodingKey] { [] }

        init(encoder: BinaryEncoder) {
            self.encoder = encoder
            countOffset = encoder.bytes.count
            encoder.bytes.append(contentsOf: [0, 0, 0, 0])
        }

        private mutating func added() {
            count += 1
            for index in 0..<4 { encoder.bytes[countOffset + index] = UInt8(truncatingIfNeeded: count >> (8 * index)) }
        }

        mutating func encodeNil() throws { throw BinaryCoder.Unsupported(description: "a bare nil cannot be coded in binary") }

        mutating func encode<Value: Encodable>(_ value: Value) throws {
            try encoder.encodeValue(value)
            added()
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            added()
            return encoder.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            added()
            return encoder.unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { encoder }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: BinaryEncoder
        var codingPath: [any CodingKey] { [] }
        func encodeNil() throws { throw BinaryCoder.Unsupported(description: "a bare nil cannot be coded in binary") }
        func encode<Value: Encodable>(_ value: Value) throws { try encoder.encodeValue(value) }
    }
}

// MARK: - Decoding

private final class BinaryDecoder: Decoder {
    let bytes: [UInt8]
    var position = 0
    /// Whether `BinaryField` values read themselves (else they go through `Codable`).
    let handWritten: Bool
    /// The kinds of the types met so far that are not primitives.
    var kinds: [ObjectIdentifier: CodedKind] = [:]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ bytes: [UInt8], handWritten: Bool) {
        self.bytes = bytes
        self.handWritten = handWritten
    }

    /// Lends the bytes from `position` on to a `BinaryReader`, which reads the primitives (one definition
    /// of the form), and moves `position` past what it read.
    private func reading<Value>(_ body: (inout BinaryReader) throws -> Value) throws -> Value {
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(bytes: buffer, position: position)
            defer { position = reader.position }
            return try body(&reader)
        }
    }

    func readByte() throws -> UInt8 { try reading { try $0.byte() } }

    func readVarint() throws -> UInt64 { try reading { try $0.varint() } }

    func readSigned() throws -> Int64 { Int64(try reading { try $0.signed() }) }

    func readString() throws -> String { try reading { try $0.string() } }

    func readInteger<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
        let value: Value? = Value.isSigned ? Value(exactly: try readSigned()) : Value(exactly: try readVarint())
        guard let value else { throw BinaryCoder.Truncated() }
        return value
    }

    /// Reads one value written by `BinaryEncoder.encodeValue`.
    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        // As in encoding, the type's kind comes from a table; `unsafeBitCast` to `Value` is then an identity.
        switch CodedKind.of(Value.self, cache: &kinds) {
        case .string: return unsafeBitCast(try readString(), to: Value.self)
        case .bool: return unsafeBitCast(try readByte() != 0, to: Value.self)
        case .int: return unsafeBitCast(try readInteger(Int.self), to: Value.self)
        case .int32: return unsafeBitCast(try readInteger(Int32.self), to: Value.self)
        case .int16: return unsafeBitCast(try readInteger(Int16.self), to: Value.self)
        case .int8: return unsafeBitCast(try readInteger(Int8.self), to: Value.self)
        case .int64: return unsafeBitCast(try readInteger(Int64.self), to: Value.self)
        case .uint64: return unsafeBitCast(try readInteger(UInt64.self), to: Value.self)
        case .uint32: return unsafeBitCast(try readInteger(UInt32.self), to: Value.self)
        case .uint16: return unsafeBitCast(try readInteger(UInt16.self), to: Value.self)
        case .uint8: return unsafeBitCast(try readByte(), to: Value.self)
        case .uint: return unsafeBitCast(try readInteger(UInt.self), to: Value.self)
        case .double: return unsafeBitCast(Double(bitPattern: try readVarint()), to: Value.self)
        case .float: return unsafeBitCast(Float(bitPattern: try readInteger(UInt32.self)), to: Value.self)
        case .optional:
            let optional = Value.self as! any OptionalCoding.Type
            guard try readByte() != 0 else { return optional.wrapping(nil) as! Value }
            guard let wrapped = optional.wrappedType as? any Decodable.Type else { throw BinaryCoder.Truncated() }
            return optional.wrapping(try decodeValue(wrapped)) as! Value
        case .field where handWritten:
            let field = Value.self as! any BinaryField.Type
            return try reading { try field.init(reading: &$0) } as! Value
        case .dictionary, .field, .other:
            return try Value(from: self)
        }
    }

    /// Reads an optional's marker and, when it says present, the value.
    func decodePresent<Value: Decodable>(_ type: Value.Type) throws -> Value? {
        try readByte() == 0 ? nil : decodeValue(type)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedContainer(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: BinaryDecoder
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        /// Reads an optional's marker: true when the value is absent.
        func decodeNil(forKey key: Key) throws -> Bool { try decoder.readByte() == 0 }
        func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value { try decoder.decodeValue(type) }
        // An optional field is its marker, then the value: read as such, with no casts through `Optional`.
        func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? { try decoder.decodePresent(type) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoder.decodePresent(type) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoder.decodePresent(type) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoder.decodePresent(type) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decoder.decodePresent(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder.container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try decoder.unkeyedContainer() }
        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: BinaryDecoder
        let total: Int
        var currentIndex = 0
        var codingPath: [any CodingKey] { [] }
        var count: Int? { total }
        var isAtEnd: Bool { currentIndex >= total }

        init(decoder: BinaryDecoder) throws {
            self.decoder = decoder
            var total = 0
            for index in 0..<4 { total |= Int(try decoder.readByte()) << (8 * index) }
            self.total = total
        }

        private mutating func next() throws {
            guard !isAtEnd else { throw BinaryCoder.Truncated() }
            currentIndex += 1
        }

        /// Optional elements are read through their marker in `decode`; a bare nil is never written.
        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
            try next()
            return try decoder.decodeValue(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next()
            return try decoder.container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next()
            return try decoder.unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { decoder }
    }

    struct SingleContainer: SingleValueDecodingContainer {
        let decoder: BinaryDecoder
        var codingPath: [any CodingKey] { [] }
        /// Optionals are read through their marker in `decodeValue`; a bare nil is never written.
        func decodeNil() -> Bool { false }
        func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try decoder.decodeValue(type) }
    }
}
