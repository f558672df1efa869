/// Rules for the slugs that become file names in `output/`: short ASCII, so no slug can leave the folder
/// or collide on a case-insensitive disk.
public enum Slug {
    /// Lower-case letters, digits, `-` and `_`; starts with a letter or digit; at most 120 characters.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 120 else { return false }
        guard isAllowed(first), first != "-", first != "_" else { return false }
        return text.unicodeScalars.allSatisfy(isAllowed)
    }

    private static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_"
    }

    /// A valid slug close to `text` (lower-cased, other characters turned into hyphens), if any ASCII is left.
    public static func suggestion(for text: String) -> String? {
        var out = ""
        for c in text.lowercased().unicodeScalars {
            if isAllowed(c) { out.unicodeScalars.append(c) } else if !out.hasSuffix("-") { out += "-" }
        }
        while out.hasPrefix("-") || out.hasPrefix("_") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? nil : String(out.prefix(120))
    }
}
