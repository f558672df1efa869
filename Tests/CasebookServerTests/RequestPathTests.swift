import Testing
@testable import CasebookServer

@Suite struct RequestPathTests {
    @Test func pathsInsideTheSiteResolve() {
        #expect(RequestPath.resolve("/") == .file("index.html"))
        #expect(RequestPath.resolve("/cases/tangqiao.html?x=1") == .file("cases/tangqiao.html"))
        #expect(RequestPath.resolve("/cases/") == .file("cases/index.html"))
        #expect(RequestPath.resolve("/tags/%E7%A4%BE.html") == .file("tags/社.html"))
    }

    @Test func pathsThatLeaveTheSiteAreRefused() {
        for raw in ["/../x", "/%2e%2e/x", "/%2E%2E/x", "/a/..%2f..%2fx", "/a%5c..%5cx", "/a%00b", "/a\\b", "/.git/config", "relative", "/%zz"] {
            #expect(RequestPath.resolve(raw) == .refused, "\(raw)")
        }
    }

    @Test func contentTypes() {
        #expect(RequestPath.contentType(for: "a.html") == "text/html; charset=utf-8")
        #expect(RequestPath.contentType(for: "a.svg") == "image/svg+xml")
        #expect(RequestPath.contentType(for: "a.csv") == "text/csv; charset=utf-8")
    }
}
