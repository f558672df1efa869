import CasebookPages
import Foundation
import CCmarkGFM

/// Renders a case body with libcmark-gfm (GFM extensions, footnotes, safe mode) and adds what cmark lacks:
/// heading ids, links between cases, figure blocks and links from `图 1-1` to its figure.
public struct MarkdownRenderer: Sendable {
    public typealias FigureStage = @Sendable (FigureBlockSource) -> RenderedFigure

    public init() {}

    /// - Parameters:
    ///   - body: Markdown text of the body
    ///   - file: the file name to report
    ///   - firstLine: the file line on which `body` starts
    ///   - mediaExists: whether `Content/media/<path>` exists, for `../media/` links
    ///   - figures: turns a figure block into HTML
    public func render(_ body: String, file: String, firstLine: Int,
                       mediaExists: (String) -> Bool = { _ in true },
                       figures: FigureStage) -> RenderedMarkdown {
        let document = CmarkDocument(body)
        let sourceLines = body.lines()
        var diagnostics: [Diagnostic] = []
        func location(line: Int, column: Int) -> SourceLocation {
            SourceLocation(file: file, line: firstLine + max(1, line) - 1, column: max(1, column))
        }

        let parsed = document.nodes()
        if let problem = ContentLimits.structureProblem(nodes: parsed, file: file, line: firstLine) {
            return RenderedMarkdown(html: "", headings: [], caseLinks: [], figures: [], firstParagraph: nil, textBlocks: [], diagnostics: [problem])
        }
        // Raw HTML is replaced by its words (the tree changes, so its nodes are listed again).
        let pasted = PastedHTML.replace(in: parsed, location: location)
        diagnostics += pasted
        let nodes = pasted.isEmpty ? parsed : document.nodes()
        var headingNodes: [OpaquePointer] = [], figureNodes: [OpaquePointer] = [], linkNodes: [OpaquePointer] = []
        var firstParagraph: String?
        for node in nodes {
            let type = CmarkNode.type(node)
            if type == CMARK_NODE_HEADING { headingNodes.append(node) }
            else if type == CMARK_NODE_CODE_BLOCK, CmarkNode.fenceInfo(node).trimmingWhitespace() == "figure" { figureNodes.append(node) }
            else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { linkNodes.append(node) }
            else if type == CMARK_NODE_PARAGRAPH, firstParagraph == nil,
                    !CmarkNode.hasAncestor(node, ofType: [CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_ITEM, CMARK_NODE_FOOTNOTE_DEFINITION]) {
                firstParagraph = CmarkNode.plainText(node)
            }
        }

        // Figures first: their ids are the targets of the prose's references.
        var figureList: [Figure] = [], charts: [String] = []
        var figureIDs: [String: SourceLocation] = [:]
        // Ids of blocks with errors of their own: a reference to one is not a second error.
        var brokenIDs: Set<String> = []
        for node in figureNodes {
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            let block = FigureBlockSource(text: CmarkNode.literal(node), location: location(line: line + 1, column: column))
            let rendered = figures(block)
            diagnostics += rendered.diagnostics
            if rendered.figure == nil, let id = Self.writtenID(block.text) { brokenIDs.insert(id) }
            if let figure = rendered.figure {
                if let previous = figureIDs[figure.id] {
                    diagnostics.append(.error(Message(.figureIDTwice, figure.id), at: figure.location,
                                              suggestion: Message(.figureIDTwiceFix, String(previous.line))))
                } else {
                    figureIDs[figure.id] = figure.location
                    figureList.append(figure)
                    charts.append(rendered.chart)
                }
            }
            CmarkNode.replace(node, with: CmarkNode.makeCustom(block: true, enter: rendered.html, exit: ""), movingChildren: false)
        }

        // Headings get ids; figure anchors are reserved so a heading never takes one.
        var slugger = HeadingSlugger(reserved: figureList.map(\.anchor))
        var headings: [Heading] = []
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let text = CmarkNode.plainText(node).trimmingWhitespace()
            let id = slugger.id(for: text)
            headings.append(Heading(level: level, text: text, id: id))
            let custom = CmarkNode.makeCustom(block: true, enter: "<h\(level) id=\"\(HTML.escape(id))\">", exit: "</h\(level)>\n")
            CmarkNode.replace(node, with: custom, movingChildren: true)
        }
        let anchors = Set(headings.map(\.id)).union(figureList.map(\.anchor))

