import Foundation

/// A case file found under `Content/cases/`, not yet read.
public struct CaseFile: Sendable, Hashable {
    public var slug: String
    /// Absolute path to read.
    public var path: String
    /// Path as the editor knows it, for messages (`Content/cases/x.md`).
    public var displayPath: String
    /// The file's stamp when it was listed (nil if it was not a regular file then): a build compares it with
    /// the last build's instead of asking again.
    public var stamp: FileStamp?

    public init(slug: String, path: String, displayPath: String, stamp: FileStamp? = nil) {
        self.slug = slug
        self.path = path
        self.displayPath = displayPath
        self.stamp = stamp
    }
}

/// What `Content/` holds: the book's configuration, the printed contents, the case files and media.
public struct ContentTree: Sendable {
    public var site: SiteConfig
    public var catalogue: [CatalogueEntry]
    public var caseFiles: [CaseFile]
    /// Files under `Content/media/`, relative to it.
    public var media: [String]
    public var contentDirectory: String
}

/// Finds and checks the files of `Content/`: site.yaml, catalogue.yaml, cases/*.md and media/.
public enum ContentLoader {
    public static func load(_ directory: String) -> (ContentTree?, [Diagnostic]) {
        let fm = FileManager.default
        let display = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var diagnostics: [Diagnostic] = []
        let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path

        // The rule for case files holds for the files and folders that hold them: no link out of Content/.
        for name in ["site.yaml", "catalogue.yaml", "cases", "media"] {
            if let problem = linkProblem(display + "/" + name, root: root) {
                diagnostics.append(.error(problem, at: SourceLocation(file: display + "/" + name),
                                          suggestion: Message(.symlinkFix, display)))
            }
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        guard let siteText = readText(display + "/site.yaml", diagnostics: &diagnostics, missing: Message(.noSiteYAML, display)) else {
            return (nil, diagnostics)
        }
        let (siteConfig, siteDiagnostics) = SiteConfig.read(yaml: siteText, file: display + "/site.yaml")
        diagnostics += siteDiagnostics
        guard let site = siteConfig else { return (nil, diagnostics) }

        var catalogue: [CatalogueEntry] = []
        if fm.fileExists(atPath: display + "/catalogue.yaml"),
           let text = readText(display + "/catalogue.yaml", diagnostics: &diagnostics, missing: nil) {
            let (entries, found) = Catalogue.read(yaml: text, file: display + "/catalogue.yaml", site: site)
            catalogue = entries
            diagnostics += found
        }

        var caseFiles: [CaseFile] = []
        let casesDirectory = display + "/cases"
        let names = ((try? fm.contentsOfDirectory(atPath: casesDirectory)) ?? []).sorted()
        if names.isEmpty {
            diagnostics.append(.warning(Message(.noCaseFiles, casesDirectory), at: nil))
        }
        // Names that differ only in case collide on case-insensitive disks: one error for the group,
        // and only a valid slug among them is kept. Only a name with a capital (or a letter beyond ASCII)
        // can fold onto another, so the groups are made only when there is one.
        var groups: [String: [String]] = [:]
        let caseFileNames = names.filter { $0.hasSuffix(".md") && !HiddenFiles.isHidden($0) }
        let folding = Set(caseFileNames.lazy.filter { $0.utf8.contains { (0x41...0x5A).contains($0) || $0 >= 0x80 } }.map { $0.lowercased() })
        if !folding.isEmpty {
            for name in caseFileNames {
                let folded = name.lowercased()
                if folding.contains(folded) { groups[folded, default: []].append(name) }
            }
        }
        // Ten thousand files are looked at on every build: on all cores, each by its name from the open folder.
        let folder = open(casesDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        let entries = parallelMap(names) { name -> FileStamp.Entry? in
            guard name.hasSuffix(".md") && !HiddenFiles.isHidden(name) else { return nil }
            return folder >= 0 ? FileStamp.Entry.of(name, in: folder) : FileStamp.Entry.of(casesDirectory + "/" + name)
        }
        for (name, entry) in zip(names, entries) where !HiddenFiles.isHidden(name) {
            let displayPath = casesDirectory + "/" + name
            guard name.hasSuffix(".md") else {
                diagnostics.append(.warning(Message(.notMarkdown, name), at: SourceLocation(file: displayPath)))
                continue
            }
            let slug = String(name.dropLast(3))
            if entry?.isLink == true, let problem = linkProblem(displayPath, root: root) {
                diagnostics.append(.error(problem, at: SourceLocation(file: displayPath))); continue
            }
            let group = groups.isEmpty ? [name] : groups[name.lowercased()] ?? [name]
            if group.count > 1 {
                if name == group[1] {
                    diagnostics.append(.error(Message(.caseNamesCollide, group.map { "`\($0)`" }.joined(separator: " / ")),
                                              at: SourceLocation(file: displayPath), suggestion: Message(.renameOrRemoveOne)))
                }
                if !Slug.isValid(slug) { continue }
            }
            guard Slug.isValid(slug) else {
                diagnostics.append(.error(Message(.invalidFileSlug, name), at: SourceLocation(file: displayPath),
                                          suggestion: Slug.suggestion(for: slug).map { Message(.renameTo, $0 + ".md") } ?? Message(.renameASCII)))
                continue
            }
            let stamp = entry?.isLink == true ? FileStamp.of(displayPath) : entry?.stamp
            caseFiles.append(CaseFile(slug: slug, path: displayPath, displayPath: displayPath, stamp: stamp))
        }

        let slugs = Set(caseFiles.map(\.slug))
        for entry in catalogue {
            if let slug = entry.caseSlug, !slugs.contains(slug) {
                diagnostics.append(.warning(Message(.catalogueCaseMissing, slug, "\(casesDirectory)/\(slug).md"), at: entry.location,
                                            suggestion: Suggestion.didYouMean(slug, in: caseFiles.map(\.slug))))
            }
        }

        let media = listMedia(display + "/media", root: root, diagnostics: &diagnostics)
        return (ContentTree(site: site, catalogue: catalogue, caseFiles: caseFiles, media: media, contentDirectory: display), diagnostics)
    }

    /// Reads and decodes a text file; problems become diagnostics.
    static func readText(_ path: String, diagnostics: inout [Diagnostic], missing: Message?) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(missing ?? Message(.cannotRead, path), at: nil))
            return nil
        }
        do {
            let (text, warnings) = SourceText.removingControlCharacters(try SourceText.decode(Array(data), file: path), file: path)
            diagnostics += warnings
            return text
        } catch { diagnostics.append(error); return nil }
    }

    /// A symlink that leaves the content folder is refused: the site publishes only what is inside it.
    static func linkProblem(_ path: String, root: String) -> Message? {
        guard FileStamp.Entry.of(path)?.isLink == true else { return nil }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return target == root || target.hasPrefix(root + "/") ? nil : Message(.symlinkOutside, target)
    }

    static func listMedia(_ directory: String, root: String, diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        for relative in HiddenFiles.visiblePaths(under: directory) {
            let path = directory + "/" + relative
            if let problem = linkProblem(path, root: root) {
                diagnostics.append(.error(problem, at: SourceLocation(file: path))); continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(relative) }
        }
        return files.sorted()
    }
}
