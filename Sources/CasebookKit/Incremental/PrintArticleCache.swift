import Foundation

/// The cases of one print page as the last build rendered them (`Template.printCase`), kept in
/// `.output.cache/print/<page>.bin` under a key of everything such an article is made from (see
/// `PageKeys.printKey`). An edit then renders again only the cases that changed and puts the others on the
/// page as the bytes they were, instead of moving a thousand bodies onto the page again.
struct PrintArticleCache: Sendable {
    let path: String
    /// The file's bytes; the articles are ranges of them.
    let bytes: FileBytes
    /// The last build's articles by key; empty when there is no file or it is damaged.
    let articles: [ContentHash: Range<Int>]
    /// False in a clean build: nothing is read, but all is saved.
    let reading: Bool

    /// The cache of print page `page`; with `reading` off (a clean build), it starts empty and is only saved.
    init(outputDirectory: String, page: String, reading: Bool = true) {
        let directory = BuildManifest.cacheDirectory(for: outputDirectory) + "/print"
        path = directory + "/" + page + ".bin"
        (bytes, articles) = reading ? Self.load(path) : (.empty, [:])
        self.reading = reading
    }

    /// Where the page's frame is kept: `<page>.frame`.
    private var framePath: String { String(path.dropLast(".bin".count)) + ".frame" }

    /// The page's frame (see `PrintArticles.Frame`) as the last build kept it under `key`, if it did. The
    /// key must name everything the frame is made from: the template and what the page lists of its cases.
    func frame(key: ContentHash) -> PrintArticles.Frame? {
        guard reading, let bytes = RawBytes.readFile(framePath) else { return nil }
        var reader = RawBytes.Reader(bytes)
        guard let stored = reader.read(UInt64.self), stored == [key.value], let order = reader.readStrings(), let texts = reader.readStrings(),
              reader.isAtEnd else { return nil }
        return PrintArticles.Frame(texts: texts, order: order)
    }

    /// Keeps `frame` for the next build under `key`; a failure only costs that build time.
    func saveFrame(_ frame: PrintArticles.Frame, key: ContentHash) {
        var out = RawBytes.Writer()
        out.append([key.value])
        out.append(strings: frame.order)
        out.append(strings: frame.texts)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? CacheFile.replace(framePath, out.bytes)
    }

    /// The file is the articles' keys, then their texts in `RawBytes.Writer.append(strings:)`'s form.
    private static func load(_ path: String) -> (FileBytes, [ContentHash: Range<Int>]) {
        guard let bytes = RawBytes.readFile(path) else { return (.empty, [:]) }
        var reader = RawBytes.Reader(bytes)
        guard let keys = reader.read(UInt64.self), let ranges = reader.readStringRanges(), reader.isAtEnd,
              keys.count == ranges.count else { return (.empty, [:]) }
        var articles: [ContentHash: Range<Int>] = [:]
        articles.reserveCapacity(keys.count)
        for (key, range) in zip(keys, ranges) { articles[ContentHash(value: key)] = range }
        return (bytes, articles)
    }

    /// Keeps `articles` (made now, or ranges of this cache's bytes) for the next build in place of the old
    /// ones, in `load`'s form; a failure only costs that build time. The texts are written one by one,
    /// not joined first.
    func save(_ articles: [(key: ContentHash, article: PrintArticles.Article)]) {
        var header = RawBytes.Writer()
        header.append(articles.map(\.key.value))
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var pieces = OutputPieces()
        PrintArticles.append(articles.map(\.article), kept: bytes, to: &pieces)
        try? RawBytes.replaceFile(path, header: header, lengths: articles.map(\.article.byteCount)) { append in try pieces.forEachBuffer(append) }
    }
}
