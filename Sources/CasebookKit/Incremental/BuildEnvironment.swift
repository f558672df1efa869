import Foundation

/// Everything every page depends on besides the cases: the generator itself (whose binary holds the
/// templates and words of `Templates/*.swift`), site.yaml, catalogue.yaml, the
/// media files and the build options. When its hash changes, every case and page is redone. The
/// stylesheet and script of `Templates/assets/` shape no page: they have a hash of their own (`assets`),
/// and a change there only copies them again.
enum BuildEnvironment {
    static func hash(_ options: BuildOptions, media: [String]) -> ContentHash {
        var parts = [BuildManifest.currentGenerator, options.includeDrafts ? "drafts" : "published", options.baseURL ?? ""]
        for name in ["site.yaml", "catalogue.yaml"] {
            parts.append(name)
            parts.append(FileManager.default.contents(atPath: options.contentDirectory + "/" + name).map { ContentHash($0).description } ?? "")
        }
        return ContentHash(parts: parts + stamped(media, in: options.contentDirectory + "/media", as: "media/"))
    }

    /// The hash of the files of `Templates/assets/`, by name and stamp (they are copied, not read, when
    /// nothing else changed).
    static func assets(_ options: BuildOptions) -> ContentHash {
        let folder = options.templatesDirectory + "/assets"
        return ContentHash(parts: stamped(filesUnder(folder), in: folder, as: ""))
    }

    /// Each of `files` in `folder` as two parts of a hash: its name after `prefix`, and its stamp.
    private static func stamped(_ files: [String], in folder: String, as prefix: String) -> [String] {
        files.flatMap { file in [prefix + file, FileStamp.of(folder + "/" + file).map { "\($0.size) \($0.modified) \($0.inode)" } ?? ""] }
    }

    /// Regular files under `directory`, relative and sorted, hidden ones left out.
    static func filesUnder(_ directory: String) -> [String] {
        HiddenFiles.visiblePaths(under: directory).filter { FileStamp.of(directory + "/" + $0) != nil }.sorted()
    }
}
