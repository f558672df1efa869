import Foundation

/// Moves a case body onto the one-page book (`print.html` at the site's top): relative links gain the
/// case folder, ids and in-page links gain the case's prefix so two cases' headings never collide, and
/// links to other cases point at their chapter in the same page.
public enum PrintBody {
    /// The anchor of a case's chapter in the print page.
    public static func chapterID(_ slug: String) -> String { "case-" + slug }

    public static func rewrite(_ html: String, slug: String, caseSlugs: Set<String>) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = html[...]
        while let match = rest.range(of: #"(id|href|src)=""#, options: .regularExpression) {
            out += rest[..<match.upperBound]
            guard let close = rest[match.upperBound...].firstIndex(of: "\"") else { rest = rest[match.upperBound...]; break }
            let attribute = rest[match.lowerBound..<match.upperBound].hasPrefix("id") ? "id" : "url"
            let value = String(rest[match.upperBound..<close])
            // Chart ids (`<slug>-fig-…`) are unique across the site already, and their SVG refers to them as they are.
            let chartID = value.hasPrefix(slug + "-fig-")
            out += attribute == "id" ? (chartID ? value : prefixed(slug, value)) : url(value, slug: slug, caseSlugs: caseSlugs)
            rest = rest[close...]
        }
        out += rest
        return demoteHeadings(out)
    }

    /// Each case's title is a second-level heading in the book, so its own headings move one level down.
    static func demoteHeadings(_ html: String) -> String {
        var text = html
        for level in stride(from: 5, through: 2, by: -1) {
            text = text.replacingOccurrences(of: "<h\(level) ", with: "<h\(level + 1) ")
                .replacingOccurrences(of: "<h\(level)>", with: "<h\(level + 1)>")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return text
    }

    static func prefixed(_ slug: String, _ id: String) -> String { chapterID(slug) + "--" + id }

    static func url(_ value: String, slug: String, caseSlugs: Set<String>) -> String {
        if value.hasPrefix("#") { return "#" + prefixed(slug, String(value.dropFirst())) }
        if value.isEmpty || value.hasPrefix("/") || LinkTarget.hasScheme(value) { return value }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : nil
        if path.hasSuffix(".html"), !path.contains("/") {
            let target = String(path.dropLast(5))
            if caseSlugs.contains(target) {
                return "#" + (fragment.map { prefixed(target, $0) } ?? chapterID(target))
            }
        }
        // Relative to cases/: from the top of the site that is cases/<path>, and ../x is x.
        if path.hasPrefix("../") { return String(value.dropFirst(3)) }
        return "cases/" + value
    }
}
