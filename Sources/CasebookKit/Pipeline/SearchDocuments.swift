import CasebookTemplates

/// What the search index holds for a case: each block of text under its nearest heading, and each figure
/// (caption, labels and numbers) under its own anchor.
enum SearchDocuments {
    static func documents(for report: CaseReport, textBlocks: [TextBlock], strings: ChartStrings) -> [SearchDocument] {
        let page = SitePaths.casePage(report.slug)
        var documents: [SearchDocument] = []
        var lead = [report.title, report.metadata.org, report.summary].compactMap { $0 }.joined(separator: "\n")
        for block in textBlocks {
            guard let id = block.headingID else { lead += "\n" + block.text; continue }
            documents.append(SearchDocument(url: page + "#" + id, pageTitle: report.title, heading: block.headingText, text: block.text))
        }
        documents.insert(SearchDocument(url: page, pageTitle: report.title, heading: nil, text: lead), at: 0)
        for figure in report.figures {
            var lines = [figure.title]
            for row in figure.rows { lines.append(row.label + " " + row.values.map(strings.formatValue).joined(separator: " ")) }
            documents.append(SearchDocument(url: page + "#" + figure.anchor, pageTitle: report.title,
                                            heading: Words.figure(figure.id) + " " + figure.title, text: lines.joined(separator: "\n")))
        }
        return documents
    }
}
