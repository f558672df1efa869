import CCmarkGFM

/// What one case file may hold, so that no file can make a build take minutes or gigabytes. A file over a
/// limit is refused with a message naming the limit; the limits are documented in the README.
public enum ContentLimits {
    /// The largest case file: 5 MB. A build holds a few hundred times a case's size while it renders it.
    public static let maximumCaseBytes = 5 * 1024 * 1024
    /// The libcmark-gfm of Debian (0.29.0.gfm.6) lacks upstream's fixes for inputs whose parsing time grows
    /// with the square of their size or worse. Measured on 1 MB bodies: `![[]()` repeated took over 30 s
    /// (8 s at 20,000 repeats, 0.9 s at 10,000), a table of 250,000 columns
    /// 17 s, 200 columns of 500,000 one-cell rows over 30 s, 1,000,000 nested `>` 3 s. A body is refused before parsing when it holds more of these shapes
    /// than any report does:
    /// the most `[` in a body (links, images, footnotes),
    public static let maximumBrackets = 10_000
    /// the most `|` on one line (a table's columns),
    public static let maximumBarsOnALine = 200
    /// the deepest nesting of `>` quotes at the start of a line,
    public static let maximumQuoteDepth = 50
    /// and the most table cells (columns times rows, counted from each table's `|---|` line on).
    public static let maximumTableCells = 50_000

    /// The error for a body holding more of a costly shape than its limit allows; `line` is the file line
    /// on which the body starts. One pass over the bytes.
    public static func markdownProblem(_ body: String, file: String, line firstLine: Int) -> Diagnostic? {
        var brackets = 0, bars = 0, depth = 0, atLineStart = true, line = firstLine
        // Tables: a line of only `|`, `-`, `:` and spaces with a `-` starts one, of its `|`s' columns; each
        // line after it, up to a blank line, is a row.
        var columns = 0, cells = 0, delimiterLike = true, hasDash = false, blank = true
        for byte in body.utf8 {
            switch byte {
            case UInt8(ascii: "["): brackets += 1
            case UInt8(ascii: "|"): bars += 1
            case UInt8(ascii: ">") where atLineStart: depth += 1
            case 10:
                if blank { columns = 0 } else if delimiterLike, hasDash, bars > 0 { columns = bars + 1 } else { cells += columns }
                (bars, depth, atLineStart, line, delimiterLike, hasDash, blank) = (0, 0, true, line + 1, true, false, true)
            default: break
            }
            if byte != 10, byte != UInt8(ascii: ">"), byte != 32 { atLineStart = false }
            if byte != 10, byte != 32 {
                blank = false
                if byte == UInt8(ascii: "-") { hasDash = true } else if byte != UInt8(ascii: "|"), byte != UInt8(ascii: ":") { delimiterLike = false }
            }
            let over: Message? = if brackets > maximumBrackets { Message(.limitBrackets, String(maximumBrackets)) }
                else if bars > maximumBarsOnALine { Message(.limitBars, String(maximumBarsOnALine)) }
                else if depth > maximumQuoteDepth { Message(.limitQuoteDepth, String(maximumQuoteDepth)) }
                else if cells > maximumTableCells { Message(.limitTableCells, String(maximumTableCells)) }
                else { nil }
            if let over {
                return .error(Message(.limitParseRefused, arguments: [.message(over)]), at: SourceLocation(file: file, line: line),
                              suggestion: Message(.limitParseFix))
            }
        }
        return nil
    }

    /// Once parsed, a body may hold at most this many Markdown elements (paragraphs, links, emphasis,
    /// pieces of text…): every later step walks them. A 1 MB report of plain prose has a few thousand;
    /// `~a` repeated 500,000 times made 1,000,000 and took 3 s to build.
    public static let maximumElements = 200_000
    /// At most this many headings (each is a line of the case's contents and a search block)
    public static let maximumHeadings = 2_000
    /// and this many figures (each a chart on the case page and in the figure index) in one case.
    public static let maximumFigures = 300

    /// The error for a parsed body (`nodes`, in document order) over one of the limits above.
    static func structureProblem(nodes: [OpaquePointer], file: String, line: Int) -> Diagnostic? {
        let over: Message?
        if nodes.count > maximumElements {
            over = Message(.limitElements, String(nodes.count), String(maximumElements))
        } else {
            var headings = 0, figures = 0
            for node in nodes {
                let type = CmarkNode.type(node)
                if type == CMARK_NODE_HEADING { headings += 1 }
                else if type == CMARK_NODE_CODE_BLOCK, CmarkNode.fenceInfo(node).trimmingWhitespace() == "figure" { figures += 1 }
            }
            over = headings > maximumHeadings ? Message(.limitHeadings, String(headings), String(maximumHeadings))
                : figures > maximumFigures ? Message(.limitFigures, String(figures), String(maximumFigures)) : nil
        }
        return over.map {
            .error(Message(.limitBuildRefused, arguments: [.message($0)]), at: SourceLocation(file: file, line: line),
                   suggestion: Message(.splitCase))
        }
    }

    /// The error for a case file of `size` bytes, when it is over the limit.
    public static func sizeProblem(_ size: Int, file: String) -> Diagnostic? {
        guard size > maximumCaseBytes else { return nil }
        return .error(Message(.limitFileSize, megabytes(size), megabytes(maximumCaseBytes)), at: SourceLocation(file: file),
                      suggestion: Message(.limitFileSizeFix))
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
