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
        for part in parts { hasher.combine(part: part) }
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

/// The streaming state of `ContentHash`: bytes fed in pieces hash as the same bytes fed at once. Four
/// lanes each take every fourth 8-byte word with xxHash64's round, so the multiplications do not wait on
/// one another; the lanes are folded together at the end with wyhash's mixing step.
struct Hasher64 {
    private static let multiplier: UInt64 = 0xA076_1D64_78BD_642F
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xE703_7ED1_A0B4_28DB, 0x8EBC_6AF0_9C88_C6E3, 0x5899_65CC_7537_4CC3)
    /// Bytes not yet making a whole block of 32, waiting for the next piece.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private var length: UInt64 = 0

    /// xxHash64's round: one word into one lane.
    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let sum = lane &+ word &* 0xC2B2_AE3D_27D4_EB4F
        return ((sum << 31) | (sum >> 33)) &* 0x9E37_79B1_85EB_CA87
    }

    /// wyhash's mixing step, for folding the lanes and the length into one value.
    private static func mixed(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word).multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    /// Feeds one number, as its eight bytes.
    mutating func mix(_ word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { combine(raw: $0) }
    }

    /// Feeds a text and then its length, so that parts fed one after another cannot run together.
    mutating func combine(part: String) {
        combine(part.utf8)
        mix(UInt64(part.utf8.count))
    }

    mutating func combine<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { combine(raw: UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(bytes).withUnsafeBytes { combine(raw: $0) } }
    }

    mutating func combine(raw: UnsafeRawBufferPointer) {
        length &+= UInt64(raw.count)
        var offset = 0
        if pendingCount > 0 {
            let taken = min(32 - pendingCount, raw.count)
            let filled = pendingCount
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: filled).copyMemory(from: raw.baseAddress!, byteCount: taken) }
            pendingCount += taken
            offset = taken
            guard pendingCount == 32 else { return }
            let block = pending
            absorb(block.0, block.1, block.2, block.3)
            pendingCount = 0
        }
        var (a, b, c, d) = lanes
        while offset + 32 <= raw.count {
            a = Self.round(a, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            b = Self.round(b, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            c = Self.round(c, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
            d = Self.round(d, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
            offset += 32
        }
        lanes = (a, b, c, d)
        let rest = raw.count - offset
        if rest > 0 {
            pending = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: raw.baseAddress! + offset, byteCount: rest) }
            pendingCount = rest
        }
    }

    private mutating func absorb(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        lanes = (Self.round(lanes.0, UInt64(littleEndian: a)), Self.round(lanes.1, UInt64(littleEndian: b)),
                 Self.round(lanes.2, UInt64(littleEndian: c)), Self.round(lanes.3, UInt64(littleEndian: d)))
    }

    func finish() -> UInt64 {
        var final = self
        if pendingCount > 0 {
            // The waiting bytes, zero-padded (the length, mixed in last, tells padding from zeros).
            var block = pending
            withUnsafeMutableBytes(of: &block) { raw in
                for index in pendingCount..<32 { raw[index] = 0 }
            }
            final.absorb(block.0, block.1, block.2, block.3)
        }
        let (a, b, c, d) = final.lanes
        return Self.mixed(Self.mixed(Self.mixed(Self.mixed(a, b), c), d), length ^ 0xE703_7ED1_A0B4_28DB)
    }
}
