import Foundation

/// `casebook new`: the text of a new case file with its front matter filled in and a commented figure example.
/// A title that is an entry of the printed contents (or `--from-catalogue`) takes the entry's unit, page,
/// section and date; the date of the source is otherwise left for the editor, as a commented line.
public enum NewCase {
    /// The sections of `site` as `name (slug)`, for messages.
    static func sectionList(_ site: SiteConfig) -> String {
        site.sections.map { "\($0.name) (\($0.slug))" }.joined(separator: "、")
    }

    /// - Returns: the path to write and the file's text; throws a diagnostic the editor can act on.
    public static func make(title: String, section: String, slug: String?, date: Date, contentDirectory: String) throws(Diagnostic) -> (path: String, text: String) {
        let tree = try load(contentDirectory)
        let resolved = try resolveSection(section, site: tree.site)
        let entry = tree.catalogue.first { CatalogueLinks.normalisedTitle($0.title) == CatalogueLinks.normalisedTitle(title) }
        if let entry, let entrySection = entry.sectionSlug, entrySection != resolved.slug {
            let name = tree.site.section(named: entrySection)?.name ?? entrySection
            throw .error(Message(.entrySectionDiffers, entry.title, name, resolved.name), at: entry.location,
                         suggestion: Message(.entrySectionDiffersFix, name, entry.page.map(String.init) ?? "\"\(entry.title)\""))
        }
        if let entry { try refuseSecondCase(for: entry, in: tree) }
        return try write(title: entry?.title ?? title, section: resolved, entry: entry, slug: slug, date: date, tree: tree)
    }

    /// The case of the catalogue entry on printed page `query`, or whose title is `query` (or contains it);
    /// `section` is needed only when the entry has none.
    public static func fromCatalogue(_ query: String, section: String?, slug: String?, date: Date,
                                     contentDirectory: String) throws(Diagnostic) -> (path: String, text: String) {
        let tree = try load(contentDirectory)
        let entry = try find(query, in: tree.catalogue)
        try refuseSecondCase(for: entry, in: tree)
        let resolved: SectionConfig
        switch (entry.sectionSlug.flatMap(tree.site.section(named:)), section) {
        case let (fromEntry?, given?):
            let chosen = try resolveSection(given, site: tree.site)
            guard chosen.slug == fromEntry.slug else {
                throw .error(Message(.entrySectionDiffers, entry.title, fromEntry.name, chosen.name), at: entry.location,
                             suggestion: Message(.entrySectionGivenDiffersFix))
            }
            resolved = chosen
        case let (fromEntry?, nil): resolved = fromEntry
        case let (nil, given?): resolved = try resolveSection(given, site: tree.site)
        case (nil, nil):
            throw .error(Message(.entryNoSection, entry.title), at: entry.location, suggestion: Message(.sectionsList, sectionList(tree.site)))
        }
        return try write(title: entry.title, section: resolved, entry: entry, slug: slug, date: date, tree: tree)
    }

    /// An entry that already has its case gets no second one.
    static func refuseSecondCase(for entry: CatalogueEntry, in tree: ContentTree) throws(Diagnostic) {
        if let existing = entry.caseSlug, FileManager.default.fileExists(atPath: "\(tree.contentDirectory)/cases/\(existing).md") {
            throw .error(Message(.entryHasCase, entry.title, "\(tree.contentDirectory)/cases/\(existing).md"), at: entry.location)
        }
        if let existing = caseFile(titled: entry.title, in: tree) {
            throw .error(Message(.entryHasCaseByTitle, entry.title, existing), at: entry.location)
        }
    }

    static func load(_ contentDirectory: String) throws(Diagnostic) -> ContentTree {
        let (tree, diagnostics) = ContentLoader.load(contentDirectory)
        guard let tree else {
            throw diagnostics.first { $0.severity == .error } ?? .error(Message(.cannotRead, contentDirectory + "/site.yaml"), at: nil)
        }
        return tree
    }

    static func resolveSection(_ section: String, site: SiteConfig) throws(Diagnostic) -> SectionConfig {
        guard let resolved = site.section(named: section) else {
            throw .error(Message(.unknownSection, section), at: nil,
                         suggestion: Suggestion.didYouMean(section, in: site.sections.flatMap { [$0.name, $0.slug] })
                            .map { $0 + Message(.sectionsList, Self.sectionList(site)) } ?? Message(.sectionsList, Self.sectionList(site)))
        }
        return resolved
    }

