/// The words a chart shows or says, from `Templates/Words.swift`, so none is fixed in the pipeline.
public struct ChartStrings: Sendable, Hashable {
    /// The label of the unreported remainder (`未说明`).
    public var remainder: String
    /// A value as shown: `{value}%`.
    public var value: String
    /// One answer in the description: `{label} {value}`.
    public var item: String
    /// Between answers: `，`.
    public var separator: String
    /// The whole description: `{title}：{items}。`.
    public var description: String
    /// One answer of a compare figure: `{label}：{values}`, values being `{series} {value}` joined by `separator`.
    public var compareItem: String
    public var seriesValue: String
    /// Between compare answers: `；`.
    public var compareSeparator: String
    /// What a `multiple` chart says under its bars: `可多选，合计可超过 100%`.
    public var multipleNote: String
    /// The description of a `multiple` figure: `{title}（{note}）：{items}。`.
    public var multipleDescription: String

    public init(remainder: String, value: String, item: String, separator: String, description: String,
                compareItem: String, seriesValue: String, compareSeparator: String, multipleNote: String, multipleDescription: String) {
        self.multipleNote = multipleNote
        self.multipleDescription = multipleDescription
        self.remainder = remainder
        self.value = value
        self.item = item
        self.separator = separator
        self.description = description
        self.compareItem = compareItem
        self.seriesValue = seriesValue
        self.compareSeparator = compareSeparator
    }

    public func formatValue(_ value: Double) -> String {
        self.value.replacingPlaceholders(["value": FigureParser.format(value)])
    }

    /// One sentence that says all the data: the chart's `<title>`, read by screen readers.
    public func describe(_ figure: Figure) -> String {
        let items: String
        if figure.kind == .compare {
            var parts = figure.rows.map { row in
                compareItem.replacingPlaceholders([
                    "label": row.label,
                    "values": zip(figure.series, row.values).map { seriesValue.replacingPlaceholders(["series": $0, "value": formatValue($1)]) }
                        .joined(separator: separator),
                ])
            }
            let remainders = figure.series.indices.map { figure.remainder(series: $0) }
            if remainders.contains(where: { $0 > 0 }) {
                parts.append(compareItem.replacingPlaceholders([
                    "label": remainder,
                    "values": zip(figure.series, remainders).map { seriesValue.replacingPlaceholders(["series": $0, "value": formatValue($1)]) }
                        .joined(separator: separator),
                ]))
            }
            items = parts.joined(separator: compareSeparator)
        } else {
            var parts = figure.rows.map { item.replacingPlaceholders(["label": $0.label, "value": formatValue($0.values[0])]) }
            let rest = figure.remainder()
            if rest > 0 { parts.append(item.replacingPlaceholders(["label": remainder, "value": formatValue(rest)])) }
            items = parts.joined(separator: separator)
        }
        if figure.kind == .multiple {
            return multipleDescription.replacingPlaceholders(["title": figure.title, "note": multipleNote, "items": items])
        }
        return description.replacingPlaceholders(["title": figure.title, "items": items])
    }
}

extension String {
    /// Replaces `{name}` with its value, in one pass (a value containing braces is left alone).
    func replacingPlaceholders(_ values: [String: String]) -> String {
        // Scans UTF-8 for the ASCII braces: the text around them is mostly CJK, slow to walk by Character.
        let utf8 = self.utf8
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard utf8.contains(open) else { return self }
        var out = ""
        var rest = utf8.startIndex
        while let start = utf8[rest...].firstIndex(of: open) {
            guard let end = utf8[start...].firstIndex(of: close) else { break }
            out += self[rest..<start]
            let name = String(self[utf8.index(after: start)..<end])
            if let value = values[name] { out += value } else { out += self[start...end] }
            rest = utf8.index(after: end)
        }
        out += self[rest...]
        return out
    }
}
