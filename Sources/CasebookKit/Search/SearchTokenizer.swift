/// How the search reads text. The same rules are written three times — here (the index), in
/// `Templates/assets/search.js` (the query) and in `scripts/check_search.py` (the test) — keep them equal:
///
/// 1. Fold: full-width ASCII (`１９９９`, `Ａ`) becomes ASCII, U+3000 a space, letters lower case.
/// 2. Classify each character: CJK (Han, kana, Hangul), digit (`0`–`9`), letter (any other letter or
///    number), or separator (whitespace, punctuation, symbols).
/// 3. Normalise: a run of separators between two CJK characters is dropped (`居委\n会` → `居委会`,
///    `流动，党员` → `流动党员`); any other run of separators becomes one space, trimmed at the ends.
/// 4. Tokens: a run of CJK characters gives each character and each pair of neighbours (bigrams);
///    a run of digits gives the whole number and a run of letters the whole word.
///
/// A query of two or more CJK characters is looked up by its bigrams and then verified against the
/// normalised text, so it finds exactly the blocks whose normalised text contains it; a number in the query
/// matches whole numbers only (`999` does not find `1999`, `图 1-1` does not find `图 1-10`).
enum SearchTokenizer {
    enum CharClass: UInt8, Equatable { case cjk, digit, letter, separator }

    /// A token as the index stores it: one character, a bigram, or a lower-cased word.
    enum Token: Hashable {
        case single(Unicode.Scalar)
        case pair(Unicode.Scalar, Unicode.Scalar)
        case word(String)

