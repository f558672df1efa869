import CasebookPages
import CasebookTemplates
import Foundation
import Testing

/// Every page kind, rendered with hostile text in every text field and hostile addresses in every link:
/// what reaches the page is escaped, and no `javascript:` address survives.
@Suite struct TemplateEscapingTests {
    static let text = "<script>alert('x')</script>\"onmouseover=\"alert(1)"
    static let url = "javascript:alert(1)"

    static func summary() -> CaseSummary {
        CaseSummary(title: text, href: url, summary: text, section: text, sectionHref: url, figureCount: 2, org: text, date: text, dateISO: text, page: 3)
    }

    static func frame() -> PageFrame {
        PageFrame(site: SiteInfo(title: text, language: text, subtitle: text, editor: text, publisher: text, description: text), title: text,
                  root: "", stylesheet: url, homeHref: url, figuresHref: url, tagsHref: url, orgsHref: url, printHref: url, searchHref: url,
                  searchScript: url, navParts: [NavPart(name: text, href: url, isCurrent: true, cases: [Link(title: text, href: url)])])
    }

    static func pages() -> [String: String] {
        let frame = frame(), item = summary(), link = Link(title: text, href: url)
        let entry = CatalogueItem(title: text, unit: text, page: 4, caseHref: url)
        let pager = Pager(current: 2, hrefs: [url, url, url])
        let figureCase = FigureIndexPage.Case(title: text, href: url, figures: [FigureIndexPage.Figure(id: text, title: text, href: url)])
        let print = Template.printPage(PrintPage(frame: frame, partName: text, parts: [
            PrintPage.Part(name: text, slug: "a", printedHere: true, printHref: url, count: 1, chapters: [link]),
            PrintPage.Part(name: text, slug: "b", printedHere: false, printHref: url, count: 1, chapters: []),
        ], caseCount: 1, figureCount: 1))
        return [
            "home": Template.home(HomePage(frame: frame, groups: [HomePage.Group(name: text, href: url, entries: [entry], extra: [item], more: 3)],
                                           loose: [entry], entryCount: 1, pendingCount: 1, caseCount: 1, figureCount: 1)).text,
            "part": Template.part(PartPage(frame: frame, name: text, cases: [item], printHref: url, pending: [entry], pager: pager)).text,
            "case": Template.casePage(CasePage(frame: frame, summary: item, body: HTML(trusted: "<p>正文</p>"), orgHref: url, tags: [link],
                                               toc: [CasePage.TocEntry(text: text, href: url, level: 2), CasePage.TocEntry(text: text, href: url, level: 3)],
                                               breadcrumbs: [link], previous: link, next: link)).text,
            "tag": Template.tag(TagPage(frame: frame, name: text, cases: [item], caseCount: 200, pager: pager)).text,
            "tags": Template.tagIndex(TagIndexPage(frame: frame, tags: [TagIndexPage.Tag(name: text, href: url, count: 1)], pager: pager)).text,
            "units": Template.unitIndex(UnitIndexPage(frame: frame, units: [TagIndexPage.Tag(name: text, href: url, count: 1)], unitCount: 1, pager: pager)).text,
            "unit": Template.unit(UnitPage(frame: frame, name: text, cases: [item], caseCount: 1, pager: pager)).text,
            "figure-list": Template.figureList(FigureListPage(frame: frame, partName: text, partHref: url, indexHref: url, cases: [figureCase],
                                                              figureCount: 1, pager: pager)).text,
            "figures-by-part": Template.figureIndex(FigureIndexPage(frame: frame, parts: [FigureIndexPage.Part(name: text, href: url, cases: [],
                figureCount: 1, lists: [FigureListLink(href: url, firstCase: 1, lastCase: 2)])], figureCount: 1, csvHref: url)).text,
            "orgs": Template.orgIndex(OrgIndexPage(frame: frame, orgs: [OrgIndexPage.Org(name: text, anchor: text, cases: [item])])).text,
            "figures": Template.figureIndex(FigureIndexPage(frame: frame, parts: [FigureIndexPage.Part(name: text, href: url, cases: [
                FigureIndexPage.Case(title: text, href: url, figures: [FigureIndexPage.Figure(id: text, title: text, href: url, chart: HTML(trusted: "<svg></svg>"),
                                                                                     rows: [FigureBlock.Row(label: text, values: [text], isRemainder: false)], series: [text])]),
            ])], figureCount: 1, csvHref: url)).text,
            "print": print.pieces.map(\.text).joined(),
            "print-case": Template.printCase(PrintCase(chapter: text, part: text, title: text, org: text, date: text, dateISO: text, page: 1,
                                                       body: HTML(trusted: "<p>正文</p>"))).text,
            "search": Template.search(frame).text,
            "404": Template.notFound(frame).text,
            "figure": Template.figure(FigureBlock(id: text, anchor: text, title: text, kind: text, chart: HTML(trusted: "<svg></svg>"),
                                                  rows: [FigureBlock.Row(label: text, values: [text], isRemainder: true)], series: [text],
                                                  base: 600, population: text, source: text, csvHref: url)).text,
        ]
    }

