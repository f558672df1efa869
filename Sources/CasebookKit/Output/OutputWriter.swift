import Foundation

/// Writes a build beside `output/` and puts it in place only when the whole build succeeded, so a failed or
/// killed build leaves the last good site as it was. Paths are checked: nothing is ever written outside.
///
/// - A **fresh** build (no record of the last one) fills a staging folder and swaps it in for `output/`.
/// - An **update** (the last build's manifest is given) stages only the files whose bytes changed, then
///   commits through a journal: once the journal is written, the moves and deletions it lists are applied,
///   and a build that finds a committed journal left by a killed one finishes it first.
public final class OutputWriter: @unchecked Sendable {
    public let destination: String
    public let staging: String
    /// The last build's files, when this build updates `output/` in place.
    private let previous: [String: BuildManifest.Output]?
    /// `destination`, open, when this build updates it: kept files are looked up from it.
    private let destinationFolder: OpenFolder?
    private let lock = NSLock()
    private var records: [String: BuildManifest.Output] = [:]
    private var staged: [String] = []
    /// Files whose record differs from the last build's (written, or kept under another key).
    private var changed: [String] = []
    private var folders: Set<String> = []
    /// How many of the last build's files this one has recorded: when all, none is to be deleted.
    private var previousRecorded = 0
    /// Files are created by one thread, in the background: creating files in one folder from several threads
    /// only makes them wait on the folder's lock in the kernel, while the other cores could be rendering.
    private let queue = DispatchQueue(label: "casebook.output-writer")
    /// Bounds the files waiting to be written, and so the memory they hold.
    private let waiting = DispatchSemaphore(value: 128)
    private var firstError: (any Error)?

