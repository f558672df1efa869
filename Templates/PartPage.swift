import CasebookPages

extension Template {
    /// A part's page: its cases, then the entries of the printed contents still to digitise.
    public static func part(_ page: PartPage) -> HTML {
        let cases: HTML = page.cases.isEmpty ? (page.pager == nil ? "<p>\(Words.noCasesInPart)</p>\n" : .empty) : """
            <p class="part-actions"><a href="\(href: page.printHref)">\(Words.printPart)</a></p>
            <h2>\(Words.casesOfPart)</h2>
            \(caseList(page.cases))
            """
        let pending: HTML = page.pending.isEmpty ? .empty : """
            <h2>\(Words.notDigitised)</h2>
            <ol class="catalogue">
            \(HTML(page.pending, catalogueEntry))</ol>

            """
        return Template.page(paged(page.frame, page.pager), main: """
            \(breadcrumbs([Link(title: page.frame.site.title, href: page.frame.homeHref)], current: page.name))<h1>\(page.name)</h1>
            \(cases)\(pending)\(pager(page.pager))
            """)
    }
}
