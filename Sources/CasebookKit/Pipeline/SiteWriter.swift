import CasebookTemplates
import Foundation

/// Renders every page of a checked site and writes it, with the figures' CSV files, the search index, the
/// assets and media. In an incremental build, a case page (and its CSV files) or a print page made from
/// the same inputs as last time is kept without being rendered, and so is an unchanged search index.
struct SiteWriter {
    let checked: Builder.Checked
    let writer: OutputWriter
    let options: BuildOptions
    /// Keys of the last build's groups of files (the search index).
    let previousGroups: [String: ContentHash]
    /// Where print articles and the search index's parts are kept for the next build; nil: nowhere.
    let store: CacheStore?

    /// What the pages stage hands the commit: the number of HTML pages, notes on what was skipped, the keys
    /// of file groups, and the time spent on the search index, which in an update overlaps the pages'
    /// (`searchBesidePages`).
    struct Written {
        var pages: Int
        var notes: [Message]
        var groups: [String: ContentHash]
        var search: BuildReport.Stage
        var searchBesidePages: Bool
    }

    /// The pages stage (with the search stage beside it or after it).
    func writePages() throws -> Written {
        let model = checked.model
        let values = PageValues(model: model, strings: checked.strings)
        let figureHTML = FigureHTML(strings: checked.strings)
        let keys = PageKeys(checked: checked)
        let texts = checked.texts
        let searchKey = keys.key(for: model.cases.map(\.slug))

        // An update builds the search index beside the pages, on a thread of its own: it has stretches that
        // keep one core busy (reading the kept parts, merging), which the page jobs fill. A fresh build,
        // which gathers the whole index, and a one-thread build make it after the pages.
        let searchBesidePages = writer.isUpdate && Parallelism.jobs != 1
        let jobCount = Parallelism.jobs
        let searching = searchBesidePages
            ? BackgroundWork { Result { try Parallelism.$jobs.withValue(jobCount) { try writeSearchIndex(key: searchKey, keys: keys) } } } : nil

        // Every page is one job, and all jobs share the cores: the biggest listing pages first, so that none of
        // them is left running alone at the end, then the print pages, then the case pages.
        // Pages that list cases show only what `keys.listing` hashes, so an edit inside a body keeps them.
        var jobs: [@Sendable () throws -> Void] = []
        func page(_ path: String, key: @escaping @Sendable @autoclosure () -> ContentHash, _ render: @escaping @Sendable () throws -> String) {
            jobs.append { try write(path, key: key(), render: render) }
        }
        let everyCase = keys.listingKey(for: model.cases.map(\.slug)), noCase = keys.listingKey(for: [])
        page(SitePaths.figures, key: everyCase) {
            // Each chart as the case page has it, drawn when the case was rendered; a case's charts are
            // loaded once, when its first figure comes.
            var loaded: (slug: String, charts: [String]?) = ("", nil)
            return Template.figureIndex(values.figureIndex { report, figure in
                if loaded.slug != report.slug { loaded = (report.slug, texts.charts(of: report.slug)) }
                guard let charts = loaded.charts, charts.count == report.figures.count else {
                    return figureHTML.chart(for: report.figures[figure], caseSlug: report.slug)
                }
                return charts[figure]
            }).text
        }
        page(SitePaths.figuresCSV, key: everyCase) { figureHTML.csv(of: model.cases) }
        page(SitePaths.home, key: everyCase) { Template.home(values.home()).text }
        // A list longer than a page is written as its pages, all under the list's key.
        var pageCount = 0
        func list(_ path: String, pages: Int, key: @escaping @Sendable @autoclosure () -> ContentHash, _ render: @escaping @Sendable () throws -> [String]) {
            pageCount += pages
            jobs.append { try writeList(path, pages: pages, key: key(), render: render) }
        }
        let pageRanges = PageValues.pageRanges
        if values.splitsUnits {
            list(SitePaths.orgs, pages: pageRanges(model.orgs.count).count, key: everyCase) { values.unitIndexPages().map { Template.unitIndex($0).text } }
            for unit in model.orgs {
                list(SitePaths.org(unit.name), pages: pageRanges(unit.cases.count).count, key: keys.listingKey(for: unit.cases.map(\.slug))) {
                    values.unitPages(unit).map { Template.unit($0).text }
                }
            }
        } else {
            page(SitePaths.orgs, key: everyCase) { Template.orgIndex(values.orgIndex()).text }
            pageCount += 1
        }
        list(SitePaths.tags, pages: pageRanges(model.tags.count).count, key: everyCase) { values.tagIndexPages().map { Template.tagIndex($0).text } }
        if values.splitsFigures {
            for part in model.parts where part.cases.contains(where: { !$0.figures.isEmpty }) {
                list(SitePaths.figureList(part.section.slug), pages: PageValues.figurePages(part).count, key: keys.listingKey(for: part.cases.map(\.slug))) {
                    values.figureListPages(part).map { Template.figureList($0).text }
                }
            }
        }
        // The 404 page holds the stylesheet, so it is keyed by it too (an edit of the stylesheet writes it again).
        let stylesheet = String(decoding: FileManager.default.contents(atPath: options.templatesDirectory + "/" + SitePaths.stylesheet) ?? Data(), as: UTF8.self)
        page(SitePaths.notFound, key: ContentHash(numbers: [noCase.value, ContentHash(stylesheet).value])) {
            var frame = values.frame(path: SitePaths.notFound, title: nil)
            frame.inlineStylesheet = stylesheet
            return Template.notFound(frame).text
        }
        page(SitePaths.search, key: noCase) { Template.search(values.frame(path: SitePaths.search, title: nil)).text }
        for part in model.parts {
            let pending = model.catalogue.count { $0.sectionSlug == part.section.slug && ($0.caseSlug.map { !values.published.contains($0) } ?? true) }
            list(SitePaths.part(part.section.slug), pages: pageRanges(part.cases.count + pending).count, key: keys.listingKey(for: part.cases.map(\.slug))) {
                values.partPages(part).map { Template.part($0).text }
            }
        }
        for tag in model.tags {
            list(SitePaths.tag(tag.name), pages: pageRanges(tag.cases.count).count, key: keys.listingKey(for: tag.cases.map(\.slug))) {
                values.tagPages(tag).map { Template.tag($0).text }
            }
        }
        let prints = try printPageJobs(values: values, keys: keys)
        jobs += prints

        let cases = model.cases
        let progress = ProgressCounter(.writingPages, total: cases.count, report: options.progress)
        // Case pages are jobs too, numbered after the others, a run of cases each: ten thousand closures would
        // each copy what they capture, and the files a run keeps are recorded together.
        let run = 16
        @Sendable func casePages(_ first: Int) throws {
            // Each case's page, then its CSV files, all under the case's key. Cases and figures are read in
            // place (by index), not copied.
            let indices = first..<min(cases.count, first + run)
            var files: [(path: String, key: ContentHash)] = []
            for index in indices {
                let slug = cases[index].slug, key = keys.key(for: [slug])
                files.append((SitePaths.casePage(slug), key))
                for figure in cases[index].figures.indices {
                    files.append((SitePaths.figureCSV(caseSlug: slug, figureID: cases[index].figures[figure].id), key))
                }
            }
            let kept = writer.keep(files)
            var next = 0
            for index in indices {
                let own = next..<next + 1 + cases[index].figures.count
                next = own.upperBound
                defer { progress.advance() }
                if kept[own].allSatisfy({ $0 }) { continue }
                let report = cases[index], key = files[own.lowerBound].key
                let html = try texts.html(of: report.slug)
                try writer.write(files[own.lowerBound].path, Template.casePage(values.casePage(report, body: html)).text, key: key)
                for (figure, file) in zip(report.figures, files[own.dropFirst()]) { try writer.write(file.path, figureHTML.csv(for: figure), key: key) }
            }
        }
        let otherJobs = jobs
        let runs = (cases.count + run - 1) / run
        let pagesWritten = Result {
            try parallelForEach(Array(0..<(otherJobs.count + runs))) { index in
                if index < otherJobs.count { try otherJobs[index]() } else { try casePages((index - otherJobs.count) * run) }
            }
            try writer.flush()
        }
        // The index is waited for even when a page failed: nothing may be written once this returns.
        let searchWritten = searching?.value
        try pagesWritten.get()
        // Made after the pages, the index has the progress line to itself.
        var search = try searchWritten?.get()
            ?? writeSearchIndex(key: searchKey, keys: keys, progress: ProgressCounter(.indexingCases, total: model.cases.count, report: options.progress))
        if searchBesidePages { search.name += " (beside the pages)" }
        let pages = 4 + pageCount + prints.count + cases.count

        for file in BuildEnvironment.filesUnder(options.templatesDirectory + "/assets") {
            try writer.copy(from: options.templatesDirectory + "/assets/" + file, to: "assets/" + file)
        }
        for file in checked.content.media {
            try writer.copy(from: checked.content.contentDirectory + "/media/" + file, to: "media/" + file)
        }
        try writer.write(SitePaths.marker, "Casebook 生成的网站：再次构建时会整个替换这个文件夹。\n")
        var notes: [Message] = []
        if let base = options.baseURL.map({ $0.hasSuffix("/") ? $0 : $0 + "/" }) ?? model.config.baseURL {
            try writer.write(Feeds.atomPath, Feeds.atom(model, baseURL: base))
            try writer.write(Feeds.sitemapPath, Feeds.sitemap(pages: writer.files.filter { $0.hasSuffix(".html") }, baseURL: base))
        } else {
            notes.append(Message(.noBaseURL))
        }
        try writer.flush()
        return Written(pages: pages, notes: notes, groups: ["search": searchKey], search: search, searchBesidePages: searchBesidePages)
    }

