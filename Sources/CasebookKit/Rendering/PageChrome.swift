import Foundation

/// The frame of every page that depends only on the page's folder depth and current part: the partials
/// `partials/header`, `partials/sidebar` and `partials/footer`. Each is rendered once per depth and part, not
/// once per page (the sidebar alone made about half of a case page's template lookups), and `base.mustache`
/// places them as `{{{header}}}`, `{{{sidebar}}}` and `{{{footer}}}`, each without its last line break.
/// These partials see the site's values (`root`, `site`, the `*_href` links, `nav_parts`), not the page's.
final class PageChrome: @unchecked Sendable {
    /// The partials rendered here, by the name the page's values give them.
    static let partials = ["header": "partials/header", "sidebar": "partials/sidebar", "footer": "partials/footer"]

    private let templates: TemplateSet
    private let lock = NSLock()
    private var rendered: [Key: [String: String]] = [:]

    private struct Key: Hashable {
        var root: String
        var currentSection: String?
    }

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The rendered partials for pages at `root` in `currentSection`; `values` gives the partials' values
    /// the first time this pair is asked for.
    func pieces(root: String, currentSection: String?, values: () -> [String: Any]) -> [String: String] {
        let key = Key(root: root, currentSection: currentSection)
        if let done = lock.withLock({ rendered[key] }) { return done }
        let context = values()
        let pieces = Self.partials.mapValues { name in
            var text = templates.render(name, context)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        lock.withLock { rendered[key] = pieces }
        return pieces
    }
}
