/// Moves a case body onto a printable page at the site's top (`print.html`, `print/<part>.html`):
/// relative links gain the case folder, ids and in-page links gain the case's prefix so two cases' headings
/// never collide, links to other cases point at their chapter when it is on the same page, and headings
/// move one level down under the case's title.
public enum PrintBody {
    /// The anchor of a case's chapter in a print page.
    public static func chapterID(_ slug: String) -> String { "case-" + slug }

    /// Rewrites a rendered case body in one pass over its UTF-8; the stretches between the tags and
    /// attributes it changes are copied whole.
    /// - Parameters:
    ///   - slug: the case the body belongs to.
    ///   - caseSlugs: cases printed on the same page; links to them become in-page links.
    ///   - pageOf: for cases printed elsewhere, the print page that holds them (relative to the site's top).
    public static func rewrite(_ html: String, slug: String, caseSlugs: Set<String>, pageOf: (String) -> String? = { _ in nil }) -> String {
        var html = html
        let chartPrefix = Array((slug + "-fig-").utf8)
        let out = html.withUTF8 { bytes -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 512)
            var copied = 0, index = 0
            func copy(upTo end: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end]))
                copied = end
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), let length = headingTagLength(bytes, at: index) {
                    copy(upTo: index + length - 1)
                    out.append(bytes[index + length - 1] + 1)
                    index += length
                    copied = index
                    continue
                }
                if byte == UInt8(ascii: " "), let (name, valueStart) = attribute(bytes, at: index),
                   let close = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) {
                    copy(upTo: valueStart)
                    let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<close])
                    if name == .id {
                        // Chart ids (`<slug>-fig-…`) are unique across the site already, and their SVG refers to them as they are.
                        if value.starts(with: chartPrefix) { out.append(contentsOf: value) } else { out.append(contentsOf: prefixed(slug, String(decoding: value, as: UTF8.self)).utf8) }
                    } else {
                        out.append(contentsOf: url(String(decoding: value, as: UTF8.self), slug: slug, caseSlugs: caseSlugs, pageOf: pageOf).utf8)
                    }
                    index = close
                    copied = close
                    continue
                }
                index += 1
            }
            copy(upTo: bytes.count)
            return out
        }
        return String(decoding: out, as: UTF8.self)
    }

    private enum Attribute { case id, url }

    /// ` id="`, ` href="` or ` src="` at `index`: which, and where its value starts.
    private static func attribute(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Attribute, Int)? {
        for (pattern, kind) in attributePatterns {
            let end = index + 1 + pattern.count
            if end <= bytes.count, bytes[(index + 1)..<end].elementsEqual(pattern) { return (kind, end) }
        }
        return nil
    }

    private static let attributePatterns: [([UInt8], Attribute)] = [(Array("id=\"".utf8), .id), (Array("href=\"".utf8), .url), (Array("src=\"".utf8), .url)]

    /// `<h2 `, `<h2>`, `</h2>` … up to level 5 at `index`: the length up to and including the digit.
    private static func headingTagLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var cursor = index + 1
        let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
        if closing { cursor += 1 }
        guard cursor + 2 < bytes.count, bytes[cursor] == UInt8(ascii: "h"),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[cursor + 1]) else { return nil }
        let after = bytes[cursor + 2]
        guard after == UInt8(ascii: ">") || (!closing && after == UInt8(ascii: " ")) else { return nil }
        return cursor + 2 - index
    }

    static func prefixed(_ slug: String, _ id: String) -> String { chapterID(slug) + "--" + id }

    static func url(_ value: String, slug: String, caseSlugs: Set<String>, pageOf: (String) -> String? = { _ in nil }) -> String {
        if value.hasPrefix("#") { return "#" + prefixed(slug, String(value.dropFirst())) }
        if value.isEmpty || value.hasPrefix("/") || LinkTarget.hasScheme(value) { return value }
        let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : nil
        if path.hasSuffix(".html"), !path.contains("/") {
            let target = String(path.dropLast(5))
            let anchor = fragment.map { prefixed(target, $0) } ?? chapterID(target)
            if caseSlugs.contains(target) { return "#" + anchor }
            if let page = pageOf(target) { return page + "#" + anchor }
        }
        // Relative to cases/: from the top of the site that is cases/<path>, and ../x is x.
        if path.hasPrefix("../") { return String(value.dropFirst(3)) }
        return "cases/" + value
    }
}
