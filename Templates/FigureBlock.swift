import CasebookPages

extension Template {
    /// A figure on its case's page: caption, chart, a table of its numbers and its CSV download.
    public static func figure(_ figure: FigureBlock) -> HTML {
        let base: HTML
        if let count = figure.base {
            base = " <span class=\"figure-base\">（\(Words.sample(count))\(figure.population.map { "\(Words.sampleSeparator)\($0)" as HTML } ?? .empty)）</span>"
        } else {
            base = figure.population.map { " <span class=\"figure-base\">（\($0)）</span>" } ?? .empty
        }
        let multiple: HTML = figure.kind == "multiple" ? "\(Words.multipleNoteSentence)" : .empty
        let source: HTML = figure.source.map { "\(Words.source($0))" } ?? .empty
        return """
        <figure class="figure figure-\(figure.kind)" id="\(figure.anchor)">
        <figcaption><span class="figure-number">\(Words.figure(figure.id))</span> <span class="figure-title">\(figure.title)</span>\(base)</figcaption>
        <div class="chart-frame">\(figure.chart)</div>
        \(figureTable(id: figure.id, series: figure.series, rows: figure.rows))<p class="figure-notes">\(multiple)\(source)<a href="\(href: figure.csvHref)" download>\(Words.downloadData(figure.id))</a></p>
        </figure>

        """
    }

    /// A figure's numbers: one row per answer (the unreported share marked), one column per series.
    static func figureTable(id: String, series: [String]?, rows: [FigureBlock.Row]) -> HTML {
        let columns: HTML = series.map { HTML($0) { "<th scope=\"col\">\($0)</th>" } } ?? "<th scope=\"col\">\(Words.share)</th>"
        let body = HTML(rows) { row -> HTML in
            let remainder: HTML = row.isRemainder ? " class=\"remainder\"" : .empty
            return "<tr\(remainder)><th scope=\"row\">\(row.label)</th>\(HTML(row.values) { "<td>\($0)</td>" })</tr>\n"
        }
        return """
        <table class="figure-data">
        <caption>\(Words.dataCaption(id))</caption>
        <thead><tr><th scope="col">\(Words.option)</th>\(columns)</tr></thead>
        <tbody>
        \(body)</tbody>
        </table>

        """
    }
}
