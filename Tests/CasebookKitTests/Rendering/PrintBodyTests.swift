import Testing
@testable import CasebookKit

@Suite struct PrintBodyTests {
    @Test func linksIdsAndHeadingsMoveIntoTheBook() {
        let q = "\""
        let body = "<h2 id=\"一概况\">一、概况</h2><a href=\"#fig-1-1\">图</a><a href=\"other.html#x\">o</a><a href=\"gone.html\">g</a>"
            + "<a href=\"../cases/a-fig-1-1.csv\">csv</a><a href=\"https://example.org\">e</a>"
            + "<svg aria-labelledby=\"a-fig-1-1-title\"><title id=\"a-fig-1-1-title\">t</title></svg>"
        let out = PrintBody.rewrite(body, slug: "a", caseSlugs: ["a", "other"])
        #expect(out.contains("<h3 id=\"case-a--一概况\">一、概况</h3>"))
        #expect(out.contains("href=" + q + "#case-a--fig-1-1" + q))
        #expect(out.contains("href=" + q + "#case-other--x" + q))
        #expect(out.contains("href=\"cases/gone.html\""))
        #expect(out.contains("href=\"cases/a-fig-1-1.csv\""))
        #expect(out.contains("href=\"https://example.org\""))
        #expect(out.contains("<title id=\"a-fig-1-1-title\">"))
    }
}
