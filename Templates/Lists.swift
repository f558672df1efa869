import CasebookPages

extension Template {
    /// Cases as lists show them: title, unit, date, page and figures, and the summary.
    static func caseList(_ cases: [CaseSummary]) -> HTML {
        let items = HTML(cases) { item -> HTML in
            let org: HTML = item.org.map { "<span>\($0)</span> " } ?? .empty
            let date: HTML = item.date.map { "<time datetime=\"\(item.dateISO ?? "")\">\($0)</time> " } ?? .empty
            let page: HTML = item.page.map { "<span>\(Words.bookPage($0))</span> " } ?? .empty
            let figures: HTML = item.figureCount > 0 ? "<span>\(Words.figureCount(item.figureCount))</span>" : .empty
            return """
            <li>
            <h3 class="case-list-title"><a href="\(href: item.href)">\(item.title)</a></h3>
            <p class="case-list-meta">\(org)\(date)\(page)\(figures)</p>
            <p class="case-list-summary">\(item.summary)</p>
            </li>

            """
        }
        return "<ul class=\"case-list\">\n\(items)</ul>\n"
    }

    /// Punctuation between the fields of an entry: seen in text browsers, hidden by the stylesheet.
    static let separator: HTML = "<span class=\"sep\">\(Words.fieldSeparator)</span>"

    /// An entry of the printed contents: a link when its case is on the site, else marked as not yet digitised.
    static func catalogueEntry(_ entry: CatalogueItem) -> HTML {
        let pending: HTML = entry.caseHref == nil ? " pending" : .empty
        let title: HTML = entry.caseHref.map { "<a href=\"\(href: $0)\">\(entry.title)</a>" } ?? "\(entry.title)"
        let unit: HTML = entry.unit.map { "\(separator) <span class=\"entry-unit\">\($0)</span>" } ?? .empty
        let page: HTML = entry.page.map { "\(separator) <span class=\"entry-page\">\(Words.page($0))</span>" } ?? .empty
        let status: HTML = entry.caseHref == nil ? "\(separator) <span class=\"entry-status\">\(Words.notDigitised)</span>" : .empty
        return "<li class=\"catalogue-entry\(pending)\"><span class=\"entry-title\">\(title)</span>\(unit)\(page)\(status)</li>\n\n"
    }
}
