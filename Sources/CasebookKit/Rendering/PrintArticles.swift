import CasebookPages

/// The cases of one print page, each rendered with `Template.printCase`: either made in this build or kept
/// as the last build made them (as bytes kept by the page's `PrintArticleCache`). The page is put together as
/// pieces: the texts of its frame (`Template.printPage`) with the articles in their places between them, so
/// a page of a thousand cases is never joined into one string.
struct PrintArticles: Sendable {
    enum Article: Sendable {
        /// The bytes the last build made.
        case kept(FileBytes)
        case made(String)

        /// The article's length in bytes.
        var byteCount: Int {
            switch self {
            case let .kept(bytes): return bytes.count
            case let .made(text): return text.utf8.count
            }
        }
    }

    /// Each part's articles in reading order, by part slug.
    var byPart: [String: [Article]]

    /// The print page around its articles (`Template.printPage`'s `PrintLayout`, as text): `texts[0]`, the
    /// articles of part `order[0]`, `texts[1]`, … `texts.last`. It does not depend on the articles, so a page
    /// whose listing is unchanged can take the last build's (see `PrintArticleCache.frame`).
    struct Frame: Sendable {
        var texts: [String]
        var order: [String]

        init(texts: [String], order: [String]) { (self.texts, self.order) = (texts, order) }

        init(_ layout: PrintLayout) {
            self.init(texts: layout.pieces.map(\.text), order: layout.slots)
        }
    }

    /// The page as pieces to write: `frame`'s texts with each part's articles in its place; nil unless the
    /// frame fits these articles (a text more than its parts, and every part it names here).
    func page(in frame: Frame) -> FileContents? {
        guard frame.texts.count == frame.order.count + 1, frame.order.allSatisfy({ byPart[$0] != nil }) else { return nil }
        var pieces = FileContents()
        for (index, slug) in frame.order.enumerated() {
            pieces.append(Substring(frame.texts[index]))
            Self.append(byPart[slug] ?? [], to: &pieces)
        }
        pieces.append(Substring(frame.texts[frame.order.count]))
        return pieces
    }

    /// The page as pieces: in `keptFrame` (a frame the last build made; see `PrintArticleCache.frame`) when
    /// it fits these articles, else in the frame `layout` makes, which is handed to `made`.
    func page(keptFrame: Frame? = nil, made: (Frame) -> Void = { _ in }, _ layout: () -> Frame) -> FileContents {
        if let keptFrame, let pieces = page(in: keptFrame) { return pieces }
        let frame = layout()
        made(frame)
        return page(in: frame) ?? FileContents()
    }

    /// Appends `articles` to `pieces`: made ones as their text, kept ones as their bytes.
    static func append(_ articles: [Article], to pieces: inout FileContents) {
        for article in articles {
            switch article {
            case let .kept(bytes): pieces.append(bytes)
            case let .made(text): pieces.append(Substring(text))
            }
        }
    }
}
