/// A piece of HTML that is safe to put on a page. Written with string interpolation, it escapes every
/// `String` it is given (`& < > " '`, so the result is safe in text and in quoted attributes) and passes
/// `HTML` through unchanged; whole numbers are written as they are. Anything else (an optional, a `Double`,
/// an arbitrary value) does not compile. Links go through `href:`, which applies the link rules.
///
/// Markup made elsewhere goes in unescaped only through `HTML(trusted:)`: cmark's rendered body, the SVG
/// charts and the print articles, which are made safe where they are made.
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var text: String

    public var description: String { text }

    /// A literal written in a template: markup as it stands.
    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup made and made safe elsewhere (cmark's body, an SVG chart, print articles), put in as it is.
    /// The only way to put a `String` into a page unescaped: keep its uses few and easy to find.
    public init(trusted markup: String) { text = markup }

    /// No markup.
    public static let empty = HTML(trusted: "")

    /// `items` one after another.
    public init<Items: Sequence>(joining items: Items) where Items.Element == HTML {
        text = ""
        for item in items { text += item.text }
    }

    /// `items` each made into HTML by `render`, one after another.
    public init<Items: Sequence>(_ items: Items, _ render: (Items.Element) -> HTML) {
        text = ""
        for item in items { text += render(item).text }
    }

    public mutating func append(_ other: HTML) { text += other.text }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ value: String) { HTML.escape(value, into: &text) }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }

        /// A whole number.
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// A link target, for `href` and `src`: see `HTML.safeURL`.
        public mutating func appendInterpolation(href url: String) { HTML.escape(HTML.safeURL(url), into: &text) }
    }

    /// `url` if it may be followed from a page: a relative address, a `#fragment`, or an `http`, `https` or
    /// `mailto` address; anything with another scheme (`javascript:`, `data:`, `file:`…) becomes `#`.
    public static func safeURL(_ url: String) -> String {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar == ":" { break }
            if scalar == "/" || scalar == "?" || scalar == "#" { return url }
            scheme.unicodeScalars.append(scalar)
        }
        guard scheme.utf8.count < url.utf8.count else { return url }   // no colon: relative
        let lowered = scheme.lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        return ["http", "https", "mailto"].contains(lowered) ? url : "#"
    }

    /// Escapes `& < > " '`, so the result is safe in element text and in double- or single-quoted attributes.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        escape(text, into: &out)
        return out
    }

    /// `escape(text)` appended to `out`.
    public static func escape(_ text: String, into out: inout String) {
        guard needsEscaping(text) else { out += text; return }
        out.reserveCapacity(out.utf8.count + text.utf8.count + 16)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
    }

    private static func needsEscaping(_ text: String) -> Bool {
        text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 })
    }
}
