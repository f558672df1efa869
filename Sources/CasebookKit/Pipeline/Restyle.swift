import CasebookTemplates
import Foundation

/// A build after an edit of `Templates/assets/` alone (the stylesheet, the search script): nothing that
/// shapes a page changed and every file of `output/` is as the last build left it, so the assets are copied
/// and the 404 page, which holds the stylesheet, gets the new one; no case is read and no page rendered.
enum Restyle {
    static func build(_ options: BuildOptions, manifest: BuildManifest, store: CacheStore?, assets: ContentHash, start: Date) throws(BuildFailure) -> BuildReport {
        let writer: OutputWriter
        do { writer = try OutputWriter(destination: options.outputDirectory, previous: manifest.outputs) } catch {
            throw BuildFailure([.error(Message(.prepareOutputFailed, arguments: [.message(Message(describing: error))]), at: nil)])
        }
        do {
            writer.keepEveryPrevious()
            for file in BuildEnvironment.filesUnder(options.templatesDirectory + "/assets") {
                try writer.copy(from: options.templatesDirectory + "/assets/" + file, to: "assets/" + file)
            }
            let stylesheet = String(decoding: FileManager.default.contents(atPath: options.templatesDirectory + "/" + SitePaths.stylesheet) ?? Data(),
                                    as: UTF8.self)
            let notFound = options.outputDirectory + "/" + SitePaths.notFound
            if let page = FileManager.default.contents(atPath: notFound),
               let restyled = Template.restyleNotFound(String(decoding: page, as: UTF8.self), stylesheet: stylesheet) {
                // Under the last build's key: the next full build finds these bytes and keeps them.
                try writer.write(SitePaths.notFound, restyled, key: manifest.outputs[SitePaths.notFound]?.key)
            }
            var groups = manifest.groupKeys
            groups["assets"] = assets
            let record = BuildManifest(generator: BuildManifest.currentGenerator, environment: manifest.environment, inputs: manifest.inputs,
                                       outputs: writer.outputs, groupKeys: groups, warnings: manifest.warnings, notes: manifest.notes,
                                       cases: manifest.cases, pages: manifest.pages, figures: manifest.figures)
            let changes = writer.changes
            try writer.commit()
            if let store {
                record.save(to: store, after: manifest, outputChanges: changes)
                store.commit()
            }
            return BuildReport(cases: manifest.cases, pages: manifest.pages, figures: manifest.figures, files: writer.fileCount,
                               seconds: Date().timeIntervalSince(start), diagnostics: manifest.warnings, notes: manifest.notes,
                               casesRendered: 0, filesWritten: writer.writtenCount)
        } catch {
            writer.discard()
            throw BuildFailure([.error(Message(.writeSiteFailed, arguments: [.message(Message(describing: error))]), at: nil)], output: writer.isIncomplete ? .incomplete : .unchanged)
        }
    }
}
