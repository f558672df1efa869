import Foundation

/// The pipeline from `Content/` to `output/`: load, render every case in parallel, check links between
/// cases, build the site model, render pages from templates and swap the new site in atomically.
public enum Builder {
    /// Everything a build knows before it writes: the site model and the diagnostics found.
    public struct Checked: Sendable {
        public var model: SiteModel
        /// The words pages are written with (`Templates/Words.swift`).
        public var strings: SiteStrings
        public var content: ContentTree
        public var diagnostics: [Diagnostic]
        public var filesChecked: Int
        /// Each case file as read (stamp and content hash), by slug.
        public var inputs: [String: BuildManifest.Input] = [:]
        /// The hash of what listing pages show of each case, by slug (see `PageKeys.listing`).
        var listings: [String: ContentHash] = [:]
        /// The hash of templates, configuration, media and options.
        public var environment = ContentHash(value: 0)
        /// Cases rendered in this run; the others came from the cache.
        public var casesRendered = 0
        /// Where each case's text is found.
        var texts = CaseTexts(inMemory: [:], cache: nil, hashes: [:])
        /// When every case was rendered (or taken from the cache): the end of the cases stage, the start of the book's.
        var casesDone = StageClock.now()
    }

    /// Validates all content without writing anything. Throws with every diagnostic when there are errors.
    public static func check(_ options: BuildOptions) async throws(BuildFailure) -> Checked {
        let strings = SiteStrings.standard
        let (tree, loadDiagnostics) = ContentLoader.load(options.contentDirectory)
        guard let tree else { throw BuildFailure(loadDiagnostics) }
        return try renderCases(options, strings: strings, tree: tree, loadDiagnostics: loadDiagnostics,
                         environment: ContentHash(value: 0), cache: nil)
    }

