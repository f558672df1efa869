import Foundation
import Yams

/// Reads a ```` ```figure ```` block with Yams, keeping the order of `data`, and checks it.
/// Every mistake is reported at its line inside the block.
public enum FigureParser {
    public static let knownKeys = ["id", "title", "chart", "base", "population", "source", "series", "data"]
    /// Values may sum to 100 plus this rounding slack.
    public static let sumSlack = 1.0
    /// More labels than this cannot be drawn readably.
    public static let maximumRows = 200

    /// - Parameters:
    ///   - text: the block's content (without the fences)
    ///   - location: the file position of the block's first content line
    public static func parse(_ text: String, at location: SourceLocation) -> (Figure?, [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(yaml: text, file: location.file, firstLine: location.line, columnOffset: location.column - 1)
        } catch {
            return (nil, [error])
        }
        let (pairs, unknown) = document.checkedPairs(document.root, known: knownKeys, context: .inFigure)
        var diagnostics = document.warnings + unknown
        var id: String?, title: String?, kind = ChartKind.bar, kindValid = true
        var base: Int?, population: String?, source: String?, series: [String] = []
        var seriesNode: Node?
        var dataNode: Node?
        for (key, value, _) in pairs {
            do throws(Diagnostic) {
                switch key {
                case "id":
                    let text = try document.string(value, key: key).trimmingWhitespace()
                    guard isValidID(text) else {
                        throw .error(Message(.figureIDFormat, text), at: document.location(of: value))
                    }
                    id = text
                case "title":
                    let text = try document.string(value, key: key).trimmingWhitespace(andNewlines: true)
                    if text.isEmpty { throw .error(Message(.figureTitleEmpty), at: document.location(of: value)) }
                    title = text
                case "chart":
                    let text = try document.string(value, key: key)
                    guard let parsed = ChartKind(rawValue: text) else {
                        kindValid = false
                        throw .error(Message(.unknownChartKind, text), at: document.location(of: value),
                                     suggestion: Suggestion.didYouMean(text, in: ChartKind.allCases.map(\.rawValue))
                                        + Message(.chartKinds, arguments: [.word(.chartKindsExplained)]))
                    }
                    kind = parsed
                case "base": base = try document.integer(value, key: key, range: 1...100_000_000)
                case "population": population = try document.string(value, key: key)
                case "source": source = try document.string(value, key: key)
                case "series":
                    series = try document.stringList(value, key: key)
                    seriesNode = value
                case "data": dataNode = value
                default: break
                }
            } catch { diagnostics.append(error) }
        }
        let top = location.offset(lines: -1, column: location.column)
        if id == nil, !pairs.contains(where: { $0.key == "id" }) {
            diagnostics.append(.error(Message(.figureNoID), at: top, suggestion: Message(.figureNoIDFix)))
        }
        if title == nil, !pairs.contains(where: { $0.key == "title" }) {
            diagnostics.append(.error(Message(.figureNoTitle), at: top, suggestion: Message(.figureNoTitleFix)))
        }
        if kind == .compare, kindValid, series.count < 2 {
            diagnostics.append(.error(Message(.compareNeedsSeries),
                                      at: seriesNode.map(document.location(of:)) ?? top, suggestion: Message(.compareNeedsSeriesFix)))
        }
        // `series` belongs to `compare` alone; data shaped for it is then not read again for errors.
        if kindValid, kind != .compare, let seriesNode {
            diagnostics.append(.error(Message(.seriesOnlyForCompare, kind.rawValue), at: document.location(of: seriesNode),
                                      suggestion: Message(.seriesOnlyForCompareFix)))
        }
        var rows: [Figure.Row] = []
        if let dataNode {
            // One mistake, one error: with no kind, or a kind whose shape is already wrong, the data is not judged.
            let shapeKnown = kindValid && (kind == .compare ? series.count >= 2 : seriesNode == nil)
            if shapeKnown {
                rows = readRows(dataNode, kind: kind, series: series, document: document, diagnostics: &diagnostics)
            }
        } else {
            diagnostics.append(.error(Message(.figureNoData), at: top, suggestion: Message(.figureNoDataFix)))
        }
        guard !diagnostics.hasErrors, let id, let title else { return (nil, diagnostics) }
        return (Figure(id: id, title: title, kind: kind, base: base, population: population, source: source,
                       series: kind == .compare ? series : [], rows: rows, location: top), diagnostics)
    }

