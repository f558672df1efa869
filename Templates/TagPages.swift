import CasebookPages

extension Template {
    /// A tag's page: the cases that carry it.
    public static func tag(_ page: TagPage) -> HTML {
        let trail = [Link(title: page.frame.site.title, href: page.frame.homeHref), Link(title: Words.tags, href: page.frame.tagsHref)]
        return Template.page(paged(titled(page.frame, Words.tagTitle(page.name)), page.pager), main: """
            \(breadcrumbs(trail, current: page.name))<h1>\(Words.tagTitle(page.name))</h1>
            <h2>\(Words.caseCount(page.caseCount))</h2>
            \(caseList(page.cases))\(pager(page.pager))
            """)
    }

    /// Every tag, with how many cases carry it.
    public static func tagIndex(_ page: TagIndexPage) -> HTML {
        let tags: HTML = page.tags.isEmpty ? "<p>\(Words.noTags)</p>\n" : """
            <ul class="tag-cloud">
            \(HTML(page.tags) { "<li><a href=\"\(href: $0.href)\">\($0.name) <span class=\"count\">\(Words.count($0.count))</span></a></li>\n" })</ul>

            """
        return Template.page(paged(titled(page.frame, Words.tags), page.pager), main: "<h1>\(Words.tags)</h1>\n\(tags)\(pager(page.pager))")
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

    /// Every reporting unit with how many cases it reported, in a book whose units have pages of their own.
    public static func unitIndex(_ page: UnitIndexPage) -> HTML {
        let units: HTML = page.units.isEmpty ? "<p>\(Words.noUnits)</p>\n" : """
            <p>\(Words.unitCount(page.unitCount))</p>
            <ul class="unit-index">
            \(HTML(page.units) { "<li><a href=\"\(href: $0.href)\">\($0.name)</a> <span class=\"count\">\(Words.count($0.count))</span></li>\n" })</ul>

            """
        return Template.page(paged(titled(page.frame, Words.unitIndex), page.pager), main: "<h1>\(Words.unitIndex)</h1>\n\(units)\(pager(page.pager))")
    }

    /// A reporting unit's page: the cases it reported.
    public static func unit(_ page: UnitPage) -> HTML {
        let trail = [Link(title: page.frame.site.title, href: page.frame.homeHref), Link(title: Words.unitIndex, href: page.frame.orgsHref)]
        return Template.page(paged(page.frame, page.pager), main: """
            \(breadcrumbs(trail, current: page.name))<h1>\(page.name)</h1>
            <h2>\(Words.caseCount(page.caseCount))</h2>
            \(caseList(page.cases))\(pager(page.pager))
            """)
    }
}
