import Foundation

/// What a link in a case body points at, decided from its URL alone.
public enum LinkTarget: Equatable, Sendable {
    /// Another case's source file (`other.md`, `other.md#heading`): becomes `other.html#heading`.
    case caseFile(slug: String, fragment: String?)
    /// A heading or figure on the same page.
    case fragment(String)
    /// A file under `Content/media/`, written relative to the case (`../media/plan.pdf`).
    case media(path: String)
    /// http, https, mailto and other addresses that are passed on as they are.
    case external
    /// Empty, or emptied by cmark's safe mode (javascript:, vbscript:, file:, non-image data:).
    case empty
    /// A relative path that is none of the above (another folder, a missing `.md`).
    case unknownRelative(String)

    public static func classify(_ url: String) -> LinkTarget {
        let trimmed = url.trimmingWhitespace()
        if trimmed.isEmpty { return .empty }
        if trimmed.hasPrefix("#") { return .fragment(decodePercent(String(trimmed.dropFirst()))) }
        if hasScheme(trimmed) || trimmed.hasPrefix("//") { return .external }
        var path = trimmed, fragment: String?
        if let hash = trimmed.firstIndex(of: "#") {
            path = String(trimmed[..<hash])
            fragment = decodePercent(String(trimmed[trimmed.index(after: hash)...]))
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        path = decodePercent(path)
        if path.hasSuffix(".md") {
            var components = path.split(separator: "/").map(String.init)
            while components.first == "." { components.removeFirst() }
            // `other.md`, `./other.md` or `../cases/other.md` all name a case.
            if components.count == 1 || (components.count == 3 && components[0] == ".." && components[1] == "cases") {
                let name = components.last!
                return .caseFile(slug: String(name.dropLast(3)), fragment: fragment.flatMap { $0.isEmpty ? nil : $0 })
            }
            return .unknownRelative(path)
        }
        if path.hasPrefix("../media/") { return .media(path: String(path.dropFirst("../media/".count))) }
        return .unknownRelative(path)
    }

    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    static func decodePercent(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return text.removingPercentEncoding ?? text
    }
}