    static func isValidID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }
    }

    private static func readRows(_ node: Node, kind: ChartKind, series: [String], document: YAMLDocument, diagnostics: inout [Diagnostic]) -> [Figure.Row] {
        let seriesCount = kind == .compare ? series.count : 1
        guard case let .mapping(mapping) = node else {
            diagnostics.append(.error(Message(.dataNotPairs), at: document.location(of: node)))
            return []
        }
        if mapping.count == 0 {
            diagnostics.append(.error(Message(.dataEmpty), at: document.location(of: node)))
            return []
        }
        if mapping.count > maximumRows {
            diagnostics.append(.error(Message(.tooManyLabels, String(maximumRows), String(mapping.count)), at: document.location(of: node),
                                      suggestion: Message(.splitFigure)))
            return []
        }
        var rows: [Figure.Row] = []
        var labels = Set<String>()
        // A value of the wrong shape (a list where one number goes, or the other way) is said once for the block.
        var wrongShape = false
        for (keyNode, valueNode) in mapping {
            let label: String
            do { label = try document.string(keyNode, key: "data").trimmingWhitespace() } catch { diagnostics.append(error); continue }
            if label.isEmpty { diagnostics.append(.error(Message(.labelEmpty), at: document.location(of: keyNode))); continue }
            if !labels.insert(label).inserted { diagnostics.append(.error(Message(.labelTwice, label), at: document.location(of: keyNode))); continue }
            var values: [Double] = []
            if kind == .compare {
                guard case let .sequence(items) = valueNode else {
                    if !wrongShape {
                        diagnostics.append(.error(Message(.compareValueList), at: document.location(of: valueNode)))
                    }
                    wrongShape = true
                    continue
                }
                if items.count != seriesCount {
                    diagnostics.append(.error(Message(.compareValueCount, label, String(items.count), String(seriesCount)), at: document.location(of: valueNode)))
                    continue
                }
                for item in items {
                    guard let value = percentage(item, label: label, document: document, diagnostics: &diagnostics) else { continue }
                    values.append(value)
                }
                if values.count != items.count { continue }
            } else {
                if case .sequence = valueNode {
                    if !wrongShape {
                        diagnostics.append(.error(Message(.valueIsList, label, kind.rawValue), at: document.location(of: valueNode),
                                                  suggestion: Message(.valueIsListFix)))
                    }
                    wrongShape = true
                    continue
                }
                guard let value = percentage(valueNode, label: label, document: document, diagnostics: &diagnostics) else { continue }
                values = [value]
            }
            rows.append(Figure.Row(label: label, values: values))
        }
        // The answers of a multiple-choice question are not parts of one whole: only there may they pass 100.
        let columns = kind == .compare ? seriesCount : kind == .multiple ? 0 : 1
        for column in 0..<columns where !diagnostics.hasErrors {
            let total = rows.reduce(0) { $0 + $1.values[column] }
            if total > 100 + sumSlack {
                let message = kind == .compare && column < series.count ? Message(.seriesOver100, series[column], format(total))
                    : Message(.valuesOver100, format(total))
                diagnostics.append(.error(message, at: document.location(of: node), suggestion: Message(.valuesOver100Fix) + Message(.valuesOver100Multiple)))
            }
        }
        return rows
    }

    private static func percentage(_ node: Node, label: String, document: YAMLDocument, diagnostics: inout [Diagnostic]) -> Double? {
        guard case let .scalar(scalar) = node else {
            diagnostics.append(.error(Message(.valueNotNumber, label), at: document.location(of: node)))
            return nil
        }
        var text = scalar.string.trimmingWhitespace()
        if text.hasSuffix("%") { text.removeLast() }
        guard let value = Double(text), value.isFinite, text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" }) else {
            diagnostics.append(.error(Message(.valueNotPercentage, label, scalar.string), at: document.location(of: node)))
            return nil
        }
        guard (0...100).contains(value) else {
            diagnostics.append(.error(Message(.valueOutOfRange, label, format(value)), at: document.location(of: node)))
            return nil
        }
        return value
    }

    /// A percentage as written: `81`, `2.5`. Any number an editor can write is formatted without trapping
    /// (`1e+19` for one too large to be a whole `Int`).
    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if let whole = Int(exactly: rounded) { return String(whole) }
        return String(rounded)
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (48...57).contains($0) } ?? false }
}
