import Foundation

/// A donut of the answers in order, clockwise from twelve o'clock, the remainder last, with a legend beside it.
enum DonutChart {
    static let margin = 8.0
    static let outer = 90.0
    static let inner = 54.0

    static func draw(_ figure: Figure, strings: ChartStrings, uid: String) -> ChartBody {
        let items = ChartItem.items(of: figure, strings: strings, uid: uid, singleColour: false)
        let cx = margin + outer, cy = margin + outer
        var svg = SVGWriter()
        var start = 0.0
        for item in items where item.value > 0 {
            let sweep = item.value / 100 * 2 * Double.pi
            let attributes: [(String, String?)] = [("class", item.cssClass), ("fill", item.fill), ("stroke", "#ffffff"), ("stroke-width", "1")]
            if item.value >= 99.95 {
                // A full ring cannot be one arc: draw it as two half rings.
                svg.empty("path", [("d", ring(cx: cx, cy: cy, from: 0, to: Double.pi) + ring(cx: cx, cy: cy, from: Double.pi, to: 2 * Double.pi))] + attributes)
            } else {
                svg.empty("path", [("d", ring(cx: cx, cy: cy, from: start, to: start + sweep))] + attributes)
            }
            start += sweep
        }
        let legendX = margin + 2 * outer + 28
        let legendWidth = ChartStyle.width - legendX - margin
        // One legend entry per row, so each answer reads as a list.
        var y = margin
        var markup = ""
        for item in items {
            let entry = ChartLegend.draw([(item, "\(item.label) \(strings.formatValue(item.value))")], x: legendX, top: y, width: legendWidth)
            markup += entry.markup
            y += entry.height
        }
        svg.raw(markup)
        let height = max(2 * outer + 2 * margin, y + margin)
        return ChartBody(markup: svg.markup, height: height, usesHatch: items.contains(where: \.isRemainder))
    }

    /// The path of one ring segment between two angles (radians, clockwise from twelve o'clock).
    static func ring(cx: Double, cy: Double, from a: Double, to b: Double) -> String {
        func point(_ r: Double, _ angle: Double) -> String { "\(num(cx + r * sin(angle))) \(num(cy - r * cos(angle)))" }
        let large = b - a > Double.pi ? 1 : 0
        return "M\(point(outer, a))A\(num(outer)) \(num(outer)) 0 \(large) 1 \(point(outer, b))"
            + "L\(point(inner, b))A\(num(inner)) \(num(inner)) 0 \(large) 0 \(point(inner, a))Z"
    }
}
