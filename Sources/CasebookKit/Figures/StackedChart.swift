/// One 100 % bar divided in the order of the answers (Likert style), the remainder last, with a legend.
enum StackedChart {
    static let margin = 8.0
    static let barHeight = 36.0

    static func draw(_ figure: Figure, strings: ChartStrings, uid: String) -> ChartBody {
        let items = ChartItem.items(of: figure, strings: strings, uid: uid, singleColour: false)
        let font = ChartStyle.fontSize
        let barWidth = ChartStyle.width - 2 * margin
        var svg = SVGWriter()
        var x = margin
        let y = margin
        for item in items {
            let length = barWidth * item.value / 100
            svg.empty("rect", [("x", num(x)), ("y", num(y)), ("width", num(length)), ("height", num(barHeight)),
                               ("class", item.cssClass), ("fill", item.fill), ("stroke", "#ffffff"), ("stroke-width", "1")])
            let valueText = strings.formatValue(item.value)
            if TextMetrics.width(valueText, fontSize: font) + 8 <= length {
                svg.text([valueText], x: x + length / 2, y: y + barHeight / 2 + font * 0.36, lineHeight: ChartStyle.lineHeight,
                         fontSize: font, anchor: "middle", cssClass: item.isRemainder ? "cb-inside cb-inside-remainder" : "cb-inside", fill: item.ink)
            }
            x += length
        }
        let legend = ChartLegend.draw(items.map { ($0, "\($0.label) \(strings.formatValue($0.value))") },
                                      x: margin, top: y + barHeight + 12, width: barWidth)
        svg.raw(legend.markup)
        return ChartBody(markup: svg.markup, height: y + barHeight + 12 + legend.height + margin,
                         usesHatch: items.contains(where: \.isRemainder))
    }
}
