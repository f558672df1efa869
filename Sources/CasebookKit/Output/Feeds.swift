import CasebookPages
import Foundation

/// The Atom feed of the newest cases and the sitemap, written only when the site knows its public address.
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
        let escape: (String) -> String = HTML.escape
        let entries = newest(model)
        let updated = entries.map { timestamp($0.metadata.date) }.max() ?? timestamp(nil)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(escape(model.config.language))\">\n"
        xml += "<title>\(escape(model.config.title))</title>\n"
        if let subtitle = model.config.description ?? model.config.subtitle { xml += "<subtitle>\(escape(subtitle))</subtitle>\n" }
        xml += "<id>\(escape(baseURL))</id>\n<link rel=\"alternate\" href=\"\(escape(baseURL + SitePaths.home))\"/>\n"
        xml += "<link rel=\"self\" href=\"\(escape(baseURL + atomPath))\"/>\n<updated>\(updated)</updated>\n"
        if let editor = model.config.editor { xml += "<author><name>\(escape(editor))</name></author>\n" }
        for report in entries {
            let url = escape(baseURL + SitePaths.casePage(report.slug))
            xml += "<entry>\n<title>\(escape(report.title))</title>\n<id>\(url)</id>\n<link rel=\"alternate\" href=\"\(url)\"/>\n"
            xml += "<updated>\(timestamp(report.metadata.date))</updated>\n"
            if let org = report.metadata.org { xml += "<author><name>\(escape(org))</name></author>\n" }
            xml += "<category term=\"\(escape(report.section.name))\"/>\n"
            xml += "<summary>\(escape(report.summary))</summary>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }

    public static func sitemap(pages: [String], baseURL: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted() where page != SitePaths.notFound {
            let encoded = page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? page
            xml += "<url><loc>\(HTML.escape(baseURL + encoded))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
