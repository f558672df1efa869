import Foundation

// The form of the store's two files (see `CacheStore`): opening them, cutting off what no commit
// covers, compaction, and the temporary files of rewrites.
extension CacheStore {
    static let emptyIndex = Index(repeating: [:], count: Kind.allCases.count)

    static func header(_ generator: String) -> [UInt8] {
        var header = magic
        withUnsafeBytes(of: UInt32(generator.utf8.count).littleEndian) { header += $0 }
        return header + generator.utf8
    }

    /// The key a name has in the index: its hash, with its kind's.
    static func nameKey(_ kind: UInt8, _ name: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher64()
        hasher.mix(UInt64(kind))
        hasher.combine(raw: name)
        return hasher.finish()
    }

    /// Appends a record (with `hash`, the value's `ContentHash` when the caller has it); returns its name's
    /// `nameKey`.
    @discardableResult
    static func appendRecord(kind: Kind, name: String, value: [UInt8], hash: UInt64? = nil, to buffer: inout [UInt8]) -> UInt64 {
        let nameBytes = Array(name.utf8.prefix(Int(UInt16.max)))
        var head = [kind.rawValue, 0]
        withUnsafeBytes(of: UInt16(nameBytes.count).littleEndian) { head += $0 }
        withUnsafeBytes(of: UInt32(value.count).littleEndian) { head += $0 }
        withUnsafeBytes(of: (hash ?? ContentHash(value).value).littleEndian) { head += $0 }
        let hash = head.withUnsafeBytes { first16 in nameBytes.withUnsafeBytes { headHash(first16, $0) } }
        withUnsafeBytes(of: hash.littleEndian) { head += $0 }
        buffer += head
        buffer += nameBytes
        buffer += value
        return nameBytes.withUnsafeBytes { nameKey(kind.rawValue, $0) }
    }

    /// Appends a commit: its value is the length of `blobs.log` it covers.
    static func appendCommit(blobEnd: Int, to buffer: inout [UInt8]) {
        appendRecord(kind: .commit, name: "", value: withUnsafeBytes(of: UInt64(blobEnd).littleEndian) { Array($0) }, to: &buffer)
    }

    /// The value of a bulky value's record: where it lies in `blobs.log`, and its hash.
    static func reference(offset: Int, length: Int, hash: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        for number in [UInt64(offset), UInt64(length), hash] { withUnsafeBytes(of: number.littleEndian) { bytes += $0 } }
        return bytes
    }

    /// The hash a head ends with: of its first 16 bytes and the name.
    private static func headHash(_ first16: UnsafeRawBufferPointer, _ name: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher64()
        hasher.combine(raw: first16)
        hasher.combine(raw: name)
        return hasher.finish()
    }

    // MARK: - Opening

