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
    @inlinable public init<Items: Sequence>(joining items: Items) where Items.Element == HTML {
        var markup = ""
        for item in items { markup += item.text }
        self.init(trusted: markup)
    }

    /// `items` one after another, in room made for all of them at once.
    @inlinable public init<Items: Collection>(joining items: Items) where Items.Element == HTML {
        var markup = ""
        markup.reserveCapacity(items.reduce(0) { $0 + $1.text.utf8.count })
        for item in items { markup += item.text }
        self.init(trusted: markup)
    }

    /// `items` each made into HTML by `render`, one after another.
    @inlinable public init<Items: Sequence>(_ items: Items, _ render: (Items.Element) -> HTML) {
        var markup = ""
        for item in items { markup += render(item).text }
        self.init(trusted: markup)
    }

    public mutating func append(_ other: HTML) { text += other.text }

    public struct Interpolation: StringInterpolationProtocol {
        @usableFromInline var text = ""

        @inlinable public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        @inlinable public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ value: String) { HTML.escape(value, into: &text) }

        /// Markup: as it is.
        @inlinable public mutating func appendInterpolation(_ value: HTML) {
            let count = value.text.utf8.count
            if count > 1024 { text.reserveCapacity(text.utf8.count + count + 2048) }   // a body: room for what follows it too
            text += value.text
        }

        /// A whole number.
        @inlinable public mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// A link target, for `href` and `src`: see `HTML.safeURL`.
        public mutating func appendInterpolation(href url: String) { HTML.escape(HTML.safeURL(url), into: &text) }
    }

    /// `url` if it may be followed from a page: a relative address, a `#fragment`, or an `http`, `https` or
    /// `mailto` address; anything with another scheme (`javascript:`, `data:`, `file:`…) becomes `#`.
    public static func safeURL(_ url: String) -> String {
        guard let colon = url.utf8.firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }),
              url.utf8[colon] == UInt8(ascii: ":") else { return url }   // no scheme: relative
        let lowered = url[..<colon].lowercased().filter { !$0.isWhitespace && !$0.isNewline }
        return ["http", "https", "mailto"].contains(lowered) ? url : "#"
    }

    /// Escapes `& < > " '`, so the result is safe in element text and in double- or single-quoted attributes.
    public static func escape(_ text: String) -> String {
        guard firstSpecial(in: text) != nil else { return text }
        var out = ""
        escape(text, into: &out)
        return out
    }

    /// `escape(text)` appended to `out`: the stretches between special characters are copied whole.
    public static func escape(_ text: String, into out: inout String) {
        guard var special = firstSpecial(in: text) else { out += text; return }
        let utf8 = text.utf8
        out.reserveCapacity(out.utf8.count + utf8.count + 16)
        var start = 0
        while true {
            out += Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: special)])
            switch utf8[utf8.index(utf8.startIndex, offsetBy: special)] {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "<"): out += "&lt;"
            case UInt8(ascii: ">"): out += "&gt;"
            case UInt8(ascii: "\""): out += "&quot;"
            default: out += "&#39;"
            }
            start = special + 1
            guard let next = firstSpecial(in: text, from: start) else { break }
            special = next
        }
        out += Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)...])
    }

    /// The UTF-8 offset of the first `& < > " '` in `text` at or after `offset`, if any: eight bytes at a time.
    static func firstSpecial(in text: String, from offset: Int = 0) -> Int? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ firstSpecial(in: $0, from: offset) }) { return found }
        var copy = text
        copy.makeContiguousUTF8()   // a bridged or foreign string: searched once it is native
        return copy.utf8.withContiguousStorageIfAvailable { firstSpecial(in: $0, from: offset) } ?? nil
    }

    private static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        var index = offset
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if matches(word, "&") | matches(word, "<") | matches(word, ">") | matches(word, "\"") | matches(word, "'") != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return index
            default: index += 1
            }
        }
        return nil
    }

    /// Nonzero when a byte of `word` is `byte` (the high bit of each such byte set, and perhaps of bytes after it).
    @inline(__always)
    private static func matches(_ word: UInt64, _ byte: Unicode.Scalar) -> UInt64 {
        let spread = word ^ (0x0101_0101_0101_0101 &* UInt64(byte.value))
        return (spread &- 0x0101_0101_0101_0101) & ~spread & 0x8080_8080_8080_8080
    }
}
