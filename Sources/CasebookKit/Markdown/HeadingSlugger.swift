/// Stable heading ids that work for Chinese: letters and digits of any script are kept,
/// spaces become hyphens, punctuation goes; repeats get `-1`, `-2`.
public struct HeadingSlugger {
    private var used: [String: Int] = [:]

    public init(reserved: [String] = []) {
        for id in reserved { used[id] = 0 }
    }

    /// The id for a heading text, unique within this slugger.
    public mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        guard let count = used[base] else { used[base] = 0; return base }
        var next = count + 1
        while used["\(base)-\(next)"] != nil { next += 1 }
        used[base] = next
        used["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }

    /// The slug of a text, the same every time (also applied to `#fragment`s written by editors).
    public static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || scalar == "_" {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(scalar)
            } else if p.isWhitespace || scalar == "-" {
                pendingHyphen = true
            }
        }
        let slug = String(out)
        return slug.isEmpty ? "section" : String(slug.prefix(80))
    }
}
