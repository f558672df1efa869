import Foundation

/// The cases of one print page as the last build rendered them (`partials/print-case`), kept in
/// `.output.cache/print/<page>.bin` under a key of everything such an article is made from (see
/// `PageKeys.printKey`). An edit then renders again only the cases that changed and joins the others as
/// they were, instead of moving a thousand bodies onto the page again.
struct PrintArticleCache: Sendable {
    let path: String
    /// The last build's articles by key; empty when there is no file or it is damaged.
    let articles: [ContentHash: String]

    init(outputDirectory: String, page: String) {
        let directory = BuildManifest.cacheDirectory(for: outputDirectory) + "/print"
        path = directory + "/" + page + ".bin"
        articles = Self.load(path)
    }

    private static func load(_ path: String) -> [ContentHash: String] {
        guard let bytes = RawBytes.readFile(path) else { return [:] }
        var reader = RawBytes.Reader(bytes)
        guard let keys = reader.read(UInt64.self), let texts = reader.readStrings(), reader.isAtEnd, keys.count == texts.count else { return [:] }
        var articles: [ContentHash: String] = [:]
        articles.reserveCapacity(keys.count)
        for (key, text) in zip(keys, texts) { articles[ContentHash(value: key)] = text }
        return articles
    }

    /// Keeps `articles` for the next build in place of the old ones; a failure only costs that build time.
    /// The texts are written one by one, in `RawBytes`' form, not copied into one buffer first.
    func save(_ articles: [(key: ContentHash, text: String)]) {
        var header = RawBytes.Writer()
        header.append(articles.map(\.key.value))
        let lengths = articles.map { UInt32($0.text.utf8.count) }
        header.append(lengths)
        var total = UInt64(lengths.reduce(0) { $0 + Int($1) })
        var headerBytes = header.bytes
        withUnsafeBytes(of: &total) { headerBytes += $0 }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? OutputWriter.replaceFile(path) { append in
            try headerBytes.withUnsafeBytes(append)
            for (_, text) in articles {
                var text = text
                try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
            }
        }
    }
}
