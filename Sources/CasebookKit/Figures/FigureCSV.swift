import Foundation

/// A figure's data as CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends,
/// fields quoted where needed and formula-like labels defused.
public enum FigureCSV {
    public static func csv(for figure: Figure, strings: ChartStrings, labelHeader: String, valueHeader: String) -> String {
        var lines: [[String]] = []
        if figure.kind == .compare {
            lines.append([labelHeader] + figure.series)
            lines += figure.rows.map { [$0.label] + $0.values.map(FigureParser.format) }
            let remainders = figure.series.indices.map { figure.remainder(series: $0) }
            if remainders.contains(where: { $0 > 0 }) { lines.append([strings.remainder] + remainders.map(FigureParser.format)) }
        } else {
            lines.append([labelHeader, valueHeader])
            lines += figure.rows.map { [$0.label, FigureParser.format($0.values[0])] }
            let rest = figure.remainder()
            if rest > 0 { lines.append([strings.remainder, FigureParser.format(rest)]) }
        }
        return document(lines)
    }

    /// Every figure of `cases` in one table, one line per answer and series: figure id, case title, figure
    /// title, answer, series (empty but for `compare`), share and the share the text does not report
    /// (empty for `multiple`, whose answers are not parts of one whole).
    public static func all(_ cases: [CaseReport], headers: [String]) -> String {
        var lines = [headers]
        for report in cases {
            for figure in report.figures {
                let series = figure.kind == .compare ? figure.series : [""]
                let remainders = series.indices.map { figure.kind == .multiple ? "" : FigureParser.format(figure.remainder(series: $0)) }
                for row in figure.rows {
                    for (index, name) in series.enumerated() {
                        lines.append([figure.id, report.title, figure.title, row.label, name, FigureParser.format(row.values[index]), remainders[index]])
                    }
                }
            }
        }
        return document(lines)
    }

    /// UTF-8 with a BOM, CRLF line ends.
    static func document(_ lines: [[String]]) -> String {
        "\u{FEFF}" + lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
