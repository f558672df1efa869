/// Grouped horizontal bars: one group per label, one bar per series, a legend of the series on top.
enum CompareChart {
    static func draw(_ figure: Figure, strings: ChartStrings, uid: String) -> ChartBody {
        let indices = ChartStyle.colourIndices(count: figure.series.count)
        let colours = indices.map { ChartStyle.palette[$0] }
        func bars(_ values: [Double], remainder: Bool) -> [ChartItem] {
            values.enumerated().map { index, value in
                ChartItem(label: figure.series[index], value: value, isRemainder: remainder,
                          fill: remainder ? "url(#\(uid)-hatch)" : colours[index].fill, ink: colours[index].ink)
            }
        }
        var rows: [(label: ChartItem, bars: [ChartItem])] = figure.rows.map { row in
            (ChartItem(label: row.label, value: 0, isRemainder: false, fill: "", ink: ""), bars(row.values, remainder: false))
        }
        let remainders = figure.series.indices.map { figure.remainder(series: $0) }
        if remainders.contains(where: { $0 > 0 }) {
            rows.append((ChartItem(label: strings.remainder, value: 0, isRemainder: true, fill: "", ink: ""), bars(remainders, remainder: true)))
        }
        let legendItems = figure.series.enumerated().map { index, name in
            (ChartItem(label: name, value: 0, isRemainder: false, fill: colours[index].fill, ink: colours[index].ink), name)
        }
        var legend = ChartLegend.draw(legendItems, x: BarChart.margin, top: BarChart.margin, width: ChartStyle.width - 2 * BarChart.margin)
        legend.height += 8
        return BarChart.drawRows(rows, strings: strings, uid: uid, legend: legend)
    }
}
