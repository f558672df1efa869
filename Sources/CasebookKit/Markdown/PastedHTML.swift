import Foundation
import CCmarkGFM

/// HTML pasted from Word or a web page never reaches a page as HTML, and its words are never lost without
/// a word: an HTML block becomes a paragraph of its text (tags dropped, the common entities read), `<br>`
/// a line break, and any other tag is dropped; each is a warning at its line. Comments (`<!-- -->`) are
/// dropped with a warning too.
enum PastedHTML {
    /// Replaces the raw HTML nodes among `nodes` (in document order) in the tree, and reports each.
    /// `location` turns a body line and column into a file position.
    static func replace(in nodes: [OpaquePointer], location: (Int, Int) -> SourceLocation) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for node in nodes {
            let type = CmarkNode.type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            let literal = CmarkNode.literal(node)
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            let shown = String((literal.trimmingWhitespace(andNewlines: true).split(separator: "\n").first ?? "").prefix(40))
            if type == CMARK_NODE_HTML_BLOCK {
                let words = text(of: literal)
                if words.isEmpty {
                    diagnostics.append(.warning(Message(.htmlRemoved, shown), at: location(line, column), suggestion: Message(.htmlUseMarkdown)))
                    cmark_node_free(node)
                } else {
                    diagnostics.append(.warning(Message(.htmlBlockKept, shown), at: location(line, column), suggestion: Message(.htmlBlockFix)))
                    let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
                    let content = cmark_node_new(CMARK_NODE_TEXT)!
                    cmark_node_set_literal(content, words)
                    cmark_node_append_child(paragraph, content)
                    CmarkNode.replace(node, with: paragraph, movingChildren: false)
                }
                continue
            }
            let tag = literal.lowercased()
            if tag.hasPrefix("<br") {
                CmarkNode.replace(node, with: cmark_node_new(CMARK_NODE_LINEBREAK)!, movingChildren: false)
                diagnostics.append(.warning(Message(.htmlBreak, shown), at: location(line, 1), suggestion: Message(.htmlBreakFix)))
            } else {
                diagnostics.append(.warning(Message(.htmlInlineKept, shown), at: location(line, 1), suggestion: Message(.htmlInlineFix)))
                cmark_node_free(node)
            }
        }
        return diagnostics
    }

    /// The words of an HTML fragment: tags and comments dropped, `<br>` and block ends as spaces, the
    /// common entities read, runs of white space made one.
    static func text(of html: String) -> String {
        var out = "", inTag = false, inComment = false
        var index = html.startIndex
        while index < html.endIndex {
            let rest = html[index...]
            if inComment {
                if rest.hasPrefix("-->") { inComment = false; index = html.index(index, offsetBy: 3); continue }
            } else if inTag {
                if html[index] == ">" { inTag = false; out += " " }
            } else if rest.hasPrefix("<!--") {
                inComment = true
            } else if html[index] == "<" {
                inTag = true
            } else {
                out.append(html[index])
            }
            index = html.index(after: index)
        }
        for (entity, character) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
