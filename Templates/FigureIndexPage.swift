import CasebookPages

extension Template {
    /// Every figure of the book with its chart, part by part and case by case; in a book with too many
    /// figures for one page, each part's figure lists instead.
    public static func figureIndex(_ page: FigureIndexPage) -> HTML {
        let parts = HTML(page.parts) { part in
            guard part.lists.isEmpty else { return figureListLinks(part) }
            return """
            <section class="figure-index-part">
            <h2><a href="\(href: part.href)">\(part.name)</a></h2>
            \(HTML(part.cases) { figureIndexCase($0) })</section>

            """
        }
        let introduction = page.parts.contains { !$0.lists.isEmpty } ? Words.figureIndexByPart(page.figureCount) : Words.figureIndexIntroduction(page.figureCount)
        return Template.page(titled(page.frame, Words.figureIndex), main: """
            <h1>\(Words.figureIndex)</h1>
            <p>\(introduction)</p>
            <p><a href="\(href: page.csvHref)" download>\(Words.downloadAllData(page.figureCount))</a></p>
            \(parts)
            """)
    }

    /// A case of the figure index: its title (a heading of `level`), then its figures, each with its chart
    /// and the table of its numbers when the page draws charts.
    static func figureIndexCase(_ item: FigureIndexPage.Case, level: Int = 3) -> HTML {
        let figures = HTML(item.figures) { figure -> HTML in
            let chart: HTML = figure.chart.map {
                "<div class=\"chart-frame\">\($0)</div>\n\(figureTable(id: figure.id, series: figure.series, rows: figure.rows))"
            } ?? .empty
            return "<li><p class=\"figure-index-title\"><a href=\"\(href: figure.href)\">\(Words.figure(figure.id)) \(figure.title)</a></p>\(chart)</li>\n"
        }
        return """
        <section class="figure-index-case">
        <h\(level)><a href="\(href: item.href)">\(item.title)</a></h\(level)>
        <ul class="figure-index">
        \(figures)</ul>
        </section>

        """
    }

    /// A part on a figure index whose figures are on the part's lists: one link to each list page, named by
    /// the cases it holds, so that any chart is two clicks away.
    static func figureListLinks(_ part: FigureIndexPage.Part) -> HTML {
        let links = HTML(part.lists) { "<li><a href=\"\(href: $0.href)\">\(Words.caseRange($0.firstCase, $0.lastCase))</a></li>\n" }
        return """
        <section class="figure-index-part">
        <h2><a href="\(href: part.href)">\(part.name)</a></h2>
        <p>\(Words.figuresOfPart(part.figureCount))</p>
        <ul class="figure-lists">
        \(links)</ul>
        </section>

        """
    }

    /// One page of a part's figures: its cases with their figures' numbers and titles, linked to the charts.
    public static func figureList(_ page: FigureListPage) -> HTML {
        let trail = [Link(title: page.frame.site.title, href: page.frame.homeHref), Link(title: Words.figureIndex, href: page.indexHref)]
        return Template.page(paged(titled(page.frame, Words.figuresOfPartTitle(page.partName)), page.pager), main: """
            \(breadcrumbs(trail, current: page.partName))<h1>\(Words.figuresOfPartTitle(page.partName))</h1>
            <p>\(Words.figureListIntroduction(page.figureCount))</p>
            \(HTML(page.cases) { figureIndexCase($0, level: 2) })\(pager(page.pager))
            """)
    }
}
