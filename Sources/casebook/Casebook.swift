import ArgumentParser
import CasebookKit
import CasebookServer
import Foundation

/// The process's entry: the allocator is tuned once (`AllocatorTuning`), then the command line is read and run.
@main
enum Entry {
    static func main() async {
        AllocatorTuning.apply()
        await Casebook.main()
    }
}

struct Casebook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: CommandWords.text(.helpAbstract),
        subcommands: [Build.self, Check.self, New.self, Serve.self],
        defaultSubcommand: Build.self
    )
}

/// Where content, templates and output live.
struct Locations: ParsableArguments {
    @Option(help: CommandWords.help(.helpContent))
    var content = "Content"
    @Option(help: CommandWords.help(.helpTemplates))
    var templates = "Templates"
    @Flag(help: CommandWords.help(.helpDrafts))
    var drafts = false
    @Flag(help: CommandWords.help(.helpStrict))
    var strict = false
    @Option(help: CommandWords.help(.helpLang))
    var lang: String?

    /// The language messages are printed in.
    var language: Language { Language.choose(flag: lang) }

    /// Build options for these folders and `output`.
    func options(output: String) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: output, includeDrafts: drafts)
        options.strict = strict
        return options
    }
}

/// The CLI's own words (help included), from the message table in the language of the environment
/// (`--lang` is read only after the help is made).
enum CommandWords {
    static let language = Language.choose()
    static func text(_ key: MessageKey) -> String { Message(key).text(language) }
    static func help(_ key: MessageKey) -> ArgumentHelp { ArgumentHelp(stringLiteral: text(key)) }
}

func printToStandardError(_ text: String, newline: Bool = true) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: CommandWords.text(.helpBuild))

    @OptionGroup var locations: Locations
    @Option(help: CommandWords.help(.helpOutput))
    var output = "output"
    @Option(help: CommandWords.help(.helpBaseURL))
    var baseURL: String?
    @Flag(help: CommandWords.help(.helpClean))
    var clean = false
    @Option(help: CommandWords.help(.helpJobs))
    var jobs = 0
    @Flag(help: CommandWords.help(.helpTimings))
    var timings = false

    func run() async throws {
        var options = locations.options(output: output)
        options.baseURL = baseURL
        options.incremental = !clean
        options.jobs = max(0, jobs)
        let terminal = isatty(STDERR_FILENO) == 1
        let language = locations.language
        if terminal {
            options.progress = { phase, done, total in
                let doing = switch phase {
                case .renderingCases: Message(.progressRendering).text(language)
                case .writingPages: Message(.progressWriting).text(language)
                case .indexingCases: Message(.progressIndexing).text(language)
                }
                printToStandardError("\r\u{1B}[K\(doing)\(language == .chinese ? "：" : ": ")\(done)/\(total)", newline: false)
            }
        }
        do {
            let report = try await Builder.build(options)
            if terminal { printToStandardError("\r\u{1B}[K", newline: false) }
            if !report.diagnostics.isEmpty { printToStandardError(DiagnosticReport.text(report.diagnostics, language)) }
            let note = Message(.severityNote).text(language) + (language == .chinese ? "：" : ": ")
            for text in report.notes { printToStandardError(note + text.text(language)) }
            let time = String(format: "%.2f", report.seconds)
            if report.upToDate {
                print(Message(.upToDate, output, String(report.cases), String(report.pages), time).text(language))
            } else {
                print(Message(.built, String(report.cases), String(report.pages), String(report.figures), String(report.files), output, time,
                              String(report.casesRendered), String(report.filesWritten)).text(language))
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
            printToStandardError(DiagnosticReport.text(failure.diagnostics, language))
            let state: MessageKey = switch failure.output {
            case .unchanged: .outputUnchanged
            case .repaired: .outputRepaired
            case .incomplete: .outputIncomplete
            }
            printToStandardError(Message(.buildFailed, arguments: [.text(String(failure.errorCount)), .message(Message(state, output))]).text(language))
            throw ExitCode.failure
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: CommandWords.text(.helpCheck))

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var locations: Locations
    @Option(help: CommandWords.help(.helpFormat))
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
        let language = locations.language
        switch format {
        case .json:
            print(DiagnosticReport.json(diagnostics, files: files, language))
        case .text:
            if !diagnostics.isEmpty { print(DiagnosticReport.text(diagnostics, language)) }
            print(DiagnosticReport.summary(diagnostics, files: files, language))
        }
        if diagnostics.hasErrors { throw ExitCode.failure }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: CommandWords.text(.helpNew))

    @Argument(help: CommandWords.help(.helpTitle))
    var title: String?
    @Option(help: CommandWords.help(.helpSection))
    var section: String?
    @Option(help: CommandWords.help(.helpFromCatalogue))
    var fromCatalogue: String?
    @Option(help: CommandWords.help(.helpSlug))
    var slug: String?
    @Option(help: CommandWords.help(.helpContent))
    var content = "Content"
    @Option(help: CommandWords.help(.helpLang))
    var lang: String?

    func validate() throws {
        if fromCatalogue != nil, title != nil {
            throw ValidationError(CommandWords.text(.newTitleOrCatalogue))
        }
        if fromCatalogue == nil, title == nil || section == nil {
            throw ValidationError(CommandWords.text(.newNeedsTitleAndSection))
        }
    }

    func run() throws {
        let language = Language.choose(flag: lang)
        do {
            let (path, text) = if let fromCatalogue {
                try NewCase.fromCatalogue(fromCatalogue, section: section, slug: slug, date: Date(), contentDirectory: content)
            } else {
                try NewCase.make(title: title ?? "", section: section ?? "", slug: slug, date: Date(), contentDirectory: content)
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw ExitCode.failure }
            print(Message(.wroteFile, path).text(language))
        } catch let diagnostic as Diagnostic {
            printToStandardError(diagnostic.formatted(language))
            throw ExitCode.failure
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: CommandWords.text(.helpServe))

    @OptionGroup var locations: Locations
    @Option(help: CommandWords.help(.helpServeOutput))
    var output = "output"
    @Option(help: CommandWords.help(.helpHost))
    var host = "127.0.0.1"
    @Option(help: CommandWords.help(.helpPortChoice))
    var port: Int?

    func run() async throws {
        let options = locations.options(output: output)
        do { try OutputGuard.check(options) } catch {
            printToStandardError(DiagnosticReport.text(error.diagnostics, locations.language))
            throw ExitCode.failure
        }
        // Before anything is built: a taken port is said at once.
        let language = locations.language
        let (chosen, message) = PortChoice.choose(host: host, requested: port)
        guard let chosen else {
            printToStandardError(Message(.severityError).text(language) + (language == .chinese ? "：" : ": ") + (message?.text(language) ?? ""))
            throw ExitCode.failure
        }
        if let message { printToStandardError(Message(.severityNote).text(language) + (language == .chinese ? "：" : ": ") + message.text(language)) }
        var server = PreviewServer(options: options, host: host, port: chosen)
        server.language = language
        try await server.run { printToStandardError($0) }
    }
}
