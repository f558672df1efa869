import Testing
@testable import CasebookKit

@Suite struct ContentHashTests {
    /// Bytes that are not all alike: every length from 0 to 200 and every split of them is tried.
    private static let bytes: [UInt8] = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }

    @Test func bytesFedInPiecesHashAsTheSameBytesAtOnce() {
        for length in [0, 1, 7, 8, 31, 32, 33, 64, 95, 200] {
            let whole = Array(Self.bytes[0..<length])
            let once = ContentHash(whole)
            for first in 0...length {
                for second in stride(from: first, through: length, by: 5) {
                    var hasher = Hasher64()
                    hasher.combine(whole[0..<first])
                    hasher.combine(whole[first..<second])
                    hasher.combine(whole[second...])
                    #expect(hasher.finish() == once.value, "length \(length), split at \(first) and \(second)")
                }
            }
        }
    }

    @Test func everyChangedByteAndEveryLengthGiveAnotherHash() {
        var seen: Set<UInt64> = []
        for length in 0...Self.bytes.count {
            #expect(seen.insert(ContentHash(Self.bytes[0..<length]).value).inserted, "length \(length)")
        }
        for position in Self.bytes.indices {
            var changed = Self.bytes
            changed[position] ^= 1
            #expect(seen.insert(ContentHash(changed).value).inserted, "byte \(position)")
        }
        // Trailing zeros are not padding.
        #expect(ContentHash([0, 0, 0]) != ContentHash([0, 0]))
        #expect(ContentHash([UInt8](repeating: 0, count: 32)) != ContentHash([UInt8](repeating: 0, count: 64)))
    }

    @Test func partsAreToldApartByTheirLengths() {
        #expect(ContentHash(parts: ["ab", "c"]) != ContentHash(parts: ["a", "bc"]))
        #expect(ContentHash(parts: ["ab", "c"]) == ContentHash(parts: ["ab", "c"]))
        #expect(ContentHash(numbers: [1, 2]) != ContentHash(numbers: [2, 1]))
        #expect(ContentHash(numbers: []) != ContentHash(numbers: [0]))
    }
}
