import Foundation

/// Reads one case file and renders its body: decoding, front matter, section, Markdown and figures.
struct CaseStage: Sendable {
    let site: SiteConfig
    let figures: FigureHTML
    let mediaFiles: Set<String>

    struct Output: Sendable, Codable {
        var report: CaseReport?
        /// The body's text, when the case rendered without errors.
        var text: CaseText?
        /// The case's size in the search index, known without its text.
        var searchSize: SearchIndex.PageSize?
        /// The hash of what pages that list the case show (`PageKeys.listing`), kept so a rebuild need not
        /// work it out again for every case.
        var listing: ContentHash?
        var draft: Bool
        var diagnostics: [Diagnostic]
    }

    /// Renders `file`; `data` is its bytes when the caller has read them already.
    func run(_ file: CaseFile, data: Data? = nil) -> Output {
        guard let data = data ?? FileManager.default.contents(atPath: file.path) else {
            return Output(report: nil, text: nil, searchSize: nil, listing: nil, draft: false, diagnostics: [.error(Message(.cannotReadCase), at: SourceLocation(file: file.displayPath))])
        }
        let text: String
        let split: FrontMatterSplit
        var hygiene: [Diagnostic] = []
        do throws(Diagnostic) {
            if let problem = ContentLimits.sizeProblem(data.count, file: file.displayPath) { throw problem }
            (text, hygiene) = SourceText.removingControlCharacters(try SourceText.decode(Array(data), file: file.displayPath), file: file.displayPath)
            split = try FrontMatterSplit.split(text, file: file.displayPath)
            if let problem = ContentLimits.markdownProblem(split.body, file: file.displayPath, line: split.bodyStartLine) { throw problem }
        } catch {
            return Output(report: nil, text: nil, searchSize: nil, listing: nil, draft: false, diagnostics: [error])
        }
        let (metadata, metadataDiagnostics) = CaseMetadata.read(split, file: file.displayPath)
        var diagnostics = hygiene + metadataDiagnostics
        var section: SectionConfig?
        if let metadata {
            section = site.section(named: metadata.section)
            if section == nil {
                let names = site.sections.flatMap { [$0.name, $0.slug] }
                diagnostics.append(.error(Message(.unknownSection, metadata.section), at: metadata.sectionLocation,
                                          suggestion: Suggestion.didYouMean(metadata.section, in: names)
                                            ?? Message(.sectionsInSite, site.sections.map(\.name).joined(separator: "、"))))
            }
        }
        let slug = file.slug
        let figureStage = figures
        let body = MarkdownRenderer().render(split.body, file: file.displayPath, firstLine: split.bodyStartLine,
                                             mediaExists: { mediaFiles.contains($0) },
                                             figures: { figureStage.render($0, caseSlug: slug) })
        diagnostics += body.diagnostics
        guard let metadata, let section, !diagnostics.hasErrors else {
            return Output(report: nil, text: nil, searchSize: nil, listing: nil, draft: metadata?.draft ?? false, diagnostics: diagnostics)
        }
        let summary = metadata.summary ?? CaseReport.shorten(body.firstParagraph ?? "")
        let report = CaseReport(slug: file.slug, sourcePath: file.displayPath, metadata: metadata, section: section, outline: body.outline, summary: summary)
        let search = SearchDocuments.documents(for: report, textBlocks: body.textBlocks, strings: figures.strings.chart)
        return Output(report: report, text: body.text, searchSize: SearchIndex.PageSize(of: search),
                      listing: PageKeys.listing(report), draft: metadata.draft, diagnostics: diagnostics)
    }
}
