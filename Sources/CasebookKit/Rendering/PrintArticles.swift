/// The cases of one print page, each rendered with `partials/print-case`: either made in this build or
/// kept as the last build made them (as bytes of the page's `PrintArticleCache`). The page is put together
/// as bytes: the print template is rendered with a placeholder for each part's articles, and the
/// placeholders are replaced by the articles, so a page of a thousand cases is neither joined into one
/// string nor copied through the template.
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

    /// The page `render` makes when given each part's articles. `render` is called with placeholders; when
    /// each part's placeholder is not found exactly once in what it makes, it is called again with the text.
    func page(_ render: ((SiteModel.Part) -> String) -> String) -> [UInt8] {
        var order: [String] = []
        var index: [String: Int] = [:]
        var framed = render { part in
            let slug = part.section.slug
            guard byPart[slug] != nil else { return "" }
            if index[slug] == nil { index[slug] = order.count; order.append(slug) }
            return Self.placeholder(index[slug]!)
        }
        if let spliced = framed.withUTF8({ splice($0, parts: order) }) { return spliced }
        return Array(render { part in byPart[part.section.slug].map(text) ?? "" }.utf8)
    }

    /// `framed` with each placeholder replaced by its part's articles; nil unless every one of `parts`
    /// has its placeholder exactly once.
    private func splice(_ framed: UnsafeBufferPointer<UInt8>, parts: [String]) -> [UInt8]? {
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
        guard found.count == parts.count, Set(found.map(\.part)) == Set(parts.indices) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(framed.count + found.reduce(0) { $0 + size(of: parts[$1.part]) })
        var copied = 0
        for placeholder in found {
            bytes.append(contentsOf: framed[copied..<placeholder.range.lowerBound])
            append(byPart[parts[placeholder.part]] ?? [], to: &bytes)
            copied = placeholder.range.upperBound
        }
        bytes.append(contentsOf: framed[copied...])
        return bytes
    }

    private func size(of part: String) -> Int {
        (byPart[part] ?? []).reduce(0) { $0 + $1.byteCount }
    }

    private func append(_ articles: [Article], to bytes: inout [UInt8]) {
        for article in articles {
            switch article {
            case let .kept(range): kept[range].withUnsafeBytes { bytes.append(contentsOf: $0) }
            case let .made(text): bytes.append(contentsOf: text.utf8)
            }
        }
    }

    /// A part's articles as one text.
    private func text(_ articles: [Article]) -> String {
        var bytes: [UInt8] = []
        append(articles, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
