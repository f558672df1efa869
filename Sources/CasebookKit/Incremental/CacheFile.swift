import Foundation

/// How every file of the build's cache is written and read back checked. A file is written whole under a
/// temporary name and renamed into place, and ends with a trailer: the `ContentHash` of the bytes before it
/// and a mark. A file whose trailer is missing or whose bytes do not hash to it (truncated, zeroed, damaged
/// in any way) reads as absent: the build makes what it held again, and never publishes it.
enum CacheFile {
    /// The trailer: eight bytes of hash, then eight of `mark`.
    static let trailerSize = 16
    static let mark: UInt64 = 0x3145_4843_4143_4243   // "CBCACHE1", little-endian

    /// Replaces the file at `path` with the bytes `write` hands, in order, to the function it is given, and
    /// the trailer. The temporary file is removed when this fails.
    static func replace(_ path: String, writing write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let temporary = temporaryName(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotWrite(temporary, errno) }
        do {
            defer { close(descriptor) }
            var hasher = Hasher64()
            try write { piece in
                hasher.combine(raw: piece)
                try OutputWriter.writeAll(piece, to: descriptor, path: temporary)
            }
            let trailer = [hasher.finish().littleEndian, mark.littleEndian]
            try trailer.withUnsafeBytes { try OutputWriter.writeAll($0, to: descriptor, path: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError.cannotWrite(path, code)
        }
    }

    /// `replace` with the file's bytes in one piece.
    static func replace(_ path: String, _ data: some ContiguousBytes) throws {
        try replace(path) { append in try data.withUnsafeBytes(append) }
    }

    /// The bytes kept at `path`, without the trailer, mapped (see `FileBytes`); nil when the file is missing
    /// or its bytes are not the ones written.
    static func read(_ path: String) -> FileBytes? {
        guard let bytes = FileBytes(contentsOf: path), bytes.count >= trailerSize else { return nil }
        let payload = bytes[0..<bytes.count - trailerSize]
        let (hash, stored) = bytes.withUnsafeBytes { raw in
            (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 16, as: UInt64.self)),
             UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)))
        }
        guard stored == mark, payload.withUnsafeBytes({ ContentHash($0.assumingMemoryBound(to: UInt8.self)) }).value == hash else { return nil }
        return payload
    }

    /// The temporary name a write uses: the file's name and this process's number.
    static func temporaryName(for path: String) -> String {
        path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Removes the temporary files that killed builds left anywhere under the cache folder `directory`
    /// (call it holding the `BuildLock`, when no other build is writing there).
    static func removeLeftovers(in directory: String) {
        guard let walk = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = walk.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard let mark = name.range(of: ".tmp-", options: .backwards),
                  !name[mark.upperBound...].isEmpty, name[mark.upperBound...].allSatisfy(\.isASCIIDigit) else { continue }
            unlink(directory + "/" + relative)
        }
    }
}
