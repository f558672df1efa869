/// Turns a figure block into its page markup: the `partials/figure` template around the SVG chart,
/// a table of the numbers and a CSV download. Also gives the CSV file to write.
public struct FigureHTML: Sendable {
    public let templates: TemplateSet
    public let charts: ChartRenderer

    public init(templates: TemplateSet) {
        self.templates = templates
        self.charts = ChartRenderer(strings: templates.strings.chart)
    }

    /// Parses, validates and renders one block of the case `caseSlug`.
    public func render(_ block: FigureBlockSource, caseSlug: String) -> RenderedFigure {
        let (figure, diagnostics) = FigureParser.parse(block.text, at: block.location)
        guard let figure else { return RenderedFigure(figure: nil, html: "", diagnostics: diagnostics) }
        let chart = chart(for: figure, caseSlug: caseSlug)
        let html = templates.render("partials/figure", context(for: figure, caseSlug: caseSlug, pageRoot: "../", chart: chart))
        return RenderedFigure(figure: figure, html: html, chart: chart, diagnostics: diagnostics)
    }

    /// The chart alone, as the case page and the figure index show it.
    public func chart(for figure: Figure, caseSlug: String) -> String {
        charts.svg(for: figure, uid: "\(caseSlug)-\(figure.anchor)")
    }

    public func csv(for figure: Figure) -> String {
        FigureCSV.csv(for: figure, strings: templates.strings.chart,
                      labelHeader: templates.strings.csvLabelHeader, valueHeader: templates.strings.csvValueHeader)
    }

    func context(for figure: Figure, caseSlug: String, pageRoot: String, chart: String) -> [String: Any] {
        let strings = templates.strings.chart
        var rows: [[String: Any]] = figure.rows.map { row in
            ["label": TemplateText(row.label), "values": row.values.map { ["text": TemplateText(strings.formatValue($0))] }, "remainder": false]
        }
        let remainders = (0..<figure.seriesCount).map { figure.remainder(series: $0) }
        if remainders.contains(where: { $0 > 0 }) {
            rows.append(["label": TemplateText(strings.remainder), "values": remainders.map { ["text": TemplateText(strings.formatValue($0))] }, "remainder": true])
        }
        var context: [String: Any] = [
            "id": TemplateText(figure.id), "anchor": TemplateText(figure.anchor), "title": TemplateText(figure.title),
            "kind": TemplateText(figure.kind.rawValue), "svg": TemplateText(chart), "rows": rows,
            "csv_href": TemplateText(pageRoot + SitePaths.figureCSV(caseSlug: caseSlug, figureID: figure.id)),
            "series": figure.series.map { ["name": TemplateText($0)] }, "is_compare": figure.kind == .compare,
        ]
        if let base = figure.base { context["base"] = TemplateText(String(base)) }
        if let population = figure.population { context["population"] = TemplateText(population) }
        if let source = figure.source { context["source"] = TemplateText(source) }
        return context
    }
}