        // Links: other cases' files become their pages; the rest is checked where it can be.
        var caseLinks: [CaseLink] = []
        var linkColumns = ColumnFinder(lines: sourceLines)
        for node in linkNodes {
            Self.endAutolinkBeforeChinese(node)
            let url = CmarkNode.url(node)
            let line = Int(cmark_node_get_start_line(node))
            // Found only for a link that needs it: most links are external and need none.
            var where_: SourceLocation {
                let column = url.isEmpty ? nil : linkColumns.column(of: url, inLine: line)
                return location(line: line, column: column ?? Int(cmark_node_get_start_column(node)))
            }
            switch LinkTarget.classify(url) {
            case let .caseFile(slug, fragment):
                let normalised = fragment.map(HeadingSlugger.slug)
                caseLinks.append(CaseLink(slug: slug, fragment: normalised, location: where_))
                cmark_node_set_url(node, slug + ".html" + (normalised.map { "#" + $0 } ?? ""))
            case let .fragment(fragment):
                let normalised = fragment.hasPrefix("fig-") ? fragment : HeadingSlugger.slug(fragment)
                if anchors.contains(normalised) || fragment.hasPrefix("fn") {
                    cmark_node_set_url(node, "#" + (fragment.hasPrefix("fn") ? fragment : normalised))
                } else {
                    diagnostics.append(.error(Message(.linkNoFragmentHere, fragment), at: where_,
                                              suggestion: Suggestion.closest(to: normalised, in: Array(anchors)).map { Message(.didYouMeanFragment, $0) }))
                }
            case let .media(path):
                if !mediaExists(path) {
                    diagnostics.append(.error(Message(.linkMediaMissing, path), at: where_))
                }
            case let .unknownRelative(path):
                diagnostics.append(.error(Message(.linkUnknownRelative, path), at: where_, suggestion: Message(.linkCaseFix)))
            case .external, .empty:
                break
            }
        }

        // Prose references to figures, outside code and links.
        linkFigureReferences(in: document, figureIDs: Set(figureIDs.keys), broken: brokenIDs, sourceLines: sourceLines,
                             location: location, diagnostics: &diagnostics)

