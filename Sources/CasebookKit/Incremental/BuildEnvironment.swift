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
        for file in media {
            let stamp = FileStamp.of(options.contentDirectory + "/media/" + file)
            parts.append("media/" + file)
            parts.append(stamp.map { "\($0.size) \($0.modified) \($0.inode)" } ?? "")
        }
        return ContentHash(parts: parts)
    }

    /// The hash of the files of `Templates/assets/`, by name and stamp (they are copied, not read, when
    /// nothing else changed).
    static func assets(_ options: BuildOptions) -> ContentHash {
        var parts: [String] = []
        for file in filesUnder(options.templatesDirectory + "/assets") {
            let stamp = FileStamp.of(options.templatesDirectory + "/assets/" + file)
            parts.append(file)
            parts.append(stamp.map { "\($0.size) \($0.modified) \($0.inode)" } ?? "")
        }
        return ContentHash(parts: parts)
    }

    /// Regular files under `directory`, relative and sorted, hidden ones left out.
    static func filesUnder(_ directory: String) -> [String] {
        HiddenFiles.visiblePaths(under: directory).filter { FileStamp.of(directory + "/" + $0) != nil }.sorted()
    }
}
