import CCmarkGFM
import Foundation

/// One parsed Markdown document: owns the libcmark-gfm parser and tree, freed together.
/// Not shared between threads; each case gets its own.
final class CmarkDocument {
    static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    /// The extensions that parse inlines, each starting only at certain bytes: `~` (strikethrough), `:` and
    /// `w` (links such as `https://…` and `www.…`) and `@` (e-mail addresses, found in the text afterwards).
    static let inlineExtensionNames: Set<String> = ["strikethrough", "autolink"]
    static let inlineExtensionBytes: [UInt8] = Array("~:w@".utf8)

    /// The extensions, found once: registration is an unsynchronised static flag in this libcmark-gfm,
    /// so it runs exactly once (Swift globals are initialised once, thread-safely) before any parsing.
    nonisolated(unsafe) static let extensions: [(pointer: OpaquePointer, isInline: Bool)] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.compactMap { name in cmark_find_syntax_extension(name).map { ($0, inlineExtensionNames.contains(name)) } }
    }()

    /// Held while a document with the inline extensions is parsed. `cmark_parser_finish` adds those
    /// extensions' bytes to one table all parsers share, parses the inlines, and takes them out again, so
    /// two such parses at once lost strikethrough and autolinks now and then. A document without any of
    /// `inlineExtensionBytes` is parsed without those extensions (they could match nothing in it), leaves
    /// the table alone, and is not held.
    private static let inlineParsing = NSLock()

    let parser: OpaquePointer
    let root: OpaquePointer

    init(_ text: String) {
        var text = text
        let inline = text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return Self.inlineExtensionBytes.contains { memchr(start, Int32($0), bytes.count) != nil }
        }
        let parser: OpaquePointer = cmark_parser_new(Self.parseOptions)
        for ext in Self.extensions where inline || !ext.isInline { cmark_parser_attach_syntax_extension(parser, ext.pointer) }
        func parse() -> OpaquePointer {
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        self.parser = parser
        self.root = inline ? Self.inlineParsing.withLock(parse) : parse()
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Safe-mode HTML (raw HTML omitted, dangerous URL schemes emptied); custom nodes print their own markup.
    func renderHTML() -> String {
        guard let html = cmark_render_html(root, Self.parseOptions, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Every node in document order, with its entering event only.
    func nodes() -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { result.append(node) }
        }
        return result
    }
}

/// Small typed reads over cmark's opaque nodes.
enum CmarkNode {
    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func fenceInfo(_ node: OpaquePointer) -> String {
        cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    /// The text a reader sees in a node (text, code and line breaks as spaces).
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let kind = type(current)
            if kind == CMARK_NODE_TEXT || kind == CMARK_NODE_CODE { text += literal(current) }
            else if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK { text += " " }
        }
        return text
    }

    static func hasAncestor(_ node: OpaquePointer, ofType types: [cmark_node_type]) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if types.contains(type(current)) { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// A raw-markup node: prints `enter` before its children and `exit` after, whatever the safe mode.
    static func makeCustom(block: Bool, enter: String, exit: String) -> OpaquePointer {
        let node = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// Replaces `node` by `replacement`, moving `node`'s children into it when asked, and frees `node`.
    static func replace(_ node: OpaquePointer, with replacement: OpaquePointer, movingChildren: Bool) {
        if movingChildren {
            for child in children(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(replacement, child)
            }
        }
        cmark_node_insert_before(node, replacement)
        cmark_node_free(node)
    }
}