    /// Both files opened for a build: read and cut back to their last commit, or made anew (when `fresh`,
    /// missing, damaged from the header on, or another generator's); copied first when they have other
    /// links (a project copied with hard links), so those are never changed.
    static func open(_ path: String, _ blobsPath: String, header: [UInt8], fresh: Bool) -> (File, File, Index)? {
        var loaded = fresh ? nil : load(path, header: header)
        if loaded == nil {
            guard (try? header.withUnsafeBytes({ try FileWriting.replace(path, with: $0) })) != nil,
                  (try? FileWriting.replace(blobsPath, with: UnsafeRawBufferPointer(start: nil, count: 0))) != nil else { return nil }
            loaded = (FileBytes.empty, emptyIndex, header.count, 0)
        } else if let (bytes, _, committed, blobEnd) = loaded, FileWriting.linkCount(path) > 1 || FileWriting.linkCount(blobsPath) > 1 {
            let oldBlobs = FileBytes(contentsOf: blobsPath, populate: false) ?? .empty
            guard (try? bytes[0..<committed].withUnsafeBytes({ try FileWriting.replace(path, with: $0) })) != nil,
                  (try? oldBlobs[0..<min(blobEnd, oldBlobs.count)].withUnsafeBytes({ try FileWriting.replace(blobsPath, with: $0) })) != nil
            else { return nil }
        }
        guard let (bytes, index, committed, blobEnd) = loaded else { return nil }
        let recordsDescriptor = Foundation.open(path, O_RDWR | O_CLOEXEC)
        let blobsDescriptor = Foundation.open(blobsPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard recordsDescriptor >= 0, blobsDescriptor >= 0 else {
            if recordsDescriptor >= 0 { close(recordsDescriptor) }
            if blobsDescriptor >= 0 { close(blobsDescriptor) }
            return nil
        }
        // What a killed build appended after the last commit is cut off.
        for (descriptor, end) in [(recordsDescriptor, committed), (blobsDescriptor, blobEnd)] {
            var info = stat()
            if fstat(descriptor, &info) == 0, Int(info.st_size) > end { _ = ftruncate(descriptor, off_t(end)) }
        }
        let blobBytes = FileBytes(contentsOf: blobsPath, populate: false) ?? .empty
        // Mapped only up to what the commits cover: the rest of a mapping may lie past the file's end now.
        return (File(descriptor: recordsDescriptor, mapped: bytes[0..<min(committed, bytes.count)], end: committed),
                File(descriptor: blobsDescriptor, mapped: blobBytes[0..<min(blobEnd, blobBytes.count)], end: blobEnd), index)
    }

    /// `store.log`'s bytes and live entries, where its last commit ends and how much of `blobs.log` that
    /// commit covers; nil when it is missing, or not a store written with `header`.
    private static func load(_ path: String, header: [UInt8]) -> (FileBytes, Index, Int, Int)? {
        guard let bytes = FileBytes(contentsOf: path, populate: true), bytes.count >= header.count else { return nil }
        return bytes.withUnsafeBytes { raw -> (FileBytes, Index, Int, Int)? in
            guard raw.prefix(header.count).elementsEqual(header) else { return nil }
            var index = emptyIndex, pending: [(kind: Int, key: UInt64, entry: Entry?)] = []
            // About one record per 150 bytes: room enough that the list is seldom copied as it grows.
            pending.reserveCapacity(raw.count / 150)
            var offset = header.count, committed = header.count, blobEnd = 0
            func number(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            while offset + headSize <= raw.count {
                let kindByte = raw[offset], spare = raw[offset + 1]
                let nameLength = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)))
                let valueLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
                let valueHash = number(offset + 8)
                let nameStart = offset + headSize, valueStart = nameStart + nameLength
                guard spare == 0, let kind = Kind(rawValue: kindByte), valueStart + valueLength <= raw.count,
                      headHash(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 16]),
                               UnsafeRawBufferPointer(rebasing: raw[nameStart..<valueStart])) == number(offset + 16) else { break }
                let value = UnsafeRawBufferPointer(rebasing: raw[valueStart..<valueStart + valueLength])
                if kind == .commit {
                    guard valueLength == 8, ContentHash(value.assumingMemoryBound(to: UInt8.self)).value == valueHash else { break }
                    var counts = [Int](repeating: 0, count: index.count)
                    for record in pending { counts[record.kind] += 1 }
                    for kind in index.indices where counts[kind] > 0 { index[kind].reserveCapacity(index[kind].count + counts[kind]) }
                    for (kind, key, entry) in pending { index[kind][key] = entry }
                    pending.removeAll(keepingCapacity: true)
                    (committed, blobEnd) = (valueStart + 8, Int(number(valueStart)))
                } else {
                    let key = nameKey(kindByte, UnsafeRawBufferPointer(rebasing: raw[nameStart..<valueStart]))
                    var entry: Entry?
                    if kind.isBulky, valueLength == 24 {
                        // The reference is read now, so it is checked now: a damaged one removes the value.
                        if ContentHash(value.assumingMemoryBound(to: UInt8.self)).value == valueHash {
                            entry = Entry(offset: Int(number(valueStart)), length: Int(number(valueStart + 8)), hash: number(valueStart + 16),
                                          inBlobs: true, nameOffset: nameStart, nameLength: nameLength)
                        }
                    } else if valueLength > 0, !kind.isBulky {
                        entry = Entry(offset: valueStart, length: valueLength, hash: valueHash, inBlobs: false,
                                      nameOffset: nameStart, nameLength: nameLength)
                    }
                    pending.append((Int(kindByte), key, entry))
                }
                offset = valueStart + valueLength
            }
            return (bytes, index, committed, blobEnd)
        }
    }

    // MARK: - Compaction

    /// Writes the live records and values, by kind and in the order they were written, to new files renamed
    /// over these (a crash between the two renames leaves references that do not hash, read as absent).
    /// Called holding the lock; the store takes no more values after it.
    func compact() {
        intact = false
        let newBlobsPath = FileWriting.temporaryName(for: blobsPath), newPath = FileWriting.temporaryName(for: path)
        let blobsOut = Foundation.open(newBlobsPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        let recordsOut = Foundation.open(newPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer {
            if blobsOut >= 0 { close(blobsOut) }
            if recordsOut >= 0 { close(recordsOut) }
            unlink(newBlobsPath)
            unlink(newPath)
        }
        guard blobsOut >= 0, recordsOut >= 0 else { return }
        var recordBuffer = header, blobBuffer: [UInt8] = [], recordsAt = 0, blobsAt = 0, ok = true
        func flush(_ buffer: inout [UInt8], to descriptor: Int32, at position: inout Int) {
            ok = ok && buffer.withUnsafeBytes { FileWriting.writeAll($0, to: descriptor, at: position) }
            position += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        let live = index.enumerated().flatMap { kind, entries in
            entries.values.sorted { $0.nameOffset < $1.nameOffset }.map { (kind: kind, entry: $0) }
        }
        for (kind, entry) in live where ok {
            if entry.inBlobs {
                guard let kind = Kind(rawValue: UInt8(kind)), let name = records.bytes(entry.nameOffset, entry.nameLength),
                      let value = blobs.bytes(entry.offset, entry.length) else { ok = false; break }
                Self.appendRecord(kind: kind, name: String(decoding: name.array, as: UTF8.self),
                                  value: Self.reference(offset: blobsAt + blobBuffer.count, length: entry.length, hash: entry.hash), to: &recordBuffer)
                value.withUnsafeBytes { blobBuffer += $0 }
            } else {
                guard let record = records.bytes(entry.nameOffset - Self.headSize, entry.recordSize) else { ok = false; break }
                record.withUnsafeBytes { recordBuffer += $0 }
            }
            if blobBuffer.count > 1 << 20 { flush(&blobBuffer, to: blobsOut, at: &blobsAt) }
            if recordBuffer.count > 1 << 20 { flush(&recordBuffer, to: recordsOut, at: &recordsAt) }
        }
        flush(&blobBuffer, to: blobsOut, at: &blobsAt)
        Self.appendCommit(blobEnd: blobsAt, to: &recordBuffer)
        flush(&recordBuffer, to: recordsOut, at: &recordsAt)
        guard ok, rename(newBlobsPath, blobsPath) == 0 else { return }
        _ = rename(newPath, path)
    }
}
