import Foundation

/// Writes a build into a fresh staging folder beside `output/` and swaps it in only when the whole build
/// succeeded, so a failed or killed build leaves the last good site exactly as it was.
/// Paths are checked: nothing is ever written outside the staging folder.
public final class OutputWriter: @unchecked Sendable {
    public let destination: String
    public let staging: String
    private let lock = NSLock()
    private var written: [String] = []

    /// Creates the staging folder, after removing stale ones left by killed builds.
    public init(destination: String) throws {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = url.path
        let parent = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).staging-"
        let fm = FileManager.default
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) || name.hasPrefix(".\(url.lastPathComponent).old-") {
            try? fm.removeItem(atPath: parent + "/" + name)
        }
        staging = parent + "/" + prefix + String(ProcessInfo.processInfo.processIdentifier)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
    }

    /// True when `relative` is a plain path inside the output: no `..`, no absolute path, no backslash or NUL.
    public static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\"), !relative.contains("\0") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }

    /// Writes one file of the site; safe to call from many threads.
    public func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    public func write(_ relative: String, _ data: Data) throws {
        guard Self.isSafe(relative) else { throw OutputError.unsafePath(relative) }
        let path = staging + "/" + relative
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        lock.lock(); written.append(relative); lock.unlock()
    }

    /// Copies a file into the site.
    public func copy(from source: String, to relative: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else { throw OutputError.unreadable(source) }
        try write(relative, data)
    }

    public var files: [String] { lock.lock(); defer { lock.unlock() }; return written.sorted() }

    /// Puts the staged site in place of `output/`: the old one is moved aside, then removed.
    public func commit() throws {
        let fm = FileManager.default
        let parent = (destination as NSString).deletingLastPathComponent
        let old = parent + "/.\((destination as NSString).lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)"
        if fm.fileExists(atPath: destination) { try fm.moveItem(atPath: destination, toPath: old) }
        do {
            try fm.moveItem(atPath: staging, toPath: destination)
        } catch {
            if fm.fileExists(atPath: old) { try? fm.moveItem(atPath: old, toPath: destination) }
            throw error
        }
        try? fm.removeItem(atPath: old)
    }

    /// Drops the staged files; `output/` is untouched.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case let .unsafePath(path): return "refusing to write `\(path)`: it would leave the output folder"
        case let .unreadable(path): return "cannot read \(path)"
        }
    }
}
