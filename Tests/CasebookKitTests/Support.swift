import Foundation
@testable import CasebookKit

/// Paths the tests use: the repository, its Content/ and Templates/, and the fixtures.
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
        }
        fatalError("no Package.swift above \(#filePath)")
    }()
    static let content = root + "/Content"
    static let templates = root + "/Templates"
    static let fixtures = root + "/Tests/Fixtures"

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "casebook-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The words of the templates (`Templates/Words.swift`).
    static func strings() throws -> SiteStrings { SiteStrings.standard }

    static let chartStrings = ChartStrings(remainder: "未说明", value: "{value}%", item: "{label} {value}", separator: "，",
                                           description: "{title}：{items}。", compareItem: "{label}：{values}",
                                           seriesValue: "{series} {value}", compareSeparator: "；",
                                           multipleNote: "可多选，合计可超过 100%", multipleDescription: "{title}（{note}）：{items}。")
}

extension String {
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}

extension Message {
    /// Whether the message says `text` in either language (tests written against one table keep checking it).
    func contains(_ text: String) -> Bool {
        self.text(.english).contains(text) || self.text(.chinese).contains(text)
    }
}

/// In tests a string literal is a message as it is (`Message.verbatim`), for diagnostics made by hand.
extension Message: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = .verbatim(text) }
}
