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
            <ol>
            \(HTML(page.toc) { "<li class=\"toc-level-\($0.level)\"><a href=\"\(href: $0.href)\">\($0.text)</a></li>\n" })</ol>
            </nav>

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

            """)
    }
}