    /// Writes the search index (kept whole when it is made from the same cases as last time, `key`) and
    /// waits for its files; returns the time it took.
    /// - Parameter progress: counts the cases indexed, when given.
    private func writeSearchIndex(key searchKey: ContentHash, keys: PageKeys, progress: ProgressCounter? = nil) throws -> BuildReport.Stage {
        let cases = checked.model.cases, texts = checked.texts
        let searchStart = StageClock.now()
        if previousGroups["search"] != searchKey || !writer.keepFolder("search") {
            let strings = checked.strings.chart
            // Each part of the index loads its cases' text when it comes to them; each file is hashed by the
            // thread that made it and created by the writer thread meanwhile.
            // A page's documents are made from its case file, in this environment.
            let pageKeys = keys.searchKeys(for: cases.map(\.slug))
            let source = SearchIndex.Source(pages: try cases.map { try texts.searchSize(of: $0.slug) }, pageKeys: pageKeys) { range in
                try cases[range].flatMap { SearchDocuments.documents(for: $0, textBlocks: try texts.textBlocks(of: $0.slug), strings: strings) }
            }
            // An incremental build gathers again only the parts of the index whose cases changed; a clean one
            // gathers every part, and keeps them for the next build too.
            let reuse = SearchIndex.Reuse(batches: SearchBatchCache(store: store),
                                          keep: { writer.keep($0) }, indexKey: searchKey, lastIndexKey: previousGroups["search"],
                                          readsKept: options.incremental)
            var indexed: (@Sendable (Int) -> Void)?
            if let progress { indexed = { progress.advance(by: $0) } }
            try SearchIndex.build(source, reuse: reuse, indexed: indexed) { try writer.write($0.path, FileContents($0.bytes), key: $0.key) }
        }
        try writer.flush()   // the index's files count in its time
        return searchStart.stage(.search, to: StageClock.now())
    }

