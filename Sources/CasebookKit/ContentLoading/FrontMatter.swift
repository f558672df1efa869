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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            throw .error("a case file must begin with front matter between `---` lines",
                         at: SourceLocation(file: file, line: 1, column: 1),
                         suggestion: "start the file with:\n---\ntitle: 标题\nsection: 社区服务\n---")
        }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingTrailingSpaces() == "---" || $0.trimmingTrailingSpaces() == "..." }) else {
            throw .error("front matter is not closed: add a line `---` after it", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return FrontMatterSplit(yaml: yaml, yamlStartLine: 2, body: body, bodyStartLine: close + 3)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
