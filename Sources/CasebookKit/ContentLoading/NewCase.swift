import Foundation

/// `casebook new`: the text of a new case file with its front matter filled in and a commented figure example.
public enum NewCase {
    /// The sections of `site` as `name (slug)`, for messages.
    static func sectionList(_ site: SiteConfig) -> String {
        site.sections.map { "\($0.name) (\($0.slug))" }.joined(separator: "、")
    }

    /// - Returns: the path to write and the file's text; throws a diagnostic the editor can act on.
    public static func make(title: String, section: String, slug: String?, date: Date, contentDirectory: String) throws(Diagnostic) -> (path: String, text: String) {
        let (tree, diagnostics) = ContentLoader.load(contentDirectory)
        guard let site = tree?.site else {
            throw diagnostics.first { $0.severity == .error } ?? .error(Message(.cannotRead, contentDirectory + "/site.yaml"), at: nil)
        }
        guard let resolved = site.section(named: section) else {
            throw .error(Message(.unknownSection, section), at: nil,
                         suggestion: Suggestion.didYouMean(section, in: site.sections.flatMap { [$0.name, $0.slug] })
                            .map { $0 + Message(.sectionsList, Self.sectionList(site)) } ?? Message(.sectionsList, Self.sectionList(site)))
        }
        let day = Self.isoDay(date)
        let chosen: String
        if let slug {
            guard Slug.isValid(slug) else {
                throw .error(Message(.invalidSlug, slug), at: nil, suggestion: Slug.suggestion(for: slug).map { Message(.trySlug, $0) })
            }
            chosen = slug
        } else if let derived = Slug.suggestion(for: title), derived.count >= 3 {
            chosen = derived
        } else {
            throw .error(Message(.titleNoLetters), at: nil,
                         suggestion: Message(.titleNoLettersExample, title, resolved.name, "\(resolved.slug)-\(day)"))
        }
        let path = contentDirectory + "/cases/" + chosen + ".md"
        if FileManager.default.fileExists(atPath: path) {
            throw .error(Message(.caseExists, path), at: nil, suggestion: Message(.chooseAnotherSlug, chosen + "-2"))
        }
        let text = """
        ---
        title: \(yamlQuoted(title))
        section: \(yamlQuoted(resolved.name))
        date: \(day)
        # org: 报送单位
        # page: 1
        # tags: [社区服务]
        # summary: 一句话摘要
        ---

        正文从这里开始。

        <!--
        调查图表示例：去掉外面这一对注释标记，把下面的块放在图表应在的位置。
        只写原文给出的百分比；合计不足 100 的部分会显示为“未说明”。

        ```figure
        id: 1-1
        title: 图题
        chart: bar
        base: 600
        population: 社区居民
        data:
          满意: 38
          比较满意: 41
        ```

        正文中写“（见图 1-1）”即可链接到该图。
        -->

        """
        return (path, text)
    }

    static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return PartialDate(year: parts.year!, month: parts.month!, day: parts.day!).iso
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
