/// A multiple-choice question: each answer's share on its own bar, against a track of 100 %, with no
/// remainder (the answers are not parts of one whole), and a note that the shares may add up to more.
enum MultipleChart {
    static func draw(_ figure: Figure, strings: ChartStrings, uid: String) -> ChartBody {
        let items = ChartItem.items(of: figure, strings: strings, uid: uid, singleColour: true)
        var body = BarChart.drawRows(items.map { ($0, [$0]) }, strings: strings, uid: uid, legend: nil, track: true)
        let font = ChartStyle.fontSize, margin = BarChart.margin
        let (lines, _) = TextMetrics.wrap(strings.multipleNote, maxWidth: ChartStyle.width - 2 * margin, fontSize: font, maxLines: 2)
        var svg = SVGWriter()
        svg.text(lines, x: margin, y: body.height + font, lineHeight: ChartStyle.lineHeight, fontSize: font, cssClass: "cb-legend", fill: "#1a1a1a")
        body.markup += svg.markup
        body.height += Double(lines.count) * ChartStyle.lineHeight + margin
        return body
    }
}
