import Foundation

/// Maps a request's raw path to a file of the site, refusing anything that could leave it:
/// `..` (also percent-encoded), encoded slashes and backslashes, NUL. No directory listings:
/// a folder path serves its `index.html` or nothing.
public enum RequestPath {
    public enum Resolution: Equatable, Sendable {
        /// A relative path inside the site.
        case file(String)
        /// The request is refused (400): it tries to leave the site or is malformed.
        case refused
    }

    public static func resolve(_ rawPath: String) -> Resolution {
        var path = rawPath
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        let lowered = path.lowercased()
        if lowered.contains("%2f") || lowered.contains("%5c") || lowered.contains("%00") || path.contains("\\") || path.contains("\0") {
            return .refused
        }
        guard path.hasPrefix("/"), let decoded = path.removingPercentEncodingStrict() else { return .refused }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." || segment.contains("\0") { return .refused }
            if segment.hasPrefix(".") { return .refused }
            segments.append(segment)
        }
        var relative = segments.joined(separator: "/")
        if relative.isEmpty || decoded.hasSuffix("/") { relative += (relative.isEmpty ? "" : "/") + "index.html" }
        return .file(relative)
    }

    /// The file for a resolved `relative` path: its real path when it is a regular file inside the real
    /// path of `root`. Symbolic links are resolved in both, so a root reached through a link serves its
    /// pages, and a link inside the site that leads out of it is not followed. Nil for anything else.
    public static func locate(_ relative: String, in root: String) -> String? {
        guard let base = realPath(root), let file = realPath(base + "/" + relative),
              file.hasPrefix(base.hasSuffix("/") ? base : base + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return file
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The content type for a file name.
    public static func contentType(for path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

extension String {
    /// Percent-decoding that fails on malformed escapes and on bytes that are not UTF-8.
    func removingPercentEncodingStrict() -> String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
