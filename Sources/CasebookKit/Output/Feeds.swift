import CasebookPages
import CasebookTemplates
import Foundation

/// The Atom feed of the newest cases and the sitemap (`Template.atom`, `Template.sitemap`), written only
/// when the site knows its public address.
public enum Feeds {
    public static let atomPath = "atom.xml"
    public static let sitemapPath = "sitemap.xml"
    public static let feedSize = 20

    /// RFC 3339 time for a date as precise as it is (missing parts become the first of the period).
    static func timestamp(_ date: PartialDate?) -> String {
        guard let date else { return "1970-01-01T00:00:00Z" }
        return "\(zeroPadded(date.year, width: 4))-\(zeroPadded(date.month ?? 1, width: 2))-\(zeroPadded(date.day ?? 1, width: 2))T00:00:00Z"
    }

    /// Newest first by date, then in book order.
    static func newest(_ model: SiteModel) -> [CaseReport] {
        let ordered = model.cases.enumerated().sorted { a, b in
            let da = a.element.metadata.date, db = b.element.metadata.date
            if da != db { return (da ?? PartialDate(year: 0)) > (db ?? PartialDate(year: 0)) }
            return a.offset < b.offset
        }
        return Array(ordered.map(\.element).prefix(feedSize))
    }

    public static func atom(_ model: SiteModel, baseURL: String) -> String {
        let entries = newest(model)
        let config = model.config
        return Template.atom(AtomFeed(
            language: config.language, title: config.title, subtitle: config.description ?? config.subtitle, id: baseURL,
            home: baseURL + SitePaths.home, selfURL: baseURL + atomPath,
            updated: entries.map { timestamp($0.metadata.date) }.max() ?? timestamp(nil), author: config.editor,
            entries: entries.map { report in
                AtomFeed.Entry(title: report.title, url: baseURL + SitePaths.casePage(report.slug), updated: timestamp(report.metadata.date),
                               author: report.metadata.org, category: report.section.name, summary: report.summary)
            })).text
    }

    public static func sitemap(pages: [String], baseURL: String) -> String {
        Template.sitemap(pages.sorted().filter { $0 != SitePaths.notFound }.map { page in
            baseURL + (page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? page)
        }).text
    }
}