    @Test func hostileTextIsEscapedAndHostileLinksAreRefusedOnEveryPageKind() {
        let pages = Self.pages()
        #expect(pages.count == 16)
        for (name, page) in pages {
            #expect(!page.contains("<script>alert"), "\(name) has a raw <script>")
            #expect(!page.contains("\"onmouseover"), "\(name) lets a quote out of an attribute")
            #expect(!page.contains("'x'"), "\(name) has an unescaped apostrophe")
            #expect(page.firstMatch(of: /(href|src|action)="\s*javascript:/) == nil, "\(name) has a javascript: address")
            #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;onmouseover=&quot;alert(1)"), "\(name) lost the text")
        }
    }

    @Test func theLinkRulesKeepRelativeWebAndMailAddressesOnly() {
        for kept in ["cases/a.html", "../index.html#一概况", "#fig-1-1", "https://example.org/?a=1", "HTTP://x", "mailto:a@b.c", "a/b:c"] {
            #expect(HTML.safeURL(kept) == kept, "\(kept)")
        }
        for refused in ["javascript:alert(1)", "JavaScript:x", " javascript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd"] {
            #expect(HTML.safeURL(refused) == "#", "\(refused)")
        }
        let html: HTML = "<a href=\"\(href: "javascript:x")\">\("<b>")</a>\(HTML(trusted: "<i>"))\(3)"
        #expect(html.text == "<a href=\"#\">&lt;b&gt;</a><i>3")
    }
}

/// The frame knows its page: the sidebar marks the case a page is.
@Suite struct SidebarTests {
    @Test func theSidebarMarksTheCurrentCaseOnly() {
        var frame = TemplateEscapingTests.frame()
        frame.navParts = [NavPart(name: "社区服务", href: "../parts/service.html", isCurrent: true,
                                  cases: [Link(title: "甲", href: "a.html"), Link(title: "乙", href: "b.html")], currentCase: 1)]
        let page = Template.notFound(frame).text
        #expect(page.contains("<li><a href=\"a.html\">甲</a></li>"))
        #expect(page.contains("<li><a href=\"b.html\" aria-current=\"page\">乙</a></li>"))
        #expect(page.components(separatedBy: "aria-current=\"page\"").count == 2)
    }
}

@Suite struct HTMLEscapeTests {
    /// Escaping copies the stretches between special characters whole and finds them eight bytes at a time:
    /// checked against the character-by-character rule with a special at every place of words and tails.
    @Test func escapingMatchesTheCharacterRuleAtEveryPlace() {
        func reference(_ text: String) -> String {
            var out = ""
            for c in text.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
        let fillers = ["a", "调", "7", " ", "🙂", "%"]
        var cases = ["", "&", "<<>>", "a&b'c\"d", String(repeating: "党建", count: 40)]
        for length in [1, 7, 8, 9, 15, 16, 17, 31] {
            for filler in fillers {
                let plain = String(repeating: filler, count: length)
                cases.append(plain)
                for special in ["&", "<", ">", "\"", "'"] {
                    for place in [0, length / 2, length] {
                        var text = Array(plain)
                        text.insert(Character(special), at: place)
                        cases.append(String(text))
                        cases.append(String(text) + special + plain)
                    }
                }
            }
        }
        for text in cases {
            #expect(HTML.escape(text) == reference(text), "\(text)")
            var appended = "前"
            HTML.escape(text, into: &appended)
            #expect(appended == "前" + reference(text))
        }
    }
}