    /// The cases stage: each case through `CaseStage` (or from the cache), then the book (`SiteModel`) and
    /// the links between cases checked; what the pages stage needs, or every diagnostic when there are errors.
    static func renderCases(_ options: BuildOptions, strings: SiteStrings, tree: ContentTree, loadDiagnostics: [Diagnostic],
                      environment: ContentHash, cache: CaseCache?) throws(BuildFailure) -> Checked {
        var diagnostics = loadDiagnostics
        let stage = CaseStage(site: tree.site, figures: FigureHTML(strings: strings), mediaFiles: Set(tree.media))
        let progress = ProgressCounter(.renderingCases, total: tree.caseFiles.count, report: options.progress)
        let results = parallelMap(tree.caseFiles) { file in
            defer { progress.advance() }
            return cache?.run(file, stage: stage) ?? CaseCache.Result(output: stage.run(file), input: nil, reused: false)
        }
        let casesDone = StageClock.now()
        let caseFiles = tree.caseFiles
        var all: [CaseReport] = []
        all.reserveCapacity(results.count)
        for index in results.indices {
            diagnostics += results[index].output.diagnostics
            if let report = results[index].output.report { all.append(report) }
        }
        let published = options.includeDrafts ? all : all.filter { !$0.metadata.draft }
        let (catalogue, catalogueDiagnostics) = CatalogueLinks.resolve(tree.catalogue, cases: all, files: Set(caseFiles.map(\.slug)), site: tree.site)
        diagnostics += catalogueDiagnostics
        // The book is put in order and the links between cases are checked meanwhile, each on a thread of its own.
        let ordering = BackgroundWork { SiteModel(config: tree.site, catalogue: catalogue, cases: published) }
        let linking = BackgroundWork { [all] in
            checkCaseLinks(all, published: Set(published.map(\.slug)), existing: Set(caseFiles.map(\.slug)))
        }
        // What the pages look up by slug, also made meanwhile; used only if the links check out.
        var inputs: [String: BuildManifest.Input] = [:], inMemory: [String: CaseText] = [:], searchSizes: [String: SearchIndex.PageSize] = [:]
        var listings: [String: ContentHash] = [:]
        inputs.reserveCapacity(results.count)
        searchSizes.reserveCapacity(results.count)
        listings.reserveCapacity(results.count)
        for index in results.indices {
            let slug = caseFiles[index].slug
            inputs[slug] = results[index].input
            inMemory[slug] = results[index].output.text
            searchSizes[slug] = results[index].output.searchSize
            listings[slug] = results[index].output.listing
        }
        diagnostics += linking.value
        if options.strict { diagnostics = diagnostics.map { Diagnostic(.error, at: $0.location, $0.message, suggestion: $0.suggestion) } }
        let checkedFiles = tree.caseFiles.count + 1 + (tree.catalogue.isEmpty ? 0 : 1)
        var texts = CaseTexts(inMemory: inMemory, cache: cache, hashes: inputs.mapValues(\.hash), searchSizes: searchSizes)
        if let cache {
            let files = Dictionary(caseFiles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
            texts.restore = { slug, hash in files[slug].flatMap { cache.restore($0, hash: hash, stage: stage) } }
        }
        if diagnostics.hasErrors {
            throw BuildFailure(diagnostics.sortedByLocation())
        }
        return Checked(model: ordering.value, strings: strings, content: tree, diagnostics: diagnostics.sortedByLocation(), filesChecked: checkedFiles,
                       inputs: inputs, listings: listings, environment: environment, casesRendered: results.filter { !$0.reused }.count,
                       texts: texts, casesDone: casesDone)
    }

    /// Builds the site into `options.outputDirectory`. On any error the previous output stays as it was.
    /// Unless `options.incremental` is off, only what changed since the last build is redone.
    /// The output folder is checked first (`OutputGuard`), then locked against other builds (`BuildLock`),
    /// then put right if a killed build left it half done (`OutputRecovery`).
    public static func build(_ options: BuildOptions) async throws(BuildFailure) -> BuildReport {
        try OutputGuard.check(options)
        var options = options
        // An output folder reached through a symbolic link is written where the link leads; the link stays.
        options.outputDirectory = OutputGuard.resolved(options.outputDirectory)
        let lock: BuildLock, recovered: OutputRecovery.Outcome
        do {
            lock = try BuildLock(cacheDirectory: BuildManifest.cacheDirectory(for: options.outputDirectory))
            recovered = try OutputRecovery.recover(destination: options.outputDirectory)
            if lock.lastBuildWasKilled { FileWriting.removeLeftovers(in: BuildManifest.cacheDirectory(for: options.outputDirectory)) }
        } catch {
            throw BuildFailure([.error(Message(describing: error), at: nil, suggestion: Message(.recoveryFix))],
                               output: .incomplete)
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            return try await Parallelism.$jobs.withValue(options.jobs) { try await buildAll(options) }
        } catch var failure as BuildFailure {
            if failure.output == .unchanged, recovered == .repaired { failure.output = .repaired }
            throw failure
        } catch {
            throw BuildFailure([.error(Message(describing: error), at: nil)], output: recovered == .repaired ? .repaired : .unchanged)
        }
    }

    private static func buildAll(_ options: BuildOptions) async throws(BuildFailure) -> BuildReport {
        let startClock = StageClock.now()
        let start = startClock.wall
        // The cache store is opened, and the last build's summary read from it, while the content is read.
        let cacheDirectory = BuildManifest.cacheDirectory(for: options.outputDirectory), incremental = options.incremental
        let opening = BackgroundWork { () -> (CacheStore?, BuildManifest.Summary?) in
            let store = CacheStore(directory: cacheDirectory, fresh: !incremental)
            return (store, incremental ? store.flatMap(BuildManifest.summary(in:)) : nil)
        }
        let strings = SiteStrings.standard
        let (loaded, loadDiagnostics) = ContentLoader.load(options.contentDirectory)
        guard let tree = loaded else { throw BuildFailure(loadDiagnostics) }
        let environment = BuildEnvironment.hash(options, media: tree.media), assets = BuildEnvironment.assets(options)
        var (store, summary) = opening.value
        defer { store?.commit() }   // what a failed build stored is kept too
        if let store, let summary, summary.environment == environment,
           BuildManifest.rowsAreCurrent(in: store, caseFiles: tree.caseFiles, output: options.outputDirectory) {
            guard summary.groupKey("assets") == assets else {
                return try Restyle.build(options, summary: summary, store: store, assets: assets, start: start)
            }
            return BuildReport(cases: summary.cases, pages: summary.pages, figures: summary.figures, files: store.count(.output),
                               seconds: Date().timeIntervalSince(start), diagnostics: summary.warnings, notes: summary.notes, upToDate: true)
        }
        // Something changed: the last build's rows are read, to tell what.
        let manifest = summary.flatMap { summary in store.flatMap { BuildManifest.load(from: $0, summary: summary) } }
        let loadedAt = StageClock.now()
        // In another environment nothing kept is of use: the store starts anew (the manifest is saved whole).
        if let last = manifest, last.environment != environment {
            store = CacheStore(directory: cacheDirectory, fresh: true)
        }
        // A clean build reads nothing from the cache but still keeps each case's text there, not in memory.
        let cache = store.map { CaseCache(store: $0, environment: environment, manifest: manifest) }
        let checked = try renderCases(options, strings: strings, tree: tree, loadDiagnostics: loadDiagnostics,
                                environment: environment, cache: cache)
        let checkedAt = StageClock.now()
        let writer: OutputWriter
        do { writer = try OutputWriter(destination: options.outputDirectory, previous: manifest?.outputs) } catch {
            throw BuildFailure([.error(Message(.prepareOutputFailed, arguments: [.message(Message(describing: error))]), at: nil)])
        }
        do {
            let site = SiteWriter(checked: checked, writer: writer, options: options, previousGroups: manifest?.groupKeys ?? [:], store: store)
            let written = try site.writePages()
            var groups = written.groups
            groups["assets"] = assets
            let writtenAt = StageClock.now()
            let figures = checked.model.cases.reduce(0) { $0 + $1.figures.count }
            // A clean build records what it made too (its case cache is complete), so the next build starts from it.
            // The record is put into bytes while the output is committed, and saved once it is.
            let record = BuildManifest(generator: BuildManifest.currentGenerator, environment: environment, inputs: checked.inputs,
                                       outputs: writer.outputs, groupKeys: groups, warnings: checked.diagnostics, notes: written.notes,
                                       cases: checked.model.cases.count, pages: written.pages, figures: figures)
            let changes = writer.changes
            try writer.commit()
            if let store {
                record.save(to: store, after: manifest, outputChanges: changes)
                store.commit()
            }
            let committedAt = StageClock.now()
            var pagesStage = checkedAt.stage(.pages, to: writtenAt)
            if !written.searchBesidePages {
                pagesStage.seconds -= written.search.seconds
                pagesStage.cpuSeconds -= written.search.cpuSeconds
            }
            let stages = [startClock.stage(.load, to: loadedAt), loadedAt.stage(.cases, to: checked.casesDone), checked.casesDone.stage(.book, to: checkedAt), pagesStage, written.search,
                          writtenAt.stage(.commit, to: committedAt)]
            let report = BuildReport(cases: checked.model.cases.count, pages: written.pages, figures: figures, files: writer.fileCount,
                                     seconds: committedAt.wall.timeIntervalSince(start), diagnostics: checked.diagnostics, notes: written.notes,
                                     casesRendered: checked.casesRendered, filesWritten: writer.writtenCount,
                                     filesRemoved: changes?.removed.count ?? 0, stages: stages)
            releaseInBackground((consume site, consume checked, consume tree, consume writer, consume record))
            return report
        } catch {
            writer.discard()
            throw BuildFailure([.error(Message(.writeSiteFailed, arguments: [.message(Message(describing: error))]), at: nil)], output: writer.isIncomplete ? .incomplete : .unchanged)
        }
    }

    /// Links to other cases must name a published case and, with `#…`, one of its headings or figures.
    /// Links into a case that exists but has its own errors are not reported again.
    static func checkCaseLinks(_ reports: [CaseReport], published: Set<String>, existing: Set<String> = []) -> [Diagnostic] {
        // Cases by slug; the anchors of a case are gathered only when a link points into it.
        var bySlug: [String: Int] = [:]
        bySlug.reserveCapacity(reports.count)
        for (index, report) in reports.enumerated() { bySlug[report.slug] = index }
        var anchors: [Int: Set<String>] = [:]
        var diagnostics: [Diagnostic] = []
        for report in reports {
            for link in report.outline.caseLinks {
                guard let target = bySlug[link.slug] else {
                    if existing.contains(link.slug) { continue }
                    diagnostics.append(.error(Message(.linkNoCase, link.slug), at: link.location,
                                              suggestion: Suggestion.closest(to: link.slug, in: Array(bySlug.keys).sorted()).map { Message(.didYouMeanFile, $0) }))
                    continue
                }
                if !published.contains(link.slug), published.contains(report.slug) {
                    diagnostics.append(.error(Message(.linkToDraft, link.slug), at: link.location, suggestion: Message(.linkToDraftFix)))
                    continue
                }
                guard let fragment = link.fragment else { continue }
                if anchors[target] == nil {
                    anchors[target] = Set(reports[target].outline.headings.map(\.id)).union(reports[target].figures.map(\.anchor))
                }
                if let targetAnchors = anchors[target], !targetAnchors.contains(fragment) {
                    diagnostics.append(.error(Message(.linkNoFragment, link.slug, fragment), at: link.location,
                                              suggestion: Suggestion.closest(to: fragment, in: Array(targetAnchors).sorted()).map { Message(.didYouMeanFragment, $0) }))
                }
            }
        }
        return diagnostics
    }
}
