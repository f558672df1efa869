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

    /// The links to a list's pages: previous, every page by number (this one marked), next; empty for a
    /// list of one page.
    static func pager(_ pager: Pager?) -> HTML {
        guard let pager else { return .empty }
        let previous: HTML = pager.previous.map { "<li><a href=\"\(href: $0)\" rel=\"prev\">\(Words.previousPage)</a></li>" } ?? .empty
        let next: HTML = pager.next.map { "<li><a href=\"\(href: $0)\" rel=\"next\">\(Words.nextPage)</a></li>" } ?? .empty
        let numbers = HTML(pager.hrefs.indices) { index -> HTML in
            let number = index + 1
            let current: HTML = number == pager.current ? " aria-current=\"page\"" : .empty
            return "<li><a href=\"\(href: pager.hrefs[index])\"\(current) aria-label=\"\(Words.pageNumber(number))\">\(number)</a></li>"
        }
        return "<nav class=\"pagination\" aria-label=\"\(Words.pages)\"><ul>\(previous)\(numbers)\(next)</ul></nav>\n"
    }

    /// `frame` with its title marked with the page's number on a list's second and later pages.
    static func paged(_ frame: PageFrame, _ pager: Pager?) -> PageFrame {
        guard let pager, pager.current > 1 else { return frame }
        return titled(frame, Words.pagedTitle(frame.title ?? frame.site.title, pager.current))
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
