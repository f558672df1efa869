import CasebookPages

extension Template {
    /// The home page: the book's cover and its contents, part by part, entries not yet digitised included.
    public static func home(_ page: HomePage) -> HTML {
        let site = page.frame.site
        let subtitle: HTML = site.subtitle.map { "<p class=\"book-subtitle\">\($0)</p>\n" } ?? .empty
        let description: HTML = site.description.map { "<p class=\"book-description\">\($0)</p>\n" } ?? .empty
        let groups = HTML(page.groups) { group -> HTML in
            let extra: HTML = group.extra.isEmpty ? .empty : """
                <p class="toc-extra-note">\(Words.casesOutsideContents)</p>
                <ul class="catalogue extra">
                \(HTML(group.extra) { item -> HTML in
                    let org: HTML = item.org.map { "\(separator) <span class=\"entry-unit\">\($0)</span>" } ?? .empty
                    let figures: HTML = item.figureCount > 0 ? "\(separator) <span class=\"entry-page\">\(Words.figureCount(item.figureCount))</span>" : .empty
                    return "<li class=\"catalogue-entry\"><span class=\"entry-title\"><a href=\"\(href: item.href)\">\(item.title)</a></span>\(org)\(figures)</li>\n"
                })</ul>

                """
            let more: HTML = group.more == 0 ? .empty : "<p class=\"toc-more\"><a href=\"\(href: group.href)\">\(Words.moreInPart(group.more))</a></p>\n"
            return """
            <section class="toc-part">
            <h3><a href="\(href: group.href)">\(group.name)</a></h3>
            <ol class="catalogue">
            \(HTML(group.entries, catalogueEntry))</ol>
            \(extra)\(more)</section>

            """
        }
        let loose: HTML = page.loose.isEmpty ? .empty : """
            <section class="toc-part">
            <h3>\(Words.others)</h3>
            <ol class="catalogue">
            \(HTML(page.loose, catalogueEntry))</ol>
            </section>

            """
        return Template.page(page.frame, main: """
            <header class="book-cover">
            <h1>\(site.title)</h1>
            \(subtitle)<p class="book-credits">\(credits(site))</p>
            \(description)</header>
            <section class="book-toc" aria-labelledby="toc-heading">
            <h2 id="toc-heading">\(Words.contents)</h2>
            <p class="toc-stats">\(Words.contentsStatistics(entries: page.entryCount, pending: page.pendingCount, cases: page.caseCount, figures: page.figureCount))</p>
            \(groups)\(loose)</section>

            """)
    }

    /// The editor and the publisher, as the cover names them.
    static func credits(_ site: SiteInfo) -> HTML {
        let editor: HTML = site.editor.map { "<span>\($0)</span>" } ?? .empty
        let publisher: HTML = site.publisher.map { " <span>\($0)</span>" } ?? .empty
        return "\(editor)\(publisher)"
    }
}
