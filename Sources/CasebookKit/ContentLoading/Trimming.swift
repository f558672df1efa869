extension StringProtocol {
    /// The text without white space at either end, as Foundation's `trimmingCharacters(in: .whitespaces)`
    /// gives it (or, with `newlines`, `.whitespacesAndNewlines`), but read over Unicode scalars in Swift:
    /// Foundation's goes through `NSString`, which was a measurable part of reading front matter and
    /// figure blocks.
    func trimmingWhitespace(andNewlines newlines: Bool = false) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isWhitespace(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard Self.isWhitespace(scalars[last], newlines: newlines) else { break }
            end = last
        }
        return String(self[start..<end])
    }

    /// Foundation's `CharacterSet.whitespaces`: space separators (Zs), the tab and the zero-width space
    /// (U+200B, a space separator in older Unicode); with `newlines`, `.whitespacesAndNewlines`: also line
    /// and paragraph separators (Zl, Zp), U+000A–U+000D and U+0085.
    static func isWhitespace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x200B: return true
        case 0x0A...0x0D, 0x85: return newlines
        case 0..<0x80: return false
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator: return true
            case .lineSeparator, .paragraphSeparator: return newlines
            default: return false
            }
        }
    }
}
