/// A value that reads and writes itself as bytes for the cache store: varints, zigzag varints for signed
/// numbers, strings as a length and UTF-8, arrays as a count of four bytes and their elements. The case
/// cache's heads, read for every case on every build, are made of such values.
///
/// A conforming struct reads its fields in the order they are declared, through its memberwise
/// initializer, so a new field that is not read does not compile.
protocol BinaryField {
    init(reading reader: inout BinaryReader) throws
    func write(to writer: inout BinaryWriter)
}

/// Reads `BinaryField`'s form from bytes that stay put while it reads.
struct BinaryReader {
    /// The bytes end before the value does, or do not make one.
    struct Truncated: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    var remaining: Int { bytes.count - position }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw BinaryReader.Truncated() }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw BinaryReader.Truncated() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A zigzag varint that fits `Int`.
    mutating func signed() throws -> Int {
        let raw = try varint()
        guard let value = Int(exactly: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)) else { throw BinaryReader.Truncated() }
        return value
    }

    /// An array's count: four bytes, little-endian.
    mutating func count() throws -> Int {
        var count = 0
        for index in 0..<4 { count |= Int(try byte()) << (8 * index) }
        return count
    }

    mutating func string() throws -> String {
        guard let count = Int(exactly: try varint()), count <= remaining else { throw BinaryReader.Truncated() }
        defer { position += count }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
    }

    mutating func read<Value: BinaryField>(_ type: Value.Type = Value.self) throws -> Value {
        try Value(reading: &self)
    }
}

/// Writes `BinaryField`'s form.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A zigzag varint.
    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func count(_ count: Int) {
        for index in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: count >> (8 * index))) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write<Value: BinaryField>(_ value: Value) { value.write(to: &self) }
}

extension String: BinaryField {
    init(reading reader: inout BinaryReader) throws { self = try reader.string() }
    func write(to writer: inout BinaryWriter) { writer.string(self) }
}

extension Int: BinaryField {
    init(reading reader: inout BinaryReader) throws { self = try reader.signed() }
    func write(to writer: inout BinaryWriter) { writer.signed(Int64(self)) }
}

extension UInt64: BinaryField {
    init(reading reader: inout BinaryReader) throws { self = try reader.varint() }
    func write(to writer: inout BinaryWriter) { writer.varint(self) }
}

extension Bool: BinaryField {
    init(reading reader: inout BinaryReader) throws { self = try reader.byte() != 0 }
    func write(to writer: inout BinaryWriter) { writer.bytes.append(self ? 1 : 0) }
}

extension Double: BinaryField {
    init(reading reader: inout BinaryReader) throws { self = Double(bitPattern: try reader.varint()) }
    func write(to writer: inout BinaryWriter) { writer.varint(bitPattern) }
}

/// A marker byte, then the value when there is one.
extension Optional: BinaryField where Wrapped: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        self = try reader.byte() == 0 ? nil : Wrapped(reading: &reader)
    }

    func write(to writer: inout BinaryWriter) {
        if let self {
            writer.bytes.append(1)
            self.write(to: &writer)
        } else {
            writer.bytes.append(0)
        }
    }
}

/// The count, then the elements.
extension Array: BinaryField where Element: BinaryField {
    init(reading reader: inout BinaryReader) throws {
        let count = try reader.count()
        // Every element takes at least one byte: a count beyond the bytes left is a damaged file.
        guard count <= reader.remaining else { throw BinaryReader.Truncated() }
        self.init()
        reserveCapacity(count)
        for _ in 0..<count { append(try Element(reading: &reader)) }
    }

    func write(to writer: inout BinaryWriter) {
        writer.count(count)
        for element in self { element.write(to: &writer) }
    }
}

/// A raw-value enum is its raw value.
extension BinaryField where Self: RawRepresentable, RawValue == String {
    init(reading reader: inout BinaryReader) throws {
        guard let value = Self(rawValue: try reader.string()) else { throw BinaryReader.Truncated() }
        self = value
    }

    func write(to writer: inout BinaryWriter) { writer.string(rawValue) }
}