    /// The entry on page `query`, else the one whose title is `query` once spaces and punctuation are left
    /// out, else the only one whose title contains it.
    static func find(_ query: String, in catalogue: [CatalogueEntry]) throws(Diagnostic) -> CatalogueEntry {
        func list(_ entries: [CatalogueEntry]) -> Message.Argument {
            .list(entries.map { entry in entry.page.map { Message(.entryOnPage, String($0), entry.title) } ?? Message(.entryTitled, entry.title) })
        }
        if catalogue.isEmpty { throw .error(Message(.noCatalogue), at: nil) }
        if let page = Int(query.trimmingCharacters(in: .whitespaces)) {
            let onPage = catalogue.filter { $0.page == page }
            if onPage.count == 1 { return onPage[0] }
            if onPage.count > 1 {
                throw .error(Message(.pageHasEntries, arguments: [.text(String(page)), .text(String(onPage.count)), list(onPage)]), at: nil,
                             suggestion: Message(.useTitleNotPage))
            }
            let nearest = catalogue.filter { $0.page != nil }.sorted { abs($0.page! - page) < abs($1.page! - page) }.prefix(2)
            throw .error(Message(.noEntryOnPage, String(page)), at: nil,
                         suggestion: nearest.isEmpty ? nil : Message(.nearestEntries, arguments: [list(Array(nearest))]))
        }
        let key = CatalogueLinks.normalisedTitle(query)
        if let exact = catalogue.first(where: { CatalogueLinks.normalisedTitle($0.title) == key }) { return exact }
        let containing = key.isEmpty ? [] : catalogue.filter { CatalogueLinks.normalisedTitle($0.title).contains(key) }
        if containing.count == 1 { return containing[0] }
        if containing.count > 1 {
            throw .error(Message(.entriesContain, arguments: [.text(String(containing.count)), .text(query), list(containing)]), at: nil,
                         suggestion: Message(.giveFullTitleOrPage))
        }
        throw .error(Message(.noEntryTitled, query), at: nil,
                     suggestion: Suggestion.closest(to: query, in: catalogue.map(\.title)).map { Message(.didYouMeanEntry, $0) }
                        ?? Message(.giveTitleOrPage, String(catalogue.compactMap(\.page).first ?? 1)))
    }

    /// The case file whose title is `title` (spaces and punctuation aside), if one has it.
    static func caseFile(titled title: String, in tree: ContentTree) -> String? {
        let key = CatalogueLinks.normalisedTitle(title)
        for file in tree.caseFiles {
            guard let data = FileManager.default.contents(atPath: file.path),
                  let text = try? SourceText.decode(Array(data), file: file.displayPath),
                  let split = try? FrontMatterSplit.split(text, file: file.displayPath),
                  let metadata = CaseMetadata.read(split, file: file.displayPath).0 else { continue }
            if CatalogueLinks.normalisedTitle(metadata.title) == key { return file.displayPath }
        }
        return nil
    }

    static func write(title: String, section resolved: SectionConfig, entry: CatalogueEntry?, slug: String?, date: Date,
                      tree: ContentTree) throws(Diagnostic) -> (path: String, text: String) {
        let contentDirectory = tree.contentDirectory
        let day = Self.isoDay(date)
        let chosen: String
        if let slug {
            guard Slug.isValid(slug) else {
                throw .error(Message(.invalidSlug, slug), at: nil, suggestion: Slug.suggestion(for: slug).map { Message(.trySlug, $0) })
            }
            chosen = slug
        } else if let derived = Slug.suggestion(for: title), derived.count >= 3 {
            chosen = derived
        } else if let entry {
            throw .error(Message(.titleNoLetters), at: nil,
                         suggestion: Message(.titleNoLettersCatalogueExample, entry.page.map(String.init) ?? "\"\(entry.title)\"",
                                             "\(resolved.slug)-\(entry.page.map { "p\($0)" } ?? day)"))
        } else {
            throw .error(Message(.titleNoLetters), at: nil,
                         suggestion: Message(.titleNoLettersExample, title, resolved.name, "\(resolved.slug)-\(day)"))
        }
        let path = contentDirectory + "/cases/" + chosen + ".md"
        if FileManager.default.fileExists(atPath: path) {
            throw .error(Message(.caseExists, path), at: nil, suggestion: Message(.chooseAnotherSlug, chosen + "-2"))
        }
        let org = entry?.unit.map { "org: \(yamlQuoted($0))" } ?? "# org: 报送单位"
        let page = entry?.page.map { "page: \($0)" } ?? "# page: 1"
        let dateLine = entry?.date.map { "date: \($0.iso)" } ?? "# date: 1999-10               # 原文的日期：1999、1999-10 或 1999-10-27，核对后去掉行首的 #"
        let text = """
        ---
        title: \(yamlQuoted(title))
        section: \(yamlQuoted(resolved.name))
        \(org)
        \(page)
        \(dateLine)
        # tags: [社区服务]
        # summary: 一句话摘要
        #
        # 调查图表：把下面的块复制到正文中图表应在的位置，去掉每行开头的“#   ”（写法见 docs/编辑指南.md 第 5 节）。
        # 只写原文给出的百分比；合计不足 100 的部分会显示为“未说明”。正文中写“（见图 1-1）”即可链接到该图。
        #   ```figure
        #   id: 1-1
        #   title: 图题
        #   chart: bar
        #   base: 600
        #   population: 社区居民
        #   data:
        #     满意: 38
        #     比较满意: 41
        #   ```
        ---

        正文从这里开始。

        """
        return (path, text)
    }

    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return PartialDate(year: parts.year!, month: parts.month!, day: parts.day!).iso
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
