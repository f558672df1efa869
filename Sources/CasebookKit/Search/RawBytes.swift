import Foundation

/// Arrays of plain values written as their bytes, each after its count: the quickest way to keep millions
/// of numbers between builds. Only the machine that wrote them reads them back (the cache is local).
enum RawBytes {
    struct Writer {
        private(set) var bytes: [UInt8] = []

        mutating func append<Value: BitwiseCopyable>(_ values: [Value]) {
            withUnsafeBytes(of: UInt64(values.count)) { bytes += $0 }
            values.withUnsafeBytes { bytes += $0 }
        }

        /// Bytes in `append(_:)`'s form for an array of `UInt8`.
        mutating func append(bytes more: FileBytes) {
            withUnsafeBytes(of: UInt64(more.count)) { bytes += $0 }
            more.withUnsafeBytes { bytes += $0 }
        }

        /// Strings as the array of their UTF-8 lengths, then the array of all their bytes.
        mutating func append(strings: [String]) {
            append(strings.map { UInt32($0.utf8.count) })
            var all: [UInt8] = []
            all.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count })
            for string in strings { all += string.utf8 }
            append(all)
        }
    }

    struct Reader {
        private let bytes: FileBytes
        private var offset = 0

        init(_ bytes: FileBytes) { self.bytes = bytes }

        var isAtEnd: Bool { offset == bytes.count }

        /// The next array, or nil when the bytes left are too few for it.
        mutating func read<Value: BitwiseCopyable>(_ type: Value.Type) -> [Value]? {
            guard bytes.count - offset >= 8 else { return nil }
            let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            let stride = MemoryLayout<Value>.stride
            guard stored <= UInt64((bytes.count - offset - 8) / stride) else { return nil }
            let (count, start) = (Int(stored), offset + 8)
            offset = start + count * stride
            return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + count * stride]))
                }
                initialized = count
            }
        }

        /// The next array of bytes, as a stretch of the bytes read (no copy); nil when too few are left.
        mutating func readBytes() -> FileBytes? {
            guard bytes.count - offset >= 8 else { return nil }
            let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            guard stored <= UInt64(bytes.count - offset - 8) else { return nil }
            let start = offset + 8
            offset = start + Int(stored)
            return bytes[start..<offset]
        }

        /// The next strings written by `append(strings:)`, made straight from the bytes read; nil when the
        /// bytes do not add up.
        mutating func readStrings() -> [String]? {
            guard let ranges = readStringRanges() else { return nil }
            return bytes.withUnsafeBytes { raw in
                ranges.map { String(decoding: UnsafeRawBufferPointer(rebasing: raw[$0]), as: UTF8.self) }
            }
        }

        /// Where the next strings written by `append(strings:)` lie in the bytes read, without making them;
        /// nil when the bytes do not add up.
        mutating func readStringRanges() -> [Range<Int>]? {
            guard let lengths = read(UInt32.self), bytes.count - offset >= 8 else { return nil }
            let stored = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            guard stored <= UInt64(bytes.count - offset - 8), lengths.reduce(0, { $0 + UInt64($1) }) == stored else { return nil }
            var start = offset + 8
            offset = start + Int(stored)
            return lengths.map { length in
                defer { start += Int(length) }
                return start..<start + Int(length)
            }
        }
    }
}
