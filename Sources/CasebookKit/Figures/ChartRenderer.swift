/// Draws a figure as an accessible inline SVG: `role="img"` named by a `<title>` that says the data (a
/// screen reader reads it once; a text browser such as w3m skips a `<title>`, and reads the chart's labels
/// once, apart, before the table that carries the numbers), a viewBox so it scales with the page, and the
/// unreported remainder in hatched grey.
public struct ChartRenderer: Sendable {
    public var strings: ChartStrings

    public init(strings: ChartStrings) { self.strings = strings }

    /// - Parameter uid: unique on any page the chart appears on (case slug and figure id), used for inner ids.
    public func svg(for figure: Figure, uid: String) -> String {
        let body: ChartBody
        switch figure.kind {
        case .bar: body = BarChart.draw(figure, strings: strings, uid: uid)
        case .stacked: body = StackedChart.draw(figure, strings: strings, uid: uid)
        case .pie: body = DonutChart.draw(figure, strings: strings, uid: uid)
        case .compare: body = CompareChart.draw(figure, strings: strings, uid: uid)
        case .multiple: body = MultipleChart.draw(figure, strings: strings, uid: uid)
        }
        var svg = SVGWriter()
        let height = body.height.rounded(.up)
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart chart-\(figure.kind.rawValue)"),
            ("viewBox", "0 0 \(num(ChartStyle.width)) \(num(height))"), ("width", num(ChartStyle.width)), ("height", num(height)),
            ("role", "img"), ("aria-labelledby", "\(uid)-title"), ("font-family", ChartStyle.fontFamily),
        ])
        svg.element("title", [("id", "\(uid)-title")], text: strings.describe(figure))
        if body.usesHatch { svg.raw(Self.hatchPattern(id: "\(uid)-hatch")) }
        svg.raw(body.markup)
        svg.close("svg")
        return svg.markup
    }

    static func hatchPattern(id: String) -> String {
        var svg = SVGWriter()
        svg.open("defs")
        svg.open("pattern", [("id", id), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)")])
        svg.empty("rect", [("width", "6"), ("height", "6"), ("class", "cb-hatch-bg"), ("fill", ChartStyle.hatchBackground)])
        svg.empty("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("class", "cb-hatch-line"), ("stroke", ChartStyle.hatchLine), ("stroke-width", "2.5")])
        svg.close("pattern")
        svg.close("defs")
        return svg.markup
    }
}

/// The drawn inside of a chart and the height it needs.
struct ChartBody {
    var markup: String
    var height: Double
    var usesHatch: Bool
}

/// One thing to draw: an answer or the remainder, with its fill.
struct ChartItem {
    var label: String
    var value: Double
    var isRemainder: Bool
    var fill: String
    var ink: String

    /// Answers in order, then the remainder when the values leave one; colours spread over the palette.
    static func items(of figure: Figure, strings: ChartStrings, uid: String, singleColour: Bool) -> [ChartItem] {
        let indices = ChartStyle.colourIndices(count: figure.rows.count)
        var items = figure.rows.enumerated().map { index, row in
            let colour = singleColour ? ChartStyle.barFill : ChartStyle.palette[indices[index]]
            return ChartItem(label: row.label, value: row.values[0], isRemainder: false, fill: colour.0, ink: colour.1)
        }
        let rest = figure.remainder()
        if rest > 0 {
            items.append(ChartItem(label: strings.remainder, value: rest, isRemainder: true, fill: "url(#\(uid)-hatch)", ink: "#000000"))
        }
        return items
    }

    var cssClass: String { isRemainder ? "cb-remainder" : "cb-mark" }
}
