import Foundation

/// How the build writes files, the one way for pages and the cache store alike: whole buffers written
/// despite short writes and interrupted calls, a file replaced through a temporary file renamed into
/// place, and the temporary files a killed build leaves behind. No fsync per file: a build is made safe
/// by renames (the staging folder, the journal, the store's commits), not by flushing every file to disk.
enum FileWriting {
    /// Writes all of `bytes` to `descriptor`, at `offset` (or where the descriptor stands); false when the
    /// system refuses (see `errno`).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int? = nil) -> Bool {
        var done = 0
        while done < bytes.count {
            let wrote = offset.map { pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t($0 + done)) }
                ?? write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if wrote < 0, errno == EINTR { continue }
            guard wrote > 0 else { return false }
            done += wrote
        }
        return true
    }

    /// Creates (or empties) the file at `path` and writes into it the bytes handed, in order, to the
    /// function `write` is given; returns the file's stamp once written.
    /// - Throws: `OutputError.cannotWrite` naming `path`.
    static func create(_ path: String, writing write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> FileStamp {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotWrite(path, errno) }
        defer { close(descriptor) }
        try write { guard writeAll($0, to: descriptor) else { throw OutputError.cannotWrite(path, errno) } }
        guard let stamp = FileStamp.of(descriptor: descriptor) else { throw OutputError.cannotWrite(path, errno) }
        return stamp
    }

    /// Replaces the file at `path` with `bytes`, through a temporary file renamed into place: a reader sees
    /// the old file or the new one, never a part.
    static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) throws {
        let temporary = temporaryName(for: path)
        do { _ = try create(temporary) { try $0(bytes) } } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw OutputError.cannotWrite(path, code)
        }
    }

    /// The temporary name a rewrite uses: the file's name and this process's number.
    static func temporaryName(for path: String) -> String {
        path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Removes the temporary files (`temporaryName`) that killed builds left under `directory`; call it
    /// when no other build is writing there.
    static func removeLeftovers(in directory: String) {
        guard let walk = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = walk.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard let mark = name.range(of: ".tmp-", options: .backwards),
                  !name[mark.upperBound...].isEmpty, name[mark.upperBound...].allSatisfy(\.isASCIIDigit) else { continue }
            unlink(directory + "/" + relative)
        }
    }

    /// How many names the file at `path` has (hard links); 0 when there is none.
    static func linkCount(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_nlink) : 0
    }
}
