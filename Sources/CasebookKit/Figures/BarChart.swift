/// Horizontal bars on a 0–100 % scale: the label on the left, the value at the bar's end.
enum BarChart {
    static let rowGap = 10.0
    static let barHeight = 20.0
    static let margin = 8.0

    static func draw(_ figure: Figure, strings: ChartStrings, uid: String) -> ChartBody {
        let items = ChartItem.items(of: figure, strings: strings, uid: uid, singleColour: true)
        return drawRows(items.map { ($0, [$0]) }, strings: strings, uid: uid, legend: nil)
    }

    /// Shared by bar and compare charts: each row is a label and one or more bars.
    /// With `track`, each bar lies on a light track as long as 100 %.
    static func drawRows(_ rows: [(label: ChartItem, bars: [ChartItem])], strings: ChartStrings, uid: String,
                         legend: (markup: String, height: Double)?, track: Bool = false) -> ChartBody {
        let font = ChartStyle.fontSize, lineHeight = ChartStyle.lineHeight, width = ChartStyle.width
        let widest = rows.map { TextMetrics.width($0.label.label, fontSize: font) }.max() ?? 0
        let labelWidth = min(widest, width * 0.36)
        let valueWidth = TextMetrics.width(strings.formatValue(100), fontSize: font) + 6
        let barX = margin + labelWidth + 12
        let barSpace = width - barX - valueWidth - margin
        var svg = SVGWriter()
        var y = margin
        if let legend { svg.raw(legend.markup); y += legend.height }
        var usesHatch = false
        for row in rows {
            let (lines, truncated) = TextMetrics.wrap(row.label.label, maxWidth: labelWidth, fontSize: font, maxLines: 2)
            let barsHeight = Double(row.bars.count) * barHeight + Double(row.bars.count - 1) * 4
            let labelHeight = Double(lines.count) * lineHeight
            let rowHeight = max(barsHeight, labelHeight)
            let labelTop = y + (rowHeight - labelHeight) / 2
            svg.text(lines, x: margin, y: labelTop + font, lineHeight: lineHeight, fontSize: font,
                     cssClass: row.label.isRemainder ? "cb-label cb-label-remainder" : "cb-label", fill: "#1a1a1a",
                     fullText: truncated ? row.label.label : nil)
            var barY = y + (rowHeight - barsHeight) / 2
            for bar in row.bars {
                usesHatch = usesHatch || bar.isRemainder
                let length = max(bar.value > 0 ? 1 : 0, barSpace * bar.value / 100)
                if track {
                    svg.empty("rect", [("x", num(barX)), ("y", num(barY)), ("width", num(barSpace)), ("height", num(barHeight)),
                                       ("class", "cb-track"), ("fill", ChartStyle.track)])
                }
                svg.empty("rect", [("x", num(barX)), ("y", num(barY)), ("width", num(length)), ("height", num(barHeight)),
                                   ("class", bar.cssClass), ("fill", bar.fill), ("stroke", bar.isRemainder ? ChartStyle.hatchLine : nil)])
                svg.text([strings.formatValue(bar.value)], x: barX + length + 6, y: barY + barHeight / 2 + font * 0.36,
                         lineHeight: lineHeight, fontSize: font, cssClass: "cb-value", fill: "#1a1a1a")
                barY += barHeight + 4
            }
            y += rowHeight + rowGap
        }
        return ChartBody(markup: svg.markup, height: y - rowGap + margin, usesHatch: usesHatch)
    }
}
