/// The cases of one print page, each rendered with `partials/print-case`: either made in this build or
/// kept as the last build made them (as bytes of the page's `PrintArticleCache`). The page is put together
/// as pieces: the print template is rendered with a placeholder for each part's articles, and the page is
/// written as the template's text between the placeholders and the articles in their places, so a page of
/// a thousand cases is neither joined into one string nor copied through the template.
struct PrintArticles: Sendable {
    enum Article: Sendable {
        /// Bytes `range` of `kept`.
        case kept(Range<Int>)
        case made(String)

        /// The article's length in bytes.
        var byteCount: Int {
            switch self {
            case let .kept(range): return range.count
            case let .made(text): return text.utf8.count
            }
        }
    }

    /// The bytes kept articles point into.
    var kept: FileBytes
    /// Each part's articles in reading order, by part slug.
    var byPart: [String: [Article]]

    /// What the template is given in place of the articles of the `index`-th part. It has a character the
    /// template's escaping changes, so a template that escapes the articles is not given them unescaped.
    static func placeholder(_ index: Int) -> String { "\u{2}&casebook-articles-\(index)\u{3}" }

    /// The print template rendered with a placeholder for each part's articles, and the parts those stand
    /// for, in the order their placeholders were asked for. It does not depend on the articles, so a page
    /// whose listing is unchanged can take the last build's (see `PrintArticleCache.frame`).
    struct Frame: Sendable {
        var text: String
        var order: [String]
    }

    /// The frame `render` makes when given placeholders for the parts' articles.
    func frame(_ render: ((SiteModel.Part) -> String) -> String) -> Frame {
        var order: [String] = []
        var index: [String: Int] = [:]
        var text = render { part in
            let slug = part.section.slug
            guard byPart[slug] != nil else { return "" }
            if index[slug] == nil { index[slug] = order.count; order.append(slug) }
            return Self.placeholder(index[slug]!)
        }
        text.makeContiguousUTF8()
        return Frame(text: text, order: order)
    }

    /// The page as pieces to write: `frame`'s text with the articles in its placeholders' places; nil
    /// unless each part's placeholder is found exactly once (or a part it names has no articles here).
    func page(in frame: Frame) -> OutputPieces? {
        guard frame.order.allSatisfy({ byPart[$0] != nil }) else { return nil }
        var framed = frame.text
        framed.makeContiguousUTF8()
        guard let found = framed.withUTF8({ placeholders(in: $0, parts: frame.order.count) }) else { return nil }
        var pieces = OutputPieces()
        var copied = framed.utf8.startIndex
        for placeholder in found {
            let start = framed.utf8.index(framed.utf8.startIndex, offsetBy: placeholder.range.lowerBound)
            pieces.append(framed[copied..<start])
            Self.append(byPart[frame.order[placeholder.part]] ?? [], kept: kept, to: &pieces)
            copied = framed.utf8.index(framed.utf8.startIndex, offsetBy: placeholder.range.upperBound)
        }
        pieces.append(framed[copied...])
        return pieces
    }

    /// The page `render` makes when given each part's articles, as pieces to write. `render` is called with
    /// placeholders, unless `keptFrame` (a frame the last build made; see `PrintArticleCache.frame`) fits
    /// these articles; a frame rendered now is handed to `made`. When each part's placeholder is not found
    /// exactly once in what `render` makes, it is called again with the text.
    func page(keptFrame: Frame? = nil, made: (Frame) -> Void = { _ in }, _ render: ((SiteModel.Part) -> String) -> String) -> OutputPieces {
        if let keptFrame, let pieces = page(in: keptFrame) { return pieces }
        let frame = frame(render)
        made(frame)
        return page(in: frame) ?? page(text: render)
    }

    /// The page `render` makes when given each part's articles as text.
    private func page(text render: ((SiteModel.Part) -> String) -> String) -> OutputPieces {
        var pieces = OutputPieces()
        pieces.append(Substring(render { part in byPart[part.section.slug].map(text) ?? "" }))
        return pieces
    }

    /// Where the placeholders of `framed` are, in order, with the part each stands for; nil unless each of
    /// the `parts` parts has its placeholder exactly once.
    private func placeholders(in framed: UnsafeBufferPointer<UInt8>, parts: Int) -> [(range: Range<Int>, part: Int)]? {
        let prefix = Array("\u{2}&casebook-articles-".utf8)
        var found: [(range: Range<Int>, part: Int)] = []
        var position = 0
        while let start = framed[position...].firstIndex(of: 2) {
            position = start + 1
            guard framed.count - start > prefix.count, framed[start..<start + prefix.count].elementsEqual(prefix),
                  let end = framed[(start + prefix.count)...].firstIndex(of: 3),
                  let part = Int(String(decoding: framed[(start + prefix.count)..<end], as: UTF8.self)) else { continue }
            found.append((start..<end + 1, part))
            position = end + 1
        }
        guard found.count == parts, Set(found.map(\.part)) == Set(0..<parts) else { return nil }
        return found
    }

    /// Appends `articles` to `pieces`: made ones as their text, kept ones as their ranges of `kept`.
    static func append(_ articles: [Article], kept: FileBytes, to pieces: inout OutputPieces) {
        for article in articles {
            switch article {
            case let .kept(range): pieces.append(kept[range])
            case let .made(text): pieces.append(Substring(text))
            }
        }
    }

    /// A part's articles as one text.
    private func text(_ articles: [Article]) -> String {
        var pieces = OutputPieces()
        Self.append(articles, kept: kept, to: &pieces)
        return String(decoding: pieces.joined, as: UTF8.self)
    }
}
