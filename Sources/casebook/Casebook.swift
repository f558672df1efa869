import ArgumentParser
import CasebookKit
import CasebookServer
import Foundation

@main
struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "Builds a static casebook site from Content/ and Templates/.",
        subcommands: [Build.self, Check.self, New.self, Serve.self],
        defaultSubcommand: Build.self
    )
}

/// Where content, templates and output live.
struct Locations: ParsableArguments {
    @Option(help: "The content folder (site.yaml, catalogue.yaml, cases/).")
    var content = "Content"
    @Option(help: "The templates folder.")
    var templates = "Templates"
    @Flag(help: "Include cases marked draft: true.")
    var drafts = false
    @Flag(help: "Treat warnings as errors (for CI).")
    var strict = false

    /// Build options for these folders and `output`.
    func options(output: String) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output, includeDrafts: drafts)
        options.strict = strict
        return options
    }
}

func printToStandardError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render Content/ into a static site.")

    @OptionGroup var locations: Locations
    @Option(help: "The output folder; replaced only when the build succeeds.")
    var output = "output"
    @Option(help: "The site's public address (https://…/), for the Atom feed and sitemap.")
    var baseURL: String?
    @Flag(help: "Rebuild everything, ignoring what the last build left in the cache.")
    var clean = false
    @Option(help: "Threads to use (default: one per core).")
    var jobs = 0
    @Flag(help: "Print how long each stage took.")
    var timings = false

    func run() async throws {
        var options = locations.options(output: output)
        options.baseURL = baseURL
        options.incremental = !clean
        options.jobs = max(0, jobs)
        let terminal = isatty(STDERR_FILENO) == 1
        if terminal {
            options.progress = { phase, done, total in
                let doing = switch phase {
                case .renderingCases: "rendering cases"
                case .writingPages: "writing pages"
                case .indexingCases: "indexing cases for search"
                }
                printToStandardError("\r\u{1B}[K\(doing): \(done)/\(total)", newline: false)
            }
        }
        do {
            let report = try await Builder.build(options)
            if terminal { printToStandardError("\r\u{1B}[K", newline: false) }
            if !report.diagnostics.isEmpty { printToStandardError(DiagnosticReport.text(report.diagnostics)) }
            for note in report.notes { printToStandardError("note: " + note) }
            let time = String(format: "%.2f", report.seconds)
            if report.upToDate {
                print("\(output)/ is up to date: \(report.cases) cases, \(report.pages) pages; nothing changed (checked in \(time) s)")
            } else {
                print("built \(report.cases) cases, \(report.pages) pages, \(report.figures) figures (\(report.files) files) into \(output)/ in \(time) s"
                      + " (\(report.casesRendered) cases rendered, \(report.filesWritten) files written)")
            }
            if timings {
                let cpu = max(report.stages.reduce(0) { $0 + $1.cpuSeconds }, 0.001)
                print("    wall          cpu")
                for stage in report.stages {
                    print(String(format: "  %6.2f s %5.1f%%  %6.2f s %5.1f%%  ", stage.seconds, 100 * stage.seconds / max(report.seconds, 0.001),
                                 stage.cpuSeconds, 100 * stage.cpuSeconds / cpu) + stage.name)
                }
            }
        } catch {
            if terminal { printToStandardError("\r\u{1B}[K", newline: false) }
            let failure: BuildFailure = error
            printToStandardError(DiagnosticReport.text(failure.diagnostics))
            let state = switch failure.output {
            case .unchanged: "\(output)/ was left as it was"
            case .repaired: "\(output)/ 仍是一次完整的构建：先完成了上次被中断的构建"
            case .incomplete: "\(output)/ 只更新了一部分：排除原因后再构建一次，即可完成更新"
            }
            printToStandardError("build failed: \(failure.errorCount) error\(failure.errorCount == 1 ? "" : "s"); " + state)
            throw ExitCode.failure
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate Content/ without writing anything.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var locations: Locations
    @Option(help: "text (compiler style) or json.")
    var format: Format = .text

    func run() async throws {
        // Drafts are checked like every case; links to them are judged as `build` judges them (published
        // only, unless --drafts), so check fails whenever build would.
        var options = BuildOptions(contentDirectory: locations.content, templatesDirectory: locations.templates, includeDrafts: locations.drafts)
        options.strict = locations.strict
        let diagnostics: [Diagnostic]
        let files: Int
        do {
            let checked = try await Builder.check(options)
            diagnostics = checked.diagnostics
            files = checked.filesChecked
        } catch {
            diagnostics = error.diagnostics
            let cases = (try? FileManager.default.contentsOfDirectory(atPath: locations.content + "/cases")) ?? []
            files = cases.filter { $0.hasSuffix(".md") }.count + 2
        }
        switch format {
        case .json:
            print(DiagnosticReport.json(diagnostics, files: files))
        case .text:
            if !diagnostics.isEmpty { print(DiagnosticReport.text(diagnostics)) }
            print(DiagnosticReport.summary(diagnostics, files: files))
        }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a new case file with its front matter filled in.")

    @Argument(help: "The case's title.")
    var title: String?
    @Option(help: "The section (name or slug from site.yaml).")
    var section: String?
    @Option(help: "An entry of catalogue.yaml, by its printed page or its title: title, unit, page and section are taken from it.")
    var fromCatalogue: String?
    @Option(help: "The file name and address (a-z, 0-9, -, _); needed when the title is Chinese.")
    var slug: String?
    @Option(help: "The content folder.")
    var content = "Content"

    func validate() throws {
        if fromCatalogue != nil, title != nil {
            throw ValidationError("写标题或 --from-catalogue，二者择一")
        }
        if fromCatalogue == nil, title == nil || section == nil {
            throw ValidationError("需要标题和 --section，例如 casebook new \"加强社区党建 促进社区服务\" --section 社区服务 --slug xuanwu-service；原书目录中的条目可写 casebook new --from-catalogue 66 --slug xuanwu-service")
        }
    }

    func run() throws {
        do {
            let (path, text) = if let fromCatalogue {
                try NewCase.fromCatalogue(fromCatalogue, section: section, slug: slug, date: Date(), contentDirectory: content)
            } else {
                try NewCase.make(title: title ?? "", section: section ?? "", slug: slug, date: Date(), contentDirectory: content)
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw ExitCode.failure }
            print("wrote \(path)")
        } catch let diagnostic as Diagnostic {
            printToStandardError(diagnostic.formatted)
            throw ExitCode.failure
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build, serve output/ locally, rebuild on changes and reload open pages.")

    @OptionGroup var locations: Locations
    @Option(help: "The output folder.")
    var output = "output"
    @Option(help: "The address to listen on; only this machine by default.")
    var host = "127.0.0.1"
    @Option(help: "The port (default 8000, or the next free one when 8000 is taken). A port given here that is taken is refused.")
    var port: Int?

    func run() async throws {
        let options = locations.options(output: output)
        do { try OutputGuard.check(options) } catch {
            printToStandardError(DiagnosticReport.text(error.diagnostics))
            throw ExitCode.failure
        }
        // Before anything is built: a taken port is said at once.
        let (chosen, message) = PortChoice.choose(host: host, requested: port)
        guard let chosen else {
            printToStandardError("error: " + (message ?? ""))
            throw ExitCode.failure
        }
        if let message { printToStandardError("note: " + message) }
        try await PreviewServer(options: options, host: host, port: chosen).run { printToStandardError($0) }
    }
}
