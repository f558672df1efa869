import CasebookPages

extension Template {
    /// The Atom feed (XML: the same escaping as HTML text and attributes is right for it).
    public static func atom(_ feed: AtomFeed) -> HTML {
        let subtitle: HTML = feed.subtitle.map { "<subtitle>\($0)</subtitle>\n" } ?? .empty
        let author: HTML = feed.author.map { "<author><name>\($0)</name></author>\n" } ?? .empty
        let entries = HTML(feed.entries) { entry -> HTML in
            let author: HTML = entry.author.map { "<author><name>\($0)</name></author>\n" } ?? .empty
            return """
            <entry>
            <title>\(entry.title)</title>
            <id>\(entry.url)</id>
            <link rel="alternate" href="\(href: entry.url)"/>
            <updated>\(entry.updated)</updated>
            \(author)<category term="\(entry.category)"/>
            <summary>\(entry.summary)</summary>
            </entry>

            """
        }
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(feed.language)">
        <title>\(feed.title)</title>
        \(subtitle)<id>\(feed.id)</id>
        <link rel="alternate" href="\(href: feed.home)"/>
        <link rel="self" href="\(href: feed.selfURL)"/>
        <updated>\(feed.updated)</updated>
        \(author)\(entries)</feed>

        """
    }

    /// The sitemap: one absolute address per page.
    public static func sitemap(_ urls: [String]) -> HTML {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        \(HTML(urls) { "<url><loc>\($0)</loc></url>\n" })</urlset>

        """
    }
}