    /// Creates the staging folder. What killed builds left is put right before this (`OutputRecovery`).
    /// - Parameter previous: the last build's record of `output/`; pass it to update in place.
    public init(destination: String, previous: [String: BuildManifest.Output]? = nil) throws {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = url.path
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        self.previous = fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? previous : nil
        destinationFolder = self.previous == nil ? nil : OpenFolder(url.path)
        records.reserveCapacity(self.previous?.count ?? 0)
        staging = OutputRecovery.stagingFolder(of: url.path)
        do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: true) } catch {
            throw OutputError.cannotWrite(staging, (error as NSError).underlyingErrorCode ?? EACCES)
        }
    }

    /// True when this build updates `output/` in place rather than replacing it.
    public var isUpdate: Bool { previous != nil }

    /// True when `relative` is a plain path inside the output: no `..`, no absolute path, no backslash or NUL.
    public static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\"), !relative.contains("\0") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }

    /// Writes one file of the site; safe to call from many threads. In an update, a file whose bytes are
    /// unchanged is left as it is. `key` names the inputs it was made from, for `keep`. The file is written
    /// in the background; `flush()` waits for it and reports the first failure.
    func write(_ relative: String, _ contents: FileContents, key: ContentHash? = nil) throws {
        guard Self.isSafe(relative) else { throw OutputError.unsafePath(relative) }
        try stage(relative, hash: contents.hash, key: key) { path in try FileWriting.create(path) { append in try contents.forEachBuffer(append) } }
    }

    /// `write` for a text, written as its UTF-8.
    public func write(_ relative: String, _ text: String, key: ContentHash? = nil) throws {
        try write(relative, FileContents(text), key: key)
    }

    /// Records the file at `relative` as kept when the last build left the same bytes (`hash`) there;
    /// otherwise has `writeFile` write it into the staging folder, in the background.
    private func stage(_ relative: String, hash: ContentHash, key: ContentHash?, _ writeFile: @escaping @Sendable (String) throws -> FileStamp) throws {
        if let old = intactPrevious(relative), old.hash == hash {
            record(relative, BuildManifest.Output(stamp: old.stamp, hash: hash, key: key), staged: false, replacing: true, changed: old.key != key)
            return
        }
        let replacing = previous?[relative] != nil
        let path = staging + "/" + relative
        waiting.wait()
        queue.async { [self] in
            defer { waiting.signal() }
            do {
                let folder = (path as NSString).deletingLastPathComponent
                if !folders.contains(folder) {
                    do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                        throw OutputError.cannotWrite(folder, (error as NSError).underlyingErrorCode ?? EACCES)
                    }
                    folders.insert(folder)
                }
                let stamp = try writeFile(path)
                record(relative, BuildManifest.Output(stamp: stamp, hash: hash, key: key), staged: true, replacing: replacing, changed: true)
            } catch {
                lock.lock()
                if firstError == nil { firstError = error }
                lock.unlock()
            }
        }
    }

    /// Waits until every file given to `write` is on disk; throws the first error met in writing them.
    public func flush() throws {
        queue.sync {}
        lock.lock(); defer { lock.unlock() }
        if let firstError { throw firstError }
    }

    /// Keeps a file as the last build wrote it, if it was made from the same inputs (`key`) and nobody has
    /// touched it since. Returns false when the caller must make it again.
    public func keep(_ relative: String, key: ContentHash) -> Bool {
        keep([(relative, key)])[0]
    }

    /// `keep` for many files, recorded together under one lock: for each, whether it was kept.
    public func keep(_ files: [(path: String, key: ContentHash)]) -> [Bool] {
        let found = files.map { file in intactPrevious(file.path).flatMap { $0.key == file.key ? $0 : nil } }
        lock.lock()
        for (file, old) in zip(files, found) {
            if let old { recordLocked(file.path, old, staged: false, replacing: true, changed: false) }
        }
        lock.unlock()
        return found.map { $0 != nil }
    }

    /// Keeps every file of the last build as it is but those `except`, without looking at them again: for a
    /// caller that has just found them all as the last build left them. A file written afterwards replaces
    /// its record; one not kept nor written is removed from `output/`.
    public func keepEveryPrevious(except removed: Set<String> = []) {
        guard let previous else { return }
        lock.lock()
        for (path, output) in previous where !removed.contains(path) { recordLocked(path, output, staged: false, replacing: true, changed: false) }
        lock.unlock()
    }

    /// Keeps every file of the last build under `folder/`, if all are intact. Returns false otherwise.
    public func keepFolder(_ folder: String) -> Bool {
        guard let previous else { return false }
        let files = previous.filter { $0.key.hasPrefix(folder + "/") }
        guard !files.isEmpty, files.allSatisfy({ stamp(of: $0.key) == $0.value.stamp }) else { return false }
        lock.lock()
        for (path, output) in files { recordLocked(path, output, staged: false, replacing: true, changed: false) }
        lock.unlock()
        return true
    }

    /// The last build's file at `relative`, if it is still as that build left it.
    private func intactPrevious(_ relative: String) -> BuildManifest.Output? {
        guard let old = previous?[relative], stamp(of: relative) == old.stamp else { return nil }
        return old
    }

    /// The stamp of a file of `output/` as it is now.
    private func stamp(of relative: String) -> FileStamp? {
        if let destinationFolder { return destinationFolder.stamp(of: relative) }
        return FileStamp.of(destination + "/" + relative)
    }

    /// Records a file of the site; `replacing` says the last build had a file there, `changed` that its
    /// record differs from that build's.
    private func record(_ relative: String, _ output: BuildManifest.Output, staged isStaged: Bool, replacing: Bool, changed isChanged: Bool) {
        lock.lock()
        recordLocked(relative, output, staged: isStaged, replacing: replacing, changed: isChanged)
        lock.unlock()
    }

    /// `record`, with the lock held.
    private func recordLocked(_ relative: String, _ output: BuildManifest.Output, staged isStaged: Bool, replacing: Bool, changed isChanged: Bool) {
        if records.updateValue(output, forKey: relative) == nil, replacing { previousRecorded += 1 }
        if isStaged { staged.append(relative) }
        if isChanged { changed.append(relative) }
    }

    /// Copies a file into the site.
    public func copy(from source: String, to relative: String) throws {
        guard let bytes = FileBytes(contentsOf: source) else { throw OutputError.unreadable(source) }
        try write(relative, FileContents(bytes))
    }

    /// Every file of the site this build made or kept, sorted.
    public var files: [String] { queue.sync {}; lock.lock(); defer { lock.unlock() }; return records.keys.sorted() }

    /// How many files the site has, made or kept.
    public var fileCount: Int { queue.sync {}; lock.lock(); defer { lock.unlock() }; return records.count }

    /// What `output/` holds once committed, for the next build's manifest.
    public var outputs: [String: BuildManifest.Output] { queue.sync {}; lock.lock(); defer { lock.unlock() }; return records }

    /// How many files this build wrote (the rest were unchanged).
    public var writtenCount: Int { queue.sync {}; lock.lock(); defer { lock.unlock() }; return staged.count }

    /// In an update, the files whose record differs from the last build's and those the last build had
    /// and this one does not, for the manifest's delta; nil in a fresh build.
    public var changes: (changed: [String], removed: [String])? {
        guard previous != nil else { return nil }
        queue.sync {}
        lock.lock(); defer { lock.unlock() }
        return (changed, removedFiles())
    }

    /// The last build's files this one did not make, sorted; call with the lock held.
    private func removedFiles() -> [String] {
        guard let previous, previousRecorded != previous.count else { return [] }
        return previous.keys.filter { records[$0] == nil }.sorted()
    }

    /// Puts the build in place of `output/`: a fresh build is swapped in whole; an update is applied through
    /// the journal. Every rename and deletion is checked.
    /// - Throws: `OutputError`; when the journal was committed but could not be applied whole, `isIncomplete`
    ///   is then true and the staging folder is kept for the next build to finish.
    public func commit() throws {
        try flush()
        if previous != nil {
            lock.lock()
            let deletions = removedFiles()
            lock.unlock()
            try OutputJournal.commit(staging: staging, moves: staged.sorted(), deletions: deletions)
            isIncomplete = true
            try OutputJournal.finish(staging: staging, destination: destination)
            isIncomplete = false
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        let old = OutputRecovery.oldFolder(of: destination)
        let hadOutput = access(destination, F_OK) == 0
        if hadOutput, rename(destination, old) != 0 { throw OutputError.cannotWrite(destination, errno) }
        if rename(staging, destination) != 0 {
            let code = errno
            if hadOutput { _ = rename(old, destination) }
            throw OutputError.cannotWrite(destination, code)
        }
        if hadOutput { try? FileManager.default.removeItem(atPath: old) }
    }

    /// True when a failed `commit` left `output/` partly updated (the next build completes it).
    public private(set) var isIncomplete = false

    /// Drops the staged files; `output/` is untouched.
    public func discard() {
        queue.sync {}
        if !isIncomplete { try? FileManager.default.removeItem(atPath: staging) }
    }
}
