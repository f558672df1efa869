/// A legend of swatches with labels (and values), flowing into rows that fit the given width.
enum ChartLegend {
    static let swatch = 14.0
    static let gap = 20.0

    /// - Returns: the markup and the height it takes from `top`.
    static func draw(_ entries: [(item: ChartItem, text: String)], x left: Double, top: Double, width: Double) -> (markup: String, height: Double) {
        let font = ChartStyle.fontSize, lineHeight = ChartStyle.lineHeight
        var svg = SVGWriter()
        var x = left, y = top
        let rowHeight = max(swatch, lineHeight) + 6
        for entry in entries {
            let maxText = width - swatch - 6
            let (lines, truncated) = TextMetrics.wrap(entry.text, maxWidth: maxText, fontSize: font, maxLines: 1)
            let textWidth = TextMetrics.width(lines[0], fontSize: font)
            let itemWidth = swatch + 6 + textWidth
            if x > left, x + itemWidth > left + width { x = left; y += rowHeight }
            svg.empty("rect", [("x", num(x)), ("y", num(y + (rowHeight - 6 - swatch) / 2)), ("width", num(swatch)), ("height", num(swatch)),
                               ("class", entry.item.cssClass), ("fill", entry.item.fill), ("stroke", "#1a1a1a"), ("stroke-width", "0.5")])
            svg.text(lines, x: x + swatch + 6, y: y + font, lineHeight: lineHeight, fontSize: font, cssClass: "cb-legend", fill: "#1a1a1a",
                     fullText: truncated ? entry.text : nil)
            x += itemWidth + gap
        }
        return (svg.markup, y - top + rowHeight)
    }
}
