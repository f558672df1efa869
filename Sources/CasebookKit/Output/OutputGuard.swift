import Foundation

/// Refuses an output folder a build must not replace. A build puts the site in place of the folder it is
/// given, so that folder must be missing, empty, or one Casebook made (it holds the marker file
/// `.casebook-site`, or its cache folder beside it holds a manifest); and it must not be, or hold, the content, the templates or the working directory, nor lie
/// among the sources (in the templates, or in the content's `cases/` or `media/`).
public enum OutputGuard {
    /// Checks `options.outputDirectory` without touching anything; throws one error naming the problem.
    public static func check(_ options: BuildOptions) throws(BuildFailure) {
        let protected: [(path: String, name: MessageKey)] = [(options.contentDirectory, .contentFolder), (options.templatesDirectory, .templatesFolder),
                                                              (FileManager.default.currentDirectoryPath, .workingFolder)]
        if let refusal = refusal(output: options.outputDirectory, protected: protected) {
            throw BuildFailure([.error(refusal, at: nil, suggestion: Message(.outputFix))])
        }
    }

    /// Why the site may not be written to `output`, or nil when it may. `protected` pairs each folder the
    /// build must never replace with its name in messages: the content folder, the templates folder, then any
    /// others.
    static func refusal(output: String, protected: [(path: String, name: MessageKey)]) -> Message? {
        let target = resolved(output)
        if target == "/" { return Message(.outputIsRoot, output) }
        for (index, folder) in protected.enumerated() {
            let path = resolved(folder.path)
            if path == target || path.hasPrefix(target + "/") {
                return Message(path == target ? .outputIsFolder : .outputHoldsFolder, arguments: [.text(output), .word(folder.name), .text(folder.path)])
            }
            // Inside the templates, or where the content's own files are, the site would be read as a source.
            let sources = index == 0 ? [path + "/cases", path + "/media"] : index == 1 ? [path] : []
            if let source = sources.first(where: { target == $0 || target.hasPrefix($0 + "/") }) {
                return Message(.outputInsideSources, arguments: [.text(output), .word(folder.name), .text(source)])
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return Message(.outputIsFile, output) }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if entries.isEmpty || madeByCasebook(output) { return nil }
        return Message(.outputNotOurs, output, String(entries.count), SitePaths.marker)
    }

    /// True when a build made `output`: it holds the site's marker file, or the last build's manifest is beside it.
    static func madeByCasebook(_ output: String) -> Bool {
        FileManager.default.fileExists(atPath: output + "/" + SitePaths.marker)
            || FileManager.default.fileExists(atPath: BuildManifest.cacheDirectory(for: output) + "/" + CacheStore.fileName)
    }

    /// `path` made absolute with every symbolic link resolved, as far as it exists.
    static func resolved(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = realpath(standard, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = (standard as NSString).deletingLastPathComponent
        guard parent != standard else { return standard }
        let base = resolved(parent)
        return (base == "/" ? "" : base) + "/" + (standard as NSString).lastPathComponent
    }
}
