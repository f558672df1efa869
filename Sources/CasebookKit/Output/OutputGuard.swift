import Foundation

/// Refuses an output folder a build must not replace. A build puts the site in place of the folder it is
/// given, so that folder must be missing, empty, or one Casebook made (it holds the marker file
/// `.casebook-site`, or its cache folder beside it holds a manifest); and it must not be, or hold, the content, the templates or the working directory, nor lie
/// among the sources (in the templates, or in the content's `cases/` or `media/`).
public enum OutputGuard {
    /// Checks `options.outputDirectory` without touching anything; throws one error naming the problem.
    public static func check(_ options: BuildOptions) throws(BuildFailure) {
        let protected = [(options.contentDirectory, "内容文件夹"), (options.templatesDirectory, "模板文件夹"),
                         (FileManager.default.currentDirectoryPath, "当前工作目录")]
        if let refusal = refusal(output: options.outputDirectory, protected: protected) {
            throw BuildFailure([.error(refusal, at: nil, suggestion: "换一个新的或空的输出文件夹，例如 `--output output`")])
        }
    }

    /// Why the site may not be written to `output`, or nil when it may. `protected` pairs each folder the
    /// build must never replace with its name in messages: the content folder, the templates folder, then any
    /// others.
    static func refusal(output: String, protected: [(path: String, name: String)]) -> String? {
        let target = resolved(output)
        let shown = "--output \(output)"
        if target == "/" { return "\(shown) 是根目录：构建会用网站替换它，已拒绝" }
        for (index, folder) in protected.enumerated() {
            let path = resolved(folder.path)
            if path == target || path.hasPrefix(target + "/") {
                return "\(shown) \(path == target ? "就是" : "包含")\(folder.name) \(folder.path)：构建会用网站替换它，已拒绝"
            }
            // Inside the templates, or where the content's own files are, the site would be read as a source.
            let sources = index == 0 ? [path + "/cases", path + "/media"] : index == 1 ? [path] : []
            if let source = sources.first(where: { target == $0 || target.hasPrefix($0 + "/") }) {
                return "\(shown) 位于\(folder.name)的 \(source) 之内：网站不能写进源文件里，已拒绝"
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "\(shown) 是一个已有的文件，不是文件夹：构建会用网站替换它，已拒绝" }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if entries.isEmpty || madeByCasebook(output) { return nil }
        return "\(shown) 里已有 \(entries.count) 项不是 Casebook 生成的内容（其中没有它的标记文件 \(SitePaths.marker)）：构建会删除它们，已拒绝"
    }

    /// True when a build made `output`: it holds the site's marker file, or the last build's manifest is beside it.
    static func madeByCasebook(_ output: String) -> Bool {
        FileManager.default.fileExists(atPath: output + "/" + SitePaths.marker)
            || FileManager.default.fileExists(atPath: BuildManifest.cacheDirectory(for: output) + "/" + ManifestDelta.baseName)
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
