/// A fast 64-bit fingerprint of bytes, to tell whether an input or an output changed since the last build.
/// It reads eight bytes at a step and mixes like wyhash's final step; it is not a cryptographic hash.
public struct ContentHash: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: UInt64

    public init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var hasher = Hasher64()
        hasher.combine(bytes)
        value = hasher.finish()
    }

    public init(_ text: String) { self.init(text.utf8) }

    init(value: UInt64) { self.value = value }

    /// One hash over several parts; the length of each is mixed in, so `["ab", "c"]` and `["a", "bc"]` differ.
    public init(parts: [String]) {
        var hasher = Hasher64()
        for part in parts { hasher.combine(part.utf8); hasher.mix(UInt64(part.utf8.count)) }
        value = hasher.finish()
    }

    /// One hash over numbers (counts, offsets, other hashes), each mixed in whole, then their count.
    init(numbers: [UInt64]) {
        var hasher = Hasher64()
        for number in numbers { hasher.mix(number) }
        hasher.mix(UInt64(numbers.count))
        value = hasher.finish()
    }

    /// Encoded as a bare number: the manifest holds tens of thousands of these.
    public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(UInt64.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The streaming state of `ContentHash`.
struct Hasher64 {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var length: UInt64 = 0

    mutating func mix(_ word: UInt64) {
        let product = (state ^ word).multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        state = product.high ^ product.low
    }

    mutating func combine<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        length &+= UInt64(bytes.count)
        let handled = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            let raw = UnsafeRawBufferPointer(buffer)
            var offset = 0
            while offset + 8 <= raw.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail: UInt64 = 0
            for (shift, byte) in raw[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            mix(tail ^ 0xE703_7ED1_A0B4_28DB)
            return true
        }
        if handled == nil { combine(Array(bytes)) ; length &-= UInt64(bytes.count) }
    }

    func finish() -> UInt64 {
        var final = self
        final.mix(length)
        return final.state
    }
}
