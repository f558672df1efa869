import Foundation
import Mustache
import Testing
@testable import CasebookKit

@Suite struct TemplateSetTests {
    /// Writes `files` (name → text) into a new directory.
    private func directory(_ files: [String: String]) throws -> String {
        let dir = Repo.temporaryDirectory()
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return dir
    }

    @Test func rendersWhatSwiftMustacheRendersWithItsOwnLoaderAndEscaping() async throws {
        let dir = try directory([
            "page.mustache": "{{#items}}\n<p title=\"{{t}}\">{{t}}</p>\n{{> partials/row}}\n{{/items}}\n{{^items}}无{{/items}}\n{{{raw}}}\n",
            "partials/row.mustache": "  <li>{{t}} {{n}}</li>\n",
        ])
        let context: [String: Any] = [
            "items": [["t": "街道<党建> & \"社区\" 'x'", "n": 3], ["t": "汤桥街道", "n": 0]],
            "raw": "<b>已转义</b>",
        ]
        let ours = try TemplateSet.loadLibrary(directory: dir).render(context, withTemplate: "page")
        let stock = try await MustacheLibrary(directory: dir).render(context, withTemplate: "page")
        #expect(ours != nil)
        #expect(ours == stock)
        #expect(ours?.contains("街道&lt;党建&gt; &amp; &quot;社区&quot; &#39;x&#39;") == true)
        #expect(ours?.hasPrefix("<p title=") == true)
    }

    @Test func templateTextRendersAsTheStringItHolds() throws {
        // Escaping, sections (an empty string is truthy), inverted sections, `.`, names looked up inside a
        // string's section (found in the enclosing values), dotted names through it, and transforms.
        let dir = try directory([
            "page.mustache": """
            <p title="{{t}}">{{t}}</p>{{{t}}}|{{#t}}[{{.}} {{u}} {{t.x}}]{{/t}}{{^t}}无{{/t}}|{{#e}}空{{/e}}{{^e}}非{{/e}}|{{#u}}{{u}}{{/u}}
            {{uppercased(u)}} {{#empty(e)}}E{{/empty(e)}} {{reversed(u)}} {{count(list)}}{{#list}}<{{t}}:{{.}}>{{/list}}
            """,
        ])
        func context(_ text: (String) -> Any) -> [String: Any] {
            ["t": text("街道<党建> & \"社区\" 'x'"), "e": text(""), "u": text("abc"), "list": [text("甲"), text("乙")]]
        }
        let library = try TemplateSet.loadLibrary(directory: dir)
        let asText = library.render(context(TemplateText.init), withTemplate: "page")
        let asString = library.render(context { $0 }, withTemplate: "page")
        #expect(asText != nil)
        #expect(asText == asString)
        #expect(asText?.contains("ABC E cba 2") == true)
    }

    @Test func syntaxErrorsNameTheFileAndTheLineSwiftMustacheNames() async throws {
        let dir = try directory(["broken.mustache": "<p>\n<p>{{#open}}\n{{/shut}}\n"])
        var stockLine = 0
        do { _ = try await MustacheLibrary(directory: dir) } catch let error as MustacheLibrary.ParserError { stockLine = error.context.lineNumber }
        #expect(stockLine == 3)
        #expect {
            try TemplateSet.loadLibrary(directory: dir)
        } throws: { error in
            guard let failure = error as? BuildFailure, let location = failure.diagnostics.first?.location else { return false }
            return location.file == dir + "/broken.mustache" && location.line == stockLine
        }
    }
}
