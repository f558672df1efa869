import CasebookPages
import CasebookTemplates

/// Turns a figure block into its page markup (`Template.figure`: the SVG chart, a table of the numbers and
/// a CSV download). Also gives the CSV file to write.
public struct FigureHTML: Sendable {
    public let strings: SiteStrings
    public let charts: ChartRenderer

    public init(strings: SiteStrings) {
        self.strings = strings
        self.charts = ChartRenderer(strings: strings.chart)
    }

    /// Parses, validates and renders one block of the case `caseSlug`.
    public func render(_ block: FigureBlockSource, caseSlug: String) -> RenderedFigure {
        let (figure, diagnostics) = FigureParser.parse(block.text, at: block.location)
        guard let figure else { return RenderedFigure(figure: nil, html: "", diagnostics: diagnostics) }
        let chart = chart(for: figure, caseSlug: caseSlug)
        let html = Template.figure(values(for: figure, caseSlug: caseSlug, pageRoot: "../", chart: chart)).text
        return RenderedFigure(figure: figure, html: html, chart: chart, diagnostics: diagnostics)
    }

    /// The chart alone, as the case page and the figure index show it.
    public func chart(for figure: Figure, caseSlug: String) -> String {
        charts.svg(for: figure, uid: "\(caseSlug)-\(figure.anchor)")
    }

    public func csv(for figure: Figure) -> String {
        FigureCSV.csv(for: figure, strings: strings.chart, labelHeader: strings.csvLabelHeader, valueHeader: strings.csvValueHeader)
    }

    /// Every figure of `cases`, in their order, as one CSV file (`figures.csv`).
    public func csv(of cases: [CaseReport]) -> String {
        FigureCSV.all(cases, headers: strings.allFiguresCSVHeaders)
    }

    /// The rows of a figure's table; the remainder (the share the text does not report) is a row of its own.
    static func rows(for figure: Figure, words: ChartStrings) -> [FigureBlock.Row] {
        var rows = figure.rows.map { FigureBlock.Row(label: $0.label, values: $0.values.map(words.formatValue), isRemainder: false) }
        let remainders = (0..<figure.seriesCount).map { figure.remainder(series: $0) }
        if remainders.contains(where: { $0 > 0 }) {
            rows.append(FigureBlock.Row(label: words.remainder, values: remainders.map(words.formatValue), isRemainder: true))
        }
        return rows
    }

    /// The figure's values for `Template.figure`.
    func values(for figure: Figure, caseSlug: String, pageRoot: String, chart: String) -> FigureBlock {
        let rows = Self.rows(for: figure, words: strings.chart)
        return FigureBlock(id: figure.id, anchor: figure.anchor, title: figure.title, kind: figure.kind.rawValue, chart: HTML(trusted: chart),
                           rows: rows, series: figure.kind == .compare ? figure.series : nil, base: figure.base,
                           population: figure.population, source: figure.source,
                           csvHref: pageRoot + SitePaths.figureCSV(caseSlug: caseSlug, figureID: figure.id))
    }
}
