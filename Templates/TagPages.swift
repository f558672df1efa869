import CasebookPages

extension Template {
    /// A tag's page: the cases that carry it.
    public static func tag(_ page: TagPage) -> HTML {
        let trail = [Link(title: page.frame.site.title, href: page.frame.homeHref), Link(title: Words.tags, href: page.frame.tagsHref)]
        return Template.page(titled(page.frame, Words.tagTitle(page.name)), main: """
            \(breadcrumbs(trail, current: page.name))<h1>\(Words.tagTitle(page.name))</h1>
            <h2>\(Words.caseCount(page.cases.count))</h2>
            \(caseList(page.cases))
            """)
    }

    /// Every tag, with how many cases carry it.
    public static func tagIndex(_ page: TagIndexPage) -> HTML {
        let tags: HTML = page.tags.isEmpty ? "<p>\(Words.noTags)</p>\n" : """
            <ul class="tag-cloud">
            \(HTML(page.tags) { "<li><a href=\"\(href: $0.href)\">\($0.name) <span class=\"count\">\(Words.count($0.count))</span></a></li>\n" })</ul>

            """
        return Template.page(titled(page.frame, Words.tags), main: "<h1>\(Words.tags)</h1>\n\(tags)")
    }

    /// Every reporting unit, with its cases.
    public static func orgIndex(_ page: OrgIndexPage) -> HTML {
        let orgs: HTML = page.orgs.isEmpty ? "<p>\(Words.noUnits)</p>\n" : HTML(page.orgs) { org in
            """
            <section class="org" id="\(org.anchor)">
            <h2>\(org.name)</h2>
            \(caseList(org.cases))</section>

            """
        }
        return Template.page(titled(page.frame, Words.unitIndex), main: "<h1>\(Words.unitIndex)</h1>\n\(orgs)")
    }
}
