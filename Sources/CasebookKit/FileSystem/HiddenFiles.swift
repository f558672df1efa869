import Foundation

/// The one rule for what is not part of the book: a file or folder whose name starts with "." — an
/// editor's swap or lock file next to a case (`.x.md.swp`, `.#x.md`), `.DS_Store`, `.git/`. The content
/// loader, the build's record of its inputs and `casebook serve`'s watcher all skip them alike, so saving
/// such a file neither changes the site nor triggers a rebuild.
public enum HiddenFiles {
    /// Whether a file or folder name (one path component) is hidden.
    public static func isHidden(_ name: some StringProtocol) -> Bool { name.hasPrefix(".") }

    /// Whether a path relative to a walked folder is hidden or lies inside a hidden folder.
    public static func isHidden(relativePath: some StringProtocol) -> Bool {
        relativePath.split(separator: "/").contains { isHidden($0) }
    }

    /// Every path under `directory` (files and folders, relative to it, in the file system's order) that is
    /// not hidden; hidden folders are not entered. Empty when `directory` cannot be read.
    public static func visiblePaths(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if isHidden((relative as NSString).lastPathComponent) {
                if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { enumerator.skipDescendants() }
                continue
            }
            // A hidden folder the enumerator entered anyway leaves nothing of its own behind.
            if isHidden(relativePath: relative) { continue }
            paths.append(relative)
        }
        return paths
    }
}