        let textBlocks = Self.textBlocks(of: document, headings: headings)
        return RenderedMarkdown(html: document.renderHTML(), headings: headings, caseLinks: caseLinks, figures: figureList, charts: charts,
                                firstParagraph: firstParagraph, textBlocks: textBlocks, diagnostics: diagnostics)
    }

    /// The `id:` a figure block's text gives, read as a line (for a block that did not parse).
    static func writtenID(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("id:") {
            return String(line.dropFirst(3)).trimmingWhitespace()
        }
        return nil
    }

    private func linkFigureReferences(in document: CmarkDocument, figureIDs: Set<String>, broken: Set<String>, sourceLines: [Substring],
                                      location: (Int, Int) -> SourceLocation, diagnostics: inout [Diagnostic]) {
        let textNodes = document.nodes().filter {
            CmarkNode.type($0) == CMARK_NODE_TEXT && cmark_node_get_literal($0).map(FigureReference.mayMatch) == true
                && !CmarkNode.hasAncestor($0, ofType: [CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_INLINE])
        }
        var columns = ColumnFinder(lines: sourceLines)
        var unknown = 0
        for node in textNodes {
            let text = CmarkNode.literal(node)
            let matches = FigureReference.matches(in: text)
            guard !matches.isEmpty else { continue }
            let line = lineOf(node)
            var cursor = text.startIndex
            for match in matches {
                let label = String(text[match.range])
                // `\图 3-1` is plain text, shown without the backslash (cmark keeps a backslash before a letter).
                if match.range.lowerBound > cursor, text[text.index(before: match.range.lowerBound)] == "\\" {
                    insertText(String(text[cursor..<text.index(before: match.range.lowerBound)]), before: node)
                    cursor = match.range.lowerBound
                    continue
                }
                if match.range.lowerBound == text.startIndex, let previous = cmark_node_previous(node),
                   CmarkNode.type(previous) == CMARK_NODE_TEXT, CmarkNode.literal(previous).hasSuffix("\\") {
                    cmark_node_set_literal(previous, String(CmarkNode.literal(previous).dropLast()))
                    continue
                }
                guard figureIDs.contains(match.id) else {
                    guard match.explicit, !broken.contains(match.id) else { continue }
                    let column = columns.column(of: label, inLine: line) ?? 1
                    unknown += 1
                    if unknown <= Self.reportedUnknownReferences {
                        let fix = figureIDs.isEmpty ? Message(.figureRefAddBlock, match.id) : Message(.figureRefHere, figureIDs.sorted().joined(separator: ", "))
                        diagnostics.append(.warning(Message(.figureRefMissing, label, match.id), at: location(line, column),
                                                    suggestion: fix + Message(.figureRefPlainText, match.id)))
                    } else if unknown == Self.reportedUnknownReferences + 1 {
                        diagnostics.append(.warning(Message(.figureRefMore), at: location(line, column), suggestion: Message(.figureRefMoreFix)))
                    }
                    continue
                }
                if cursor < match.range.lowerBound { insertText(String(text[cursor..<match.range.lowerBound]), before: node) }
                let link = CmarkNode.makeCustom(block: false, enter: "<a class=\"figure-ref\" href=\"#\(FigureReference.anchor(for: match.id))\">", exit: "</a>")
                let inner = cmark_node_new(CMARK_NODE_TEXT)!
                cmark_node_set_literal(inner, label)
                cmark_node_append_child(link, inner)
                cmark_node_insert_before(node, link)
                cursor = match.range.upperBound
            }
            cmark_node_set_literal(node, String(text[cursor...]))
        }
    }

    private func insertText(_ text: String, before node: OpaquePointer) {
        let textNode = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(textNode, text)
        cmark_node_insert_before(node, textNode)
    }

    /// The body line of an inline node: its own start line when cmark set one, else its paragraph's plus the breaks before it.
    private func lineOf(_ node: OpaquePointer) -> Int {
        let own = Int(cmark_node_get_start_line(node))
        if own > 0 { return own }
        var breaks = 0
        var sibling = cmark_node_previous(node)
        while let current = sibling {
            let type = CmarkNode.type(current)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { breaks += 1 }
            sibling = cmark_node_previous(current)
        }
        var parent = cmark_node_parent(node)
        while let current = parent, Int(cmark_node_get_start_line(current)) == 0 { parent = cmark_node_parent(current) }
        return (parent.map { Int(cmark_node_get_start_line($0)) } ?? 1) + breaks
    }

    /// An autolink (`https://…`, `www.…`, `a@b.c` written as plain text) ends where Chinese begins: the
    /// autolink extension of cmark-gfm takes full-width punctuation (`，。；：！？）」』`) and the words after
    /// it into the address. Those go back into the text after the link.
    static func endAutolinkBeforeChinese(_ node: OpaquePointer) {
        guard let child = cmark_node_first_child(node), cmark_node_next(child) == nil, CmarkNode.type(child) == CMARK_NODE_TEXT else { return }
        let text = CmarkNode.literal(child), url = CmarkNode.url(node)
        let scheme = url == text ? "" : ["http://", "mailto:"].first { url == $0 + text }
        guard let scheme, let cut = text.unicodeScalars.firstIndex(where: { isWide($0) }), cut > text.unicodeScalars.startIndex else { return }
        let kept = String(text.unicodeScalars[..<cut]), rest = String(text.unicodeScalars[cut...])
        cmark_node_set_literal(child, kept)
        cmark_node_set_url(node, scheme + kept)
        let after = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(after, rest)
        cmark_node_insert_after(node, after)
    }

    /// CJK characters and punctuation, and full-width forms: never part of an address written in prose.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF: true
        default: false
        }
    }

    /// How many references to missing figures a case reports one by one; the rest are summed up in one.
    static let reportedUnknownReferences = 20
    /// Plain text of the body grouped under the nearest heading (figures included through their HTML tables, not here).
    static func textBlocks(of document: CmarkDocument, headings: [Heading]) -> [TextBlock] {
        var blocks: [TextBlock] = [TextBlock(headingID: nil, headingText: nil, text: "")]
        var headingIndex = 0
        for node in CmarkNode.children(document.root) {
            let type = CmarkNode.type(node)
            if type == CMARK_NODE_CUSTOM_BLOCK, let enter = cmark_node_get_on_enter(node).map({ String(cString: $0) }), enter.hasPrefix("<h"),
               headingIndex < headings.count {
                let heading = headings[headingIndex]
                headingIndex += 1
                blocks.append(TextBlock(headingID: heading.id, headingText: heading.text, text: ""))
                continue
            }
            let text = CmarkNode.plainText(node)
            if !text.isEmpty {
                blocks[blocks.count - 1].text += (blocks[blocks.count - 1].text.isEmpty ? "" : "\n") + text
            }
        }
        return blocks.filter { !$0.text.isEmpty || $0.headingID != nil }
    }
}

/// Finds needles in the body's lines one after another, each after the last one found on its line, and
/// counts columns (in characters) as it goes: finding every reference on one long line stays linear. A
/// needle not found ends the search of its line (the caller then falls back to cmark's column).
struct ColumnFinder {
    let lines: [Substring]
    private var cursors: [Int: (index: Substring.Index, column: Int)] = [:]

    init(lines: [Substring]) { self.lines = lines }

    /// The 1-based column of the next `needle` on body line `line`; nil when there is none.
    mutating func column(of needle: String, inLine line: Int) -> Int? {
        guard line >= 1, line <= lines.count, !needle.isEmpty else { return nil }
        let text = lines[line - 1]
        let start = cursors[line] ?? (text.startIndex, 1)
        guard let range = text[start.index...].firstRange(of: needle) else {
            cursors[line] = (text.endIndex, start.column + text.distance(from: start.index, to: text.endIndex))   // no line is searched twice
            return nil
        }
        let column = start.column + text.distance(from: start.index, to: range.lowerBound)
        cursors[line] = (range.upperBound, column + text.distance(from: range.lowerBound, to: range.upperBound))
        return column
    }
}
