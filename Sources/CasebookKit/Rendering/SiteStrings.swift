import CasebookTemplates

/// The words the pipeline itself writes (dates, chart labels and descriptions, CSV headers), taken from
/// `Templates/Words.swift`, where every word of the site is.
public struct SiteStrings: Sendable {
    public var yearFormat: String
    public var monthFormat: String
    public var dayFormat: String
    public var chart: ChartStrings
    public var csvLabelHeader: String
    public var csvValueHeader: String
    /// The columns of the CSV of every figure (`figures.csv`).
    public var allFiguresCSVHeaders: [String]

    /// The words of `Templates/Words.swift`.
    public static let standard = SiteStrings(
        yearFormat: Words.yearFormat, monthFormat: Words.monthFormat, dayFormat: Words.dayFormat,
        chart: ChartStrings(remainder: Words.remainder, value: Words.chartValue, item: Words.chartItem, separator: Words.chartSeparator,
                            description: Words.chartDescription, compareItem: Words.compareItem, seriesValue: Words.seriesValue,
                            compareSeparator: Words.compareSeparator, multipleNote: Words.multipleNote,
                            multipleDescription: Words.multipleDescription),
        csvLabelHeader: Words.csvLabel, csvValueHeader: Words.csvValue, allFiguresCSVHeaders: Words.allFiguresCSVHeaders)

    /// Formats a date as precise as it is: `{year}年{month}月{day}日`.
    public func format(_ date: PartialDate) -> String {
        let values = ["year": String(date.year), "month": date.month.map(String.init) ?? "", "day": date.day.map(String.init) ?? ""]
        let pattern = date.day != nil ? dayFormat : date.month != nil ? monthFormat : yearFormat
        return pattern.replacingPlaceholders(values)
    }
}
