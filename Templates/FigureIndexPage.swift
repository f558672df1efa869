import CasebookPages

extension Template {
    /// Every figure of the book with its chart, part by part and case by case.
    public static func figureIndex(_ page: FigureIndexPage) -> HTML {
        let parts = HTML(page.parts) { part in
            let cases = HTML(part.cases) { item in
                let figures = HTML(item.figures) { figure -> HTML in
                    "<li><p class=\"figure-index-title\"><a href=\"\(href: figure.href)\">\(Words.figure(figure.id)) \(figure.title)</a></p><div class=\"chart-frame\">\(figure.chart)</div>\n\(figureTable(id: figure.id, series: figure.series, rows: figure.rows))</li>\n"
                }
                return """
                <section class="figure-index-case">
                <h3><a href="\(href: item.href)">\(item.title)</a></h3>
                <ul class="figure-index">
                \(figures)</ul>
                </section>

                """
            }
            return """
            <section class="figure-index-part">
            <h2><a href="\(href: part.href)">\(part.name)</a></h2>
            \(cases)</section>

            """
        }
        return Template.page(titled(page.frame, Words.figureIndex), main: """
            <h1>\(Words.figureIndex)</h1>
            <p>\(Words.figureIndexIntroduction(page.figureCount))</p>
            <p><a href="\(href: page.csvHref)" download>\(Words.downloadAllData(page.figureCount))</a></p>
            \(parts)
            """)
    }
}
