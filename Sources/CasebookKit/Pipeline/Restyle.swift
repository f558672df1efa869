import CasebookTemplates
import Foundation

/// A build after an edit of `Templates/assets/` alone (the stylesheet, the search script): nothing that
/// shapes a page changed and every file of `output/` is as the last build left it, so the assets are copied
/// (those no longer there removed) and the 404 page, which holds the stylesheet, gets the new one; no case
/// is read and no page rendered.
enum Restyle {
    /// Copies the assets and restyles the 404 page. Only the rows of those files are read from the store and
    /// saved to it, with the summary's new assets key: the others stay as the last build left them.
    static func build(_ options: BuildOptions, summary: BuildManifest.Summary, store: CacheStore, assets: ContentHash, start: Date) throws(BuildFailure) -> BuildReport {
        let files = BuildEnvironment.filesUnder(options.templatesDirectory + "/assets")
        // The assets the last build copied that Templates/assets/ no longer holds go, as in a full build.
        let gone = Set(BuildEnvironment.filesUnder(options.outputDirectory + "/assets")).subtracting(files).sorted().map { "assets/" + $0 }
        let previous = BuildManifest.outputs(files.map { "assets/" + $0 } + gone + [SitePaths.notFound], in: store)
        let writer: OutputWriter
        do { writer = try OutputWriter(destination: options.outputDirectory, previous: previous) } catch {
            throw BuildFailure([.error(Message(.prepareOutputFailed, arguments: [.message(Message(describing: error))]), at: nil)])
        }
        do {
            writer.keepEveryPrevious(except: Set(gone))
            for file in files {
                try writer.copy(from: options.templatesDirectory + "/assets/" + file, to: "assets/" + file)
            }
            let stylesheet = String(decoding: FileManager.default.contents(atPath: options.templatesDirectory + "/" + SitePaths.stylesheet) ?? Data(),
                                    as: UTF8.self)
            let notFound = options.outputDirectory + "/" + SitePaths.notFound
            if let page = FileManager.default.contents(atPath: notFound),
               let restyled = Template.restyleNotFound(String(decoding: page, as: UTF8.self), stylesheet: stylesheet) {
                // Under the last build's key: the next full build finds these bytes and keeps them.
                try writer.write(SitePaths.notFound, restyled, key: previous[SitePaths.notFound]?.key)
            }
            let written = writer.outputs, removed = writer.changes?.removed ?? []
            try writer.commit()
            BuildManifest.save(summary, assets: assets, written: written, removed: removed, to: store)
            store.commit()
            return BuildReport(cases: summary.cases, pages: summary.pages, figures: summary.figures, files: store.count(.output),
                               seconds: Date().timeIntervalSince(start), diagnostics: summary.warnings, notes: summary.notes,
                               casesRendered: 0, filesWritten: writer.writtenCount)
        } catch {
            writer.discard()
            throw BuildFailure([.error(Message(.writeSiteFailed, arguments: [.message(Message(describing: error))]), at: nil)], output: writer.isIncomplete ? .incomplete : .unchanged)
        }
    }
}
