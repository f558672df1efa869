import Foundation

/// Renders every page of a checked site and writes it, with the figures' CSV files, the assets and media.
struct SiteWriter {
    let checked: Builder.Checked
    let writer: OutputWriter
    let options: BuildOptions

    /// - Returns: the number of HTML pages written, and notes on what was skipped.
    func writeAll() throws -> (pages: Int, notes: [String]) {
        let model = checked.model
        let templates = checked.templates
        let context = PageContext(model: model, strings: templates.strings)
        let figureHTML = FigureHTML(templates: templates)
        var pages = 0

        try writer.write(SitePaths.home, templates.render("index", context.home()))
        try writer.write(SitePaths.tags, templates.render("tags", context.tagIndex()))
        try writer.write(SitePaths.orgs, templates.render("orgs", context.orgIndex()))
        try writer.write(SitePaths.notFound, templates.render("404", context.notFound()))
        try writer.write(SitePaths.figures, templates.render("figures", context.figureIndex { figureHTML.chart(for: $0, caseSlug: $1.slug) }))
        try writer.write(SitePaths.printBook, templates.render("print", context.printBook()))
        try writer.write(SitePaths.search, templates.render("search", context.common(path: SitePaths.search, title: nil)))
        pages += 7
        for part in model.parts {
            try writer.write(SitePaths.part(part.section.slug), templates.render("part", context.part(part)))
            pages += 1
        }
        for tag in model.tags {
            try writer.write(SitePaths.tag(tag.name), templates.render("tag", context.tag(tag)))
            pages += 1
        }

        let cases = model.cases
        let failures = parallelMap(cases) { report -> String? in
            do {
                try writer.write(SitePaths.casePage(report.slug), templates.render("case", context.casePage(report, body: report.body.html)))
                for figure in report.figures {
                    try writer.write(SitePaths.figureCSV(caseSlug: report.slug, figureID: figure.id), figureHTML.csv(for: figure))
                }
                return nil
            } catch {
                return "\(report.sourcePath): \(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw OutputError.unreadable(failure) }
        pages += cases.count

        let strings = templates.strings.chart
        let documents = parallelMap(cases) { SearchDocuments.documents(for: $0, strings: strings) }.flatMap { $0 }
        for (path, contents) in SearchIndex.build(documents) { try writer.write(path, contents) }

        try copyTree(options.templatesDirectory + "/assets", into: "assets")
        for file in checked.content.media {
            try writer.copy(from: checked.content.contentDirectory + "/media/" + file, to: "media/" + file)
        }
        var notes: [String] = []
        if let base = options.baseURL.map({ $0.hasSuffix("/") ? $0 : $0 + "/" }) ?? model.config.baseURL {
            try writer.write(Feeds.atomPath, Feeds.atom(model, baseURL: base))
            try writer.write(Feeds.sitemapPath, Feeds.sitemap(pages: writer.files.filter { $0.hasSuffix(".html") }, baseURL: base))
        } else {
            notes.append("feed and sitemap skipped: no base URL (set base_url in site.yaml or pass --base-url)")
        }
        return (pages, notes)
    }

    private func copyTree(_ directory: String, into target: String) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(relative)
            }
        }
        for file in files.sorted() where !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            try writer.copy(from: directory + "/" + file, to: target + "/" + file)
        }
    }
}
