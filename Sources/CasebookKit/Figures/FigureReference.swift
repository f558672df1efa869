/// Finds the prose's references to figures: `图 1-1`, `图1-1`, `图 1 - 1`, `见图 1-1`.
public enum FigureReference {
    /// One reference in a text: the figure id it names (`1-1`) and its range in the text.
    public struct Match: Equatable, Sendable {
        public var id: String
        public var range: Range<String.Index>
    }

    public static func matches(in text: String) -> [Match] {
        var result: [Match] = []
        var index = text.startIndex
        while let start = text[index...].firstIndex(of: "图") {
            var cursor = text.index(after: start)
            func skipSpaces() { while cursor < text.endIndex, text[cursor] == " " || text[cursor] == "\u{3000}" { cursor = text.index(after: cursor) } }
            func digits() -> String? {
                let begin = cursor
                while cursor < text.endIndex, let ascii = text[cursor].asciiValue, (48...57).contains(ascii) { cursor = text.index(after: cursor) }
                return begin == cursor ? nil : String(text[begin..<cursor])
            }
            skipSpaces()
            if let major = digits() {
                let afterMajor = cursor
                skipSpaces()
                if cursor < text.endIndex, "-－–—".contains(text[cursor]) {
                    cursor = text.index(after: cursor)
                    skipSpaces()
                    if let minor = digits() {
                        result.append(Match(id: "\(Int(major)!)-\(Int(minor)!)", range: start..<cursor))
                        index = cursor
                        continue
                    }
                }
                cursor = afterMajor
            }
            index = text.index(after: start)
        }
        return result
    }

    /// The anchor of a figure on its page: `fig-1-1`.
    public static func anchor(for id: String) -> String { "fig-" + id }
}
