import Foundation

/// The pipeline from `Content/` to `output/`: load, render every case in parallel, check links between
/// cases, build the site model, render pages from templates and swap the new site in atomically.
public enum Builder {
    /// Everything a build knows before it writes: the site model and the diagnostics found.
    public struct Checked: Sendable {
        public var model: SiteModel
        public var templates: TemplateSet
        public var content: ContentTree
        public var diagnostics: [Diagnostic]
        public var filesChecked: Int
    }

    /// Validates all content without writing anything. Throws with every diagnostic when there are errors.
    public static func check(_ options: BuildOptions) async throws(BuildFailure) -> Checked {
        let templates = try await TemplateSet.load(directory: options.templatesDirectory)
        let (tree, loadDiagnostics) = ContentLoader.load(options.contentDirectory)
        var diagnostics = loadDiagnostics
        guard let tree else { throw BuildFailure(diagnostics) }

        let stage = CaseStage(site: tree.site, figures: FigureHTML(templates: templates), mediaFiles: Set(tree.media))
        let outputs = parallelMap(tree.caseFiles) { stage.run($0) }
        diagnostics += outputs.flatMap(\.diagnostics)
        let all = outputs.compactMap(\.report)
        let published = all.filter { options.includeDrafts || !$0.metadata.draft }
        diagnostics += checkCaseLinks(all, published: Set(published.map(\.slug)), existing: Set(tree.caseFiles.map(\.slug)))
        let checkedFiles = tree.caseFiles.count + 1 + (tree.catalogue.isEmpty ? 0 : 1)
        if diagnostics.hasErrors { throw BuildFailure(diagnostics.sortedByLocation()) }
        let model = SiteModel(config: tree.site, catalogue: tree.catalogue, cases: published)
        return Checked(model: model, templates: templates, content: tree, diagnostics: diagnostics.sortedByLocation(), filesChecked: checkedFiles)
    }

    /// Builds the site into `options.outputDirectory`. On any error the previous output stays as it was.
    public static func build(_ options: BuildOptions) async throws(BuildFailure) -> BuildReport {
        let start = Date()
        let checked = try await check(options)
        let writer: OutputWriter
        do { writer = try OutputWriter(destination: options.outputDirectory) } catch {
            throw BuildFailure([.error("cannot prepare the output folder: \(error)", at: nil)])
        }
        do {
            let (pages, notes) = try SiteWriter(checked: checked, writer: writer, options: options).writeAll()
            try writer.commit()
            let figures = checked.model.cases.reduce(0) { $0 + $1.figures.count }
            return BuildReport(cases: checked.model.cases.count, pages: pages, figures: figures, files: writer.files.count,
                               seconds: Date().timeIntervalSince(start), diagnostics: checked.diagnostics, notes: notes)
        } catch {
            writer.discard()
            throw BuildFailure([.error("writing the site failed: \(error)", at: nil)])
        }
    }

    /// Links to other cases must name a published case and, with `#…`, one of its headings or figures.
    /// Links into a case that exists but has its own errors are not reported again.
    static func checkCaseLinks(_ reports: [CaseReport], published: Set<String>, existing: Set<String> = []) -> [Diagnostic] {
        var anchors: [String: Set<String>] = [:]
        for report in reports { anchors[report.slug] = Set(report.body.headings.map(\.id)).union(report.figures.map(\.anchor)) }
        var diagnostics: [Diagnostic] = []
        for report in reports {
            for link in report.body.caseLinks {
                guard let targetAnchors = anchors[link.slug] else {
                    if existing.contains(link.slug) { continue }
                    diagnostics.append(.error("link to `\(link.slug).md`, but there is no such case", at: link.location,
                                              suggestion: Suggestion.closest(to: link.slug, in: Array(anchors.keys).sorted()).map { "did you mean `\($0).md`?" }))
                    continue
                }
                if !published.contains(link.slug), published.contains(report.slug) {
                    diagnostics.append(.error("link to `\(link.slug).md`, which is a draft and not published", at: link.location,
                                              suggestion: "publish it (draft: false) or build with --drafts"))
                    continue
                }
                if let fragment = link.fragment, !targetAnchors.contains(fragment) {
                    diagnostics.append(.error("link to `\(link.slug).md#\(fragment)`, but that case has no such heading or figure", at: link.location,
                                              suggestion: Suggestion.closest(to: fragment, in: Array(targetAnchors).sorted()).map { "did you mean `#\($0)`?" }))
                }
            }
        }
        return diagnostics
    }
}