        var string: String {
            switch self {
            case .single(let a): return String(Character(a))
            case .pair(let a, let b): var s = String(Character(a)); s.unicodeScalars.append(b); return s
            case .word(let w): return w
            }
        }
    }

    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x3005, 0x3007, 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// Step 1: full-width ASCII to ASCII, ideographic space to space, lower case.
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        var v = s.value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 }
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            return Unicode.Scalar(v)!
        }
        let scalar = Unicode.Scalar(v)!
        if !isCJK(v), scalar.properties.changesWhenLowercased {
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let first = lower.first { return first }
        }
        return scalar
    }

    /// Step 2, on a folded character.
    @inline(__always)
    static func classify(_ s: Unicode.Scalar) -> CharClass {
        let v = s.value
        if v < 0x80 {
            if v >= 0x30 && v <= 0x39 { return .digit }
            if v >= 0x61 && v <= 0x7A { return .letter }
            return .separator
        }
        if isCJK(v) { return .cjk }
        let properties = s.properties
        if properties.isAlphabetic { return .letter }
        switch properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark: return .letter
        default: return .separator
        }
    }

    /// `fold` and `classify` of every character of the Basic Multilingual Plane, worked out once: the folded
    /// value in the low 16 bits and the class's raw value above them; `UInt32.max` where the scan must work
    /// them out itself (surrogate code points, and a character that would fold out of the plane).
    static let basicPlaneTable: [UInt32] = (0..<0x10000).map { value -> UInt32 in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return UInt32.max }
        let folded = fold(scalar)
        guard folded.value < 0x10000 else { return UInt32.max }
        return UInt32(classify(folded).rawValue) << 16 | folded.value
    }

    /// Folded characters with their classes, separators between CJK characters dropped and other separator
    /// runs reduced to one space (steps 1–3).
    static func normalizedScalars(_ text: String) -> [(scalar: Unicode.Scalar, kind: CharClass)] {
        var out: [(scalar: Unicode.Scalar, kind: CharClass)] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var pendingSeparator = false
        for raw in text.unicodeScalars {
            let s = fold(raw)
            let kind = classify(s)
            if kind == .separator { pendingSeparator = true; continue }
            if pendingSeparator {
                pendingSeparator = false
                if let last = out.last, !(last.kind == .cjk && kind == .cjk) { out.append((" ", .separator)) }
            }
            out.append((s, kind))
        }
        return out
    }

    /// The normalised form of `text` (steps 1–3): what queries are matched against.
    static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for item in normalizedScalars(text) { result.append(item.scalar) }
        return String(result)
    }

    /// Calls `body` for each maximal run of characters of one class (separators left out).
    @inline(__always)
    static func forEachRun(_ items: [(scalar: Unicode.Scalar, kind: CharClass)], _ body: (CharClass, Range<Int>) -> Void) {
        var start = 0
        while start < items.count {
            let kind = items[start].kind
            var end = start + 1
            while end < items.count && items[end].kind == kind { end += 1 }
            if kind != .separator { body(kind, start..<end) }
            start = end
        }
    }

    /// Steps 1–4 in one pass with no intermediate array, for the index: calls `key` for each CJK token (a
    /// character, or `1 << 42 | a << 21 | b` for the pair `ab`, which comes before `b`) and `word` for each
    /// word or number, in text order.
    @inline(__always)
    static func scan(_ text: String, key: (UInt64) -> Void, word: (String) -> Void) {
        var previous: UInt64 = 0
        var previousKind = CharClass.separator
        var pendingSeparator = false
        var letters = String.UnicodeScalarView()
        var wordKind = CharClass.letter
        let basicPlane = basicPlaneTable
        for raw in text.unicodeScalars {
            let scalar: Unicode.Scalar
            let kind: CharClass
            let entry = raw.value < 0x10000 ? basicPlane[Int(raw.value)] : UInt32.max
            if entry != UInt32.max {   // steps 1 and 2, looked up
                scalar = Unicode.Scalar(entry & 0xFFFF).unsafelyUnwrapped
                kind = CharClass(rawValue: UInt8(truncatingIfNeeded: entry >> 16)).unsafelyUnwrapped
            } else {
                scalar = fold(raw)
                kind = classify(scalar)
            }
            if kind == .separator { pendingSeparator = true; continue }
            // A word or a number ends at a separator or at a character of another class.
            if !letters.isEmpty && (kind != wordKind || pendingSeparator) {
                word(String(letters))
                letters.removeAll(keepingCapacity: true)
            }
            if kind == .letter || kind == .digit {
                letters.append(scalar)
                wordKind = kind
            } else {
                let value = UInt64(scalar.value)
                // Separators between CJK characters are dropped.
                if previousKind == .cjk { key(1 << 42 | previous << 21 | value) }
                key(value)
                previous = value
            }
            previousKind = kind
            pendingSeparator = false
        }
        if !letters.isEmpty { word(String(letters)) }
    }

    /// The token `scan` passes as a key.
    static func token(forKey key: UInt64) -> Token {
        if key >> 42 == 1 {
            return .pair(Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF))!, Unicode.Scalar(UInt32(key & 0x1F_FFFF))!)
        }
        return .single(Unicode.Scalar(UInt32(key))!)
    }

    /// Calls `body` for every token of `text`, in order (step 4).
    static func forEachToken(in text: String, _ body: (Token) -> Void) {
        scan(text, key: { body(token(forKey: $0)) }, word: { body(.word($0)) })
    }

    /// Every token of `text`, in order.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachToken(in: text) { result.append($0.string) }
        return result
    }

    /// The tokens a query term is looked up by: bigrams for runs of two or more CJK characters, the
    /// character itself for a run of one, whole words for letters and whole numbers for digits. No
    /// duplicates, in order.
    static func queryTokens(_ term: String) -> [String] {
        let items = normalizedScalars(term)
        var result: [String] = []
        var seen = Set<String>()
        func add(_ token: Token) { let s = token.string; if seen.insert(s).inserted { result.append(s) } }
        forEachRun(items) { kind, range in
            switch kind {
            case .cjk:
                if range.count == 1 { add(.single(items[range.lowerBound].scalar)) }
                for i in range where i + 1 < range.upperBound { add(.pair(items[i].scalar, items[i + 1].scalar)) }
            case .letter, .digit:
                var word = String.UnicodeScalarView()
                for i in range { word.append(items[i].scalar) }
                add(.word(String(word)))
            case .separator:
                break
            }
        }
        return result
    }
}
