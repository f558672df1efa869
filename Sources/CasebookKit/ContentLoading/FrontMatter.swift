/// The YAML front matter of a case file and the Markdown body after it, with the line each starts on.
public struct FrontMatterSplit: Sendable {
    public var yaml: String
    /// 1-based line of the first YAML line in the file.
    public var yamlStartLine: Int
    public var body: String
    /// 1-based line of the first body line in the file.
    public var bodyStartLine: Int

    /// Splits `text` at `---` fences. A file without front matter is an error: every case needs a title and section.
    public static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatterSplit {
        var lines = text.lines()
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            throw .error(Message(.frontMatterMissing),
                         at: SourceLocation(file: file, line: 1, column: 1),
                         suggestion: Message(.frontMatterExample))
        }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingTrailingSpaces() == "---" || $0.trimmingTrailingSpaces() == "..." }) else {
            throw .error(Message(.frontMatterNotClosed), at: SourceLocation(file: file, line: 1, column: 1))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        // The body is the rest of the text as it is, not a re-join of its lines.
        let body = close + 1 < lines.count ? String(text[lines[close + 1].startIndex...]) : ""
        return FrontMatterSplit(yaml: yaml, yamlStartLine: 2, body: body, bodyStartLine: close + 3)
    }
}

extension String {
    /// The text's lines, split at `\n` over UTF-8 (line ends are normalised on reading). Much faster than a
    /// `split` over `Character`s, which walks grapheme clusters.
    func lines() -> [Substring] {
        var text = self
        // Where each `\n` is, found in the UTF-8 itself; then each line is a slice between two of them.
        let breaks = text.withUTF8 { bytes -> [Int] in
            var breaks: [Int] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") { breaks.append(index) }
                index += 1
            }
            return breaks
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
