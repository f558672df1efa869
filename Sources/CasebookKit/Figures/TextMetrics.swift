/// Text widths estimated without a font: CJK and other full-width characters take one em,
/// ASCII about half. Estimates err on the wide side so real fonts fit in the space given.
public enum TextMetrics {
    /// Width in em of one character.
    public static func em(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        switch v {
        case 0x20: return 0.32
        case 0x21...0x7E:
            if ("0"..."9").contains(scalar) { return 0.6 }
            if ("A"..."Z").contains(scalar) || scalar == "%" || scalar == "@" || scalar == "W" || scalar == "M" { return 0.72 }
            if "il.,:;|!'`".unicodeScalars.contains(scalar) { return 0.32 }
            return 0.6
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD:
            return 1.0
        case 0x2010...0x2027: return v == 0x2026 || v == 0x2014 ? 1.0 : 0.6
        default: return 0.75
        }
    }

    /// Estimated width of `text` at `fontSize` pixels.
    public static func width(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + em($1) } * fontSize
    }

    /// Breaks `text` into at most `maxLines` lines no wider than `maxWidth`; when it does not fit,
    /// the last line ends in `…` and `truncated` is true (callers keep the whole text in a `<title>`).
    public static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int) -> (lines: [String], truncated: Bool) {
        var lines: [String] = []
        var current = "", currentWidth = 0.0
        let ellipsis = "…", ellipsisWidth = width(ellipsis, fontSize: fontSize)
        for character in text {
            let w = character.unicodeScalars.reduce(0) { $0 + em($1) } * fontSize
            if currentWidth + w > maxWidth, !current.isEmpty {
                lines.append(current)
                current = ""; currentWidth = 0
                if lines.count == maxLines { break }
                if character == " " { continue }
            }
            current.append(character)
            currentWidth += w
        }
        if lines.count < maxLines {
            if !current.isEmpty { lines.append(current) }
            return (lines, false)
        }
        // Out of lines: shorten the last line to make room for the ellipsis.
        var last = lines.removeLast()
        while !last.isEmpty, width(last, fontSize: fontSize) + ellipsisWidth > maxWidth { last.removeLast() }
        lines.append(last + ellipsis)
        return (lines, true)
    }
}
