import CasebookPages

extension Template {
    /// A case's page: its details, contents, body and the cases before and after it.
    public static func casePage(_ page: CasePage) -> HTML {
        let item = page.summary
        let org: HTML = item.org.map { "<dt>\(Words.unit)</dt><dd><a href=\"\(href: page.orgHref ?? "")\">\($0)</a></dd>\n" } ?? .empty
        let date: HTML = item.date.map { "<dt>\(Words.date)</dt><dd><time datetime=\"\(item.dateISO ?? "")\">\($0)</time></dd>\n" } ?? .empty
        let number: HTML = item.page.map { "<dt>\(Words.bookPageNumber)</dt><dd>\(Words.page($0))</dd>\n" } ?? .empty
        let tags: HTML = page.tags.isEmpty ? .empty
            : "<dt>\(Words.tags)</dt><dd><ul class=\"tags\">\(HTML(page.tags) { "<li><a href=\"\(href: $0.href)\">\($0.title)</a></li>" })</ul></dd>\n"
        let toc: HTML = page.toc.count < 2 ? .empty : """
            <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">\(Words.caseContents)</h2>
            \(contents(page.toc[...]))</nav>

            """
        let previous: HTML = page.previous.map {
            "<a class=\"pager-previous\" rel=\"prev\" href=\"\(href: $0.href)\"><span class=\"pager-label\">\(Words.previous)</span> \($0.title)</a>\n"
        } ?? .empty
        let next: HTML = page.next.map {
            "<a class=\"pager-next\" rel=\"next\" href=\"\(href: $0.href)\"><span class=\"pager-label\">\(Words.next)</span> \($0.title)</a>\n"
        } ?? .empty
        return Template.page(page.frame, main: """
            \(breadcrumbs(page.breadcrumbs, current: item.title))<article class="case">
            <header class="case-header">
            <h1>\(item.title)</h1>
            <dl class="case-meta">
            \(org)\(date)\(number)<dt>\(Words.part)</dt><dd><a href="\(href: item.sectionHref)">\(item.section)</a></dd>
            \(tags)</dl>
            <p class="case-summary">\(item.summary)</p>
            </header>
            \(toc)<div class="case-body">
            \(page.body)
            </div>
            </article>
            <nav class="pager" aria-label="\(Words.previousAndNext)">
            \(previous)\(next)</nav>
            \(waysBack(page))
            """)
    }

    /// The contents of a case, nested: each heading's list holds the deeper headings after it.
    static func contents(_ entries: ArraySlice<CasePage.TocEntry>) -> HTML {
        var items = HTML.empty, index = entries.startIndex
        while index < entries.endIndex {
            let entry = entries[index]
            var end = entries.index(after: index)
            while end < entries.endIndex, entries[end].level > entry.level { end = entries.index(after: end) }
            let children = entries[entries.index(after: index)..<end]
            let nested: HTML = children.isEmpty ? .empty : "\n\(contents(children))"
            items.append("<li class=\"toc-level-\(entry.level)\"><a href=\"\(href: entry.href)\">\(entry.text)</a>\(nested)</li>\n")
            index = end
        }
        return "<ol>\n\(items)</ol>\n"
    }

    /// At the end of a case: back to its part and to the top of the page; from the last case of a part, on
    /// to the next part.
    static func waysBack(_ page: CasePage) -> HTML {
        let nextPart: HTML = page.nextPart.map { "\(separator) <a href=\"\(href: $0.href)\">\(Words.nextPart($0.title))</a>" } ?? .empty
        return """
            <nav class="case-end" aria-label="\(Words.afterCase)"><p><a href="\(href: page.summary.sectionHref)">\(Words.backToPart(page.summary.section))</a>\(separator) <a href="#main">\(Words.backToTop)</a>\(nextPart)</p></nav>

            """
    }
}
