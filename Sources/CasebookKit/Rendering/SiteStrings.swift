import Foundation
import Yams

/// The words the generator itself writes into pages (dates, chart labels, CSV headers), read from
/// `Templates/locale.yaml` so a publisher can change them without touching code.
public struct SiteStrings: Sendable {
    public var yearFormat: String
    public var monthFormat: String
    public var dayFormat: String
    public var chart: ChartStrings
    public var csvLabelHeader: String
    public var csvValueHeader: String

    /// Formats a date as precise as it is: `{year}年{month}月{day}日`.
    public func format(_ date: PartialDate) -> String {
        let values = ["year": String(date.year), "month": date.month.map(String.init) ?? "", "day": date.day.map(String.init) ?? ""]
        let pattern = date.day != nil ? dayFormat : date.month != nil ? monthFormat : yearFormat
        return pattern.replacingPlaceholders(values)
    }

    static let requiredKeys = [
        "date.year", "date.month", "date.day",
        "chart.remainder", "chart.value", "chart.item", "chart.separator", "chart.description",
        "chart.compare_item", "chart.series_value", "chart.compare_separator",
        "csv.label", "csv.value",
    ]

    /// Reads `locale.yaml` from the templates folder.
    public static func load(templatesDirectory: String) throws(BuildFailure) -> SiteStrings {
        try load(from: templatesDirectory + "/locale.yaml", displayPath: templatesDirectory + "/locale.yaml")
    }

    /// Reads `locale.yaml`; a missing key is an error naming it.
    public static func load(from file: String, displayPath: String) throws(BuildFailure) -> SiteStrings {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BuildFailure([.error("missing \(displayPath): the templates need it for dates and chart labels", at: nil)])
        }
        let text: String
        do { text = try SourceText.decode(Array(data), file: displayPath) } catch { throw BuildFailure([error]) }
        let document: YAMLDocument
        do { document = try YAMLDocument(yaml: text, file: displayPath, firstLine: 1) } catch { throw BuildFailure([error]) }
        var values: [String: String] = [:]
        for (group, node) in document.root {
            guard let groupName = group.scalar?.string, case let .mapping(entries) = node else { continue }
            for (key, value) in entries {
                if let key = key.scalar?.string, let text = value.scalar?.string { values["\(groupName).\(key)"] = text }
            }
        }
        let missing = requiredKeys.filter { values[$0] == nil }
        guard missing.isEmpty else {
            throw BuildFailure(missing.map { .error("\(displayPath) has no `\($0)`", at: SourceLocation(file: displayPath)) })
        }
        return SiteStrings(
            yearFormat: values["date.year"]!, monthFormat: values["date.month"]!, dayFormat: values["date.day"]!,
            chart: ChartStrings(remainder: values["chart.remainder"]!, value: values["chart.value"]!, item: values["chart.item"]!,
                                separator: values["chart.separator"]!, description: values["chart.description"]!,
                                compareItem: values["chart.compare_item"]!, seriesValue: values["chart.series_value"]!,
                                compareSeparator: values["chart.compare_separator"]!),
            csvLabelHeader: values["csv.label"]!, csvValueHeader: values["csv.value"]!)
    }
}
