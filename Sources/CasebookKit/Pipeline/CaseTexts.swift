/// Where the pages stage finds each case's text, and how big it is in the search index: in the case
/// cache, or kept in memory when there is no cache (`check`) or the cache could not store it. Loading a
/// text when a page needs it keeps a build from holding every case's HTML and search text at once.
struct CaseTexts: Sendable {
    /// Texts that are not in the cache, by slug.
    let inMemory: [String: CaseText]
    let cache: CaseCache?
    /// The hash of each case file as this build read it, by slug.
    let hashes: [String: ContentHash]
    /// Each case's size in the search index, by slug.
    var searchSizes: [String: SearchIndex.PageSize] = [:]
    /// Renders a case again from its file when its cached text is gone or damaged (see `CaseCache.restore`).
    var restore: (@Sendable (_ slug: String, _ hash: ContentHash) -> CaseText?)? = nil

    /// The body HTML of case `slug`.
    /// - Throws: `CaseTextMissing` when neither the cache nor the case file (changed since it was read)
    ///   gives it.
    func html(of slug: String) throws -> String {
        try inMemory[slug]?.html ?? cached(.caseHTML, \.html, of: slug)
    }

    /// The blocks of text of case `slug`, for the search index.
    func textBlocks(of slug: String) throws -> [TextBlock] {
        try inMemory[slug]?.textBlocks ?? cached(.caseText, \.textBlocks, of: slug)
    }

    /// The charts of case `slug`'s figures, in order; nil when the cache no longer holds them (the caller
    /// can draw them again).
    func charts(of slug: String) -> [String]? {
        if let text = inMemory[slug] { return text.charts }
        return try? cached(.caseCharts, \.charts, of: slug)
    }

    /// About how many bytes case `slug`'s body HTML holds (as the cache stores it, without reading it).
    func htmlSize(of slug: String) throws -> Int {
        if let text = inMemory[slug] { return text.html.utf8.count }
        if let length = cache?.length(.caseHTML, of: slug) { return length }
        return try html(of: slug).utf8.count
    }

    /// The size of case `slug` in the search index.
    func searchSize(of slug: String) throws -> SearchIndex.PageSize {
        guard let size = searchSizes[slug] else { throw CaseTextMissing(slug: slug) }
        return size
    }

    /// The value of `kind` of a case's text from the cache; when the cache no longer holds it whole, the
    /// case is rendered again from its file (if that is still the file this build read).
    private func cached<Value: BinaryField>(_ kind: CacheStore.Kind, _ field: KeyPath<CaseText, Value>, of slug: String) throws -> Value {
        guard let cache, let hash = hashes[slug] else { throw CaseTextMissing(slug: slug) }
        if let value = cache.read(Value.self, kind, of: slug, hash: hash) { return value }
        guard let text = restore?(slug, hash) else { throw CaseTextMissing(slug: slug) }
        return text[keyPath: field]
    }
}

/// The cached text of a case was gone, and its file had changed since the build read it.
struct CaseTextMissing: Error, CustomStringConvertible, MessageError {
    var slug: String
    var message: Message { Message(.caseChangedDuringBuild, slug) }
    var description: String { message.text(.chinese) }
}
