/// Where the pages stage finds each case's text, and how big it is in the search index: in the case
/// cache, or kept in memory when there is no cache (`check`) or the cache could not store it. Loading a
/// text when a page needs it keeps a build from holding every case's HTML and search text at once.
struct CaseTexts: Sendable {
    /// Texts that are not in the cache, by slug.
    let kept: [String: CaseText]
    let cache: CaseCache?
    /// The hash of each case file as this build read it, by slug.
    let hashes: [String: ContentHash]
    /// Each case's size in the search index, by slug.
    var searchSizes: [String: SearchIndex.PageSize] = [:]

    /// The body HTML of case `slug`.
    /// - Throws: `CaseTextMissing` when the cache no longer holds it (another build replaced it meanwhile).
    func html(of slug: String) throws -> String {
        try kept[slug]?.html ?? cached(String.self, .html, of: slug)
    }

    /// The blocks of text of case `slug`, for the search index.
    func textBlocks(of slug: String) throws -> [TextBlock] {
        try kept[slug]?.textBlocks ?? cached([TextBlock].self, .textBlocks, of: slug)
    }

    /// The charts of case `slug`'s figures, in order; nil when the cache no longer holds them (the caller
    /// can draw them again).
    func charts(of slug: String) -> [String]? {
        if let kept = kept[slug] { return kept.charts }
        return try? cached([String].self, .charts, of: slug)
    }

    /// The size of case `slug` in the search index.
    func searchSize(of slug: String) throws -> SearchIndex.PageSize {
        guard let size = searchSizes[slug] else { throw CaseTextMissing(slug: slug) }
        return size
    }

    private func cached<Value: Codable>(_ type: Value.Type, _ section: CaseCache.Section, of slug: String) throws -> Value {
        guard let cache, let hash = hashes[slug], let value = cache.read(type, section, of: slug, hash: hash) else { throw CaseTextMissing(slug: slug) }
        return value
    }
}

/// The cached text of a case was gone or changed before its pages were written.
struct CaseTextMissing: Error, CustomStringConvertible {
    var slug: String
    var description: String { "the cached rendering of `\(slug)` changed during the build (is another build writing the same output?); build again" }
}