    /// Writes the page at `path` unless the last build wrote it from the same `key`.
    private func write(_ path: String, key: ContentHash, render: () throws -> String) throws {
        if writer.keep(path, key: key) { return }
        try writer.write(path, try render(), key: key)
    }

    /// Writes the `pages` pages of the list whose first page is `path` (`SitePaths.paged`) unless the last
    /// build wrote each of them from the same `key`.
    private func writeList(_ path: String, pages: Int, key: ContentHash, render: () throws -> [String]) throws {
        let paths = (1...max(1, pages)).map { SitePaths.paged(path, $0) }
        let kept = writer.keep(paths.map { ($0, key) })
        if kept.allSatisfy({ $0 }) { return }
        let texts = try render()
        precondition(texts.count == paths.count, "a list's pages were counted as \(paths.count) and made as \(texts.count)")
        for index in paths.indices where !kept[index] { try writer.write(paths[index], texts[index], key: key) }
    }

    /// `write` for a page made as pieces.
    private func writePieces(_ path: String, key: ContentHash, render: () throws -> FileContents) throws {
        if writer.keep(path, key: key) { return }
        try writer.write(path, try render(), key: key)
    }

    /// Jobs for `print.html`, one print page per part with cases and the volumes of a part too long for one
    /// (see `PrintPlan`). A page whose cases are all unchanged, printed where they were, keeps its page; otherwise each case on the page is rendered (`partials/print-case`, in parallel) or,
    /// when it is made from the same inputs as last time, taken from the page's `PrintArticleCache`, and
    /// the page is put together as pieces (`PrintArticles`).
    private func printPageJobs(values: PageValues, keys: PageKeys) throws -> [@Sendable () throws -> Void] {
        let model = checked.model
        let texts = checked.texts
        let store = store, incremental = options.incremental
        let parts = model.parts.filter { !$0.cases.isEmpty }
        let sizes = try parallelTryMap(model.cases) { try texts.htmlSize(of: $0.slug) }
        let plan = PrintPlan(model: model, size: Dictionary(zip(model.cases.map(\.slug), sizes), uniquingKeysWith: { first, _ in first }))
        let lookup = plan.pageOf
        /// A key of the print pages' made with `plan`: where each case is printed changes what a page's links point to.
        @Sendable func planned(_ key: ContentHash) -> ContentHash { ContentHash(numbers: [key.value, plan.key.value]) }
        /// The cases of `parts` as articles of the print page `page`, part by part. They are kept for the
        /// next build first.
        @Sendable func articles(_ parts: [SiteModel.Part], page: String, cache: PrintArticleCache) throws -> PrintArticles {
            let cases = parts.flatMap(\.cases)
            let slugs = Set(cases.map(\.slug))
            let made = try parallelTryMap(cases) { report -> (key: ContentHash?, article: PrintArticles.Article) in
                let key = keys.printKey(for: report.slug, page: page).map(planned)
                if let key, let kept = cache.article(report.slug, key: key) { return (key, .kept(kept)) }
                let body = PrintBody.rewrite(try texts.html(of: report.slug), slug: report.slug, caseSlugs: slugs, pageOf: { lookup[$0] })
                return (key, .made(Template.printCase(values.printCase(report, body: body)).text))
            }
            cache.save(zip(cases, made).compactMap { report, made in
                guard let key = made.key, case let .made(text) = made.article else { return nil }
                return (report.slug, key, text)
            })
            var byPart: [String: [PrintArticles.Article]] = [:]
            var next = 0
            for part in parts {
                byPart[part.section.slug] = made[next..<next + part.cases.count].map(\.article)
                next += part.cases.count
            }
            return PrintArticles(byPart: byPart)
        }
        /// The print page `page` of `parts` (none: a page of links), in the frame `layout` makes, which is
        /// taken from the cache when the page lists the same cases the same way (`frameKey`) as last time.
        @Sendable func printPage(_ page: String, of parts: [SiteModel.Part], frameKey: ContentHash,
                                 layout: () -> PrintArticles.Frame) throws -> FileContents {
            // A clean build takes nothing from the cache but keeps its articles and frame there for the next build.
            let cache = PrintArticleCache(store: store, page: page, reading: incremental)
            let book = parts.isEmpty ? PrintArticles(byPart: [:]) : try articles(parts, page: page, cache: cache)
            let slugs = parts.flatMap { $0.cases.map(\.slug) }
            return book.page(keptFrame: cache.frame(key: frameKey), made: { cache.saveFrame($0, key: frameKey, slugs: slugs) }, layout)
        }
        var jobs: [@Sendable () throws -> Void] = []
        let bookKey = planned(keys.key(for: plan.wholeBook ? model.cases.map(\.slug) : []))
        let bookFrameKey = planned(keys.listingKey(for: model.cases.map(\.slug)))
        jobs.append {
            try writePieces(SitePaths.printBook, key: bookKey) {
                try printPage(SitePaths.printBook, of: plan.wholeBook ? parts : [], frameKey: bookFrameKey) {
                    PrintArticles.Frame(Template.printPage(values.printBook(plan)))
                }
            }
        }
        for part in parts {
            let slugs = part.cases.map(\.slug), page = SitePaths.printPart(part.section.slug)
            let volumes = plan.volumes[part.section.slug] ?? [part.cases]
            // A part printed in volumes: its page lists them (no article), and each volume is a page of its own.
            let printed = volumes.count == 1 ? [part] : []
            let key = planned(keys.key(for: printed.isEmpty ? [] : slugs)), frameKey = planned(keys.listingKey(for: slugs))
            jobs.append {
                try writePieces(page, key: key) {
                    try printPage(page, of: printed, frameKey: frameKey) { PrintArticles.Frame(Template.printPage(values.printPart(part, plan))) }
                }
            }
            guard volumes.count > 1 else { continue }
            for (index, cases) in volumes.enumerated() {
                let volume = SiteModel.Part(section: part.section, cases: cases), path = SitePaths.printVolume(part.section.slug, volume: index + 1)
                let slugs = cases.map(\.slug)
                let key = planned(keys.key(for: slugs)), frameKey = planned(keys.listingKey(for: slugs))
                jobs.append {
                    try writePieces(path, key: key) {
                        try printPage(path, of: [volume], frameKey: frameKey) { PrintArticles.Frame(Template.printPage(values.printVolume(volume, number: index + 1))) }
                    }
                }
            }
        }
        return jobs
    }
}
