import CasebookPages

extension Template {
    /// A figure on its case's page: caption, chart, a table of its numbers and its CSV download.
    public static func figure(_ figure: FigureBlock) -> HTML {
        let base: HTML
        if let count = figure.base {
            base = " <span class=\"figure-base\">（样本 \(count)\(figure.population.map { "，\($0)" as HTML } ?? .empty)）</span>"
        } else {
            base = figure.population.map { " <span class=\"figure-base\">（\($0)）</span>" } ?? .empty
        }
        let columns: HTML = figure.series.map { HTML($0) { "<th scope=\"col\">\($0)</th>" } } ?? "<th scope=\"col\">比例</th>"
        let rows = HTML(figure.rows) { row -> HTML in
            let remainder: HTML = row.isRemainder ? " class=\"remainder\"" : .empty
            return "<tr\(remainder)><th scope=\"row\">\(row.label)</th>\(HTML(row.values) { "<td>\($0)</td>" })</tr>\n"
        }
        let source: HTML = figure.source.map { "资料来源：\($0)。" } ?? .empty
        return """
        <figure class="figure figure-\(figure.kind)" id="\(figure.anchor)">
        <figcaption><span class="figure-number">图 \(figure.id)</span> <span class="figure-title">\(figure.title)</span>\(base)</figcaption>
        <div class="chart-frame">\(figure.chart)</div>
        <table class="figure-data">
        <caption>图 \(figure.id) 的数据（单位：%）</caption>
        <thead><tr><th scope="col">选项</th>\(columns)</tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        <p class="figure-notes">\(source)<a href="\(href: figure.csvHref)" download>下载图 \(figure.id) 数据（CSV）</a></p>
        </figure>

        """
    }
}
