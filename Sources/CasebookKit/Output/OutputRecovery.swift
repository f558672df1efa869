import Foundation

/// Puts right what a killed build left beside `output/`, before a build reads anything: a committed
/// journal is applied (rolled forward), a staging folder without one is dropped, and an `output/` that a
/// swap had renamed away is brought back from its `.old` folder. Run while holding the `BuildLock`, so
/// every such folder belongs to a build that is no longer running.
enum OutputRecovery {
    /// What recovery did to `output/`.
    enum Outcome: Equatable {
        /// `output/` was as the last finished build left it.
        case untouched
        /// A killed build's update or swap was completed or undone: `output/` is one whole site again.
        case repaired
    }

    /// The staging folder of this process's build of `destination` (an absolute, standardized path).
    static func stagingFolder(of destination: String) -> String {
        sibling(of: destination, kind: "staging")
    }

    /// Where a fresh build's swap keeps the old `output/` until the new one is in place.
    static func oldFolder(of destination: String) -> String {
        sibling(of: destination, kind: "old")
    }

    private static func sibling(of destination: String, kind: String) -> String {
        let url = URL(fileURLWithPath: destination)
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).\(kind)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Recovers `destination`; throws `OutputError` when a journal cannot be applied (the folders stay, so
    /// the next build tries again).
    static func recover(destination: String) throws -> Outcome {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = url.deletingLastPathComponent().path, name = url.lastPathComponent
        let fm = FileManager.default
        let leftovers = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).sorted()
        var outcome = Outcome.untouched
        for folder in leftovers where folder.hasPrefix(".\(name).staging-") {
            if try OutputJournal.finish(staging: parent + "/" + folder, destination: url.path) { outcome = .repaired }
            try? fm.removeItem(atPath: parent + "/" + folder)
        }
        for folder in leftovers where folder.hasPrefix(".\(name).old-") {
            if !fm.fileExists(atPath: url.path) {
                guard rename(parent + "/" + folder, url.path) == 0 else { throw OutputError.cannotWrite(url.path, errno) }
                outcome = .repaired
            } else {
                try? fm.removeItem(atPath: parent + "/" + folder)
            }
        }
        return outcome
    }
}

/// Keeps two builds from writing the same output at once: each holds an exclusive `flock` on a file in the
/// cache folder for as long as it runs (a second build waits). The kernel lets go when the process ends,
/// however it ends. The file says "running" while a build holds it and is emptied when the build ends, so
/// the next build can tell that the last one was killed.
final class BuildLock: @unchecked Sendable {
    private let descriptor: Int32
    /// True when the last build holding this lock was killed (it left the file saying "running").
    let lastBuildWasKilled: Bool

    /// Waits for the lock of the output folder whose cache folder is `cacheDirectory`.
    init(cacheDirectory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(cacheDirectory, (error as NSError).underlyingErrorCode ?? EACCES)
        }
        let path = cacheDirectory + "/lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError.cannotWrite(path, errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                throw OutputError.cannotWrite(path, code)
            }
        }
        var info = stat()
        lastBuildWasKilled = fstat(descriptor, &info) == 0 && info.st_size > 0
        _ = pwrite(descriptor, "running\n", 8, 0)
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }
}

extension NSError {
    /// The POSIX error code under a Foundation file error, when there is one.
    var underlyingErrorCode: Int32? {
        if domain == NSPOSIXErrorDomain { return Int32(code) }
        return (userInfo[NSUnderlyingErrorKey] as? NSError)?.underlyingErrorCode
    }
}
