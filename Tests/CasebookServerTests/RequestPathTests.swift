import Foundation
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

@Suite struct ServedRootTests {
    /// real/site/{index.html, cases/a.html, leak -> ../secret.txt}, real/secret.txt, and link -> real/site.
    func makeSite() throws -> (base: String, link: String) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("casebook-root-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: base + "/real/site/cases", withIntermediateDirectories: true)
        try Data("home".utf8).write(to: URL(fileURLWithPath: base + "/real/site/index.html"))
        try Data("case".utf8).write(to: URL(fileURLWithPath: base + "/real/site/cases/a.html"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/real/secret.txt"))
        try fm.createSymbolicLink(atPath: base + "/real/site/leak", withDestinationPath: "../secret.txt")
        try fm.createSymbolicLink(atPath: base + "/link", withDestinationPath: base + "/real/site")
        return (base, base + "/link")
    }

    @Test func aRootReachedThroughALinkServesItsFiles() throws {
        let (base, link) = try makeSite()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let real = try #require(RequestPath.realPath(base + "/real/site"))
        #expect(RequestPath.locate("index.html", in: link) == real + "/index.html")
        #expect(RequestPath.locate("cases/a.html", in: link) == real + "/cases/a.html")
        #expect(RequestPath.locate("cases/a.html", in: link + "/") == real + "/cases/a.html")
        #expect(RequestPath.locate("index.html", in: base + "/./real/../link") == real + "/index.html")
        #expect(RequestPath.locate("index.html", in: real) == real + "/index.html")
    }

    @Test func linksOutOfTheSiteFoldersAndMissingFilesAreNotServed() throws {
        let (base, link) = try makeSite()
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(RequestPath.locate("leak", in: link) == nil)
        #expect(RequestPath.locate("leak", in: base + "/real/site") == nil)
        #expect(RequestPath.locate("cases", in: link) == nil)
        #expect(RequestPath.locate("missing.html", in: link) == nil)
        #expect(RequestPath.locate("index.html", in: base + "/no-such-root") == nil)
    }
}
