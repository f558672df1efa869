import Foundation

/// The cases of one print page as the last build rendered them (`Template.printCase`), kept in the
/// `CacheStore`, each named by its page and case and holding the key of everything such an article is made
/// from (see `PageKeys.printKey`). An edit then renders again only the cases that changed and puts the
/// others on the page as the bytes they were, instead of moving a thousand bodies onto the page again.
/// The page's frame is kept beside them, with the cases it lists.
struct PrintArticleCache: Sendable {
    let store: CacheStore?
    let page: String
    /// False in a clean build: nothing is read, but all is saved.
    let reading: Bool

    /// The article of case `slug` as kept under `key`, if it is.
    func article(_ slug: String, key: ContentHash) -> FileBytes? {
        guard reading, let bytes = store?.value(.printArticle, name(slug)), bytes.count >= 8,
              bytes.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }) == key.value else { return nil }
        return bytes[8..<bytes.count]
    }

    /// Keeps the articles made in this build, each under its key.
    func save(_ articles: [(slug: String, key: ContentHash, text: String)]) {
        store?.put(articles.map { article in
            var value: [UInt8] = []
            value.reserveCapacity(8 + article.text.utf8.count)
            withUnsafeBytes(of: article.key.value.littleEndian) { value += $0 }
            value += article.text.utf8
            return (.printArticle, name(article.slug), value)
        })
    }

    /// The page's frame (see `PrintArticles.Frame`) as the last build kept it under `key`, if it did. The
    /// key must name everything the frame is made from: the template and what the page lists of its cases.
    func frame(key: ContentHash) -> PrintArticles.Frame? {
        guard reading, let stored = storedFrame(), stored.key == key.value else { return nil }
        return PrintArticles.Frame(texts: stored.texts, order: stored.order)
    }

    /// Keeps `frame` for the next build under `key`, and lets go of the articles of cases the page no
    /// longer lists (`slugs` are the cases it lists now).
    func saveFrame(_ frame: PrintArticles.Frame, key: ContentHash, slugs: [String]) {
        let listed = Set(slugs)
        let gone = (storedFrame()?.slugs ?? []).filter { !listed.contains($0) }
        var writer = BinaryWriter()
        writer.write(key.value)
        writer.write(frame.order)
        writer.write(frame.texts)
        writer.write(slugs)
        store?.put([(.printFrame, page, writer.bytes)] + gone.map { (.printArticle, name($0), []) })
    }

    private func storedFrame() -> (key: UInt64, order: [String], texts: [String], slugs: [String])? {
        store?.value(.printFrame, page)?.withUnsafeBytes { raw in
            var reader = BinaryReader(bytes: raw.assumingMemoryBound(to: UInt8.self), position: 0)
            guard let key = try? reader.read(UInt64.self), let order = try? reader.read([String].self),
                  let texts = try? reader.read([String].self), let slugs = try? reader.read([String].self), reader.remaining == 0
            else { return nil }
            return (key, order, texts, slugs)
        }
    }

    private func name(_ slug: String) -> String { page + "\u{1}" + slug }
}
