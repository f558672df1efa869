import CasebookKit
import Foundation

/// Notices edits under the watched folders by polling each file's size and modification time.
/// Polling works the same on every file system, shared drives included. Hidden files and folders (an
/// editor's swap file, `.DS_Store`) are skipped by the build's own rule (`HiddenFiles`): saving one
/// triggers no rebuild.
public struct SourceWatcher: Sendable {
    public let folders: [String]

    public init(folders: [String]) { self.folders = folders }

    /// A fingerprint of every file that is not hidden: changes when any is added, removed or edited.
    public func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            for relative in HiddenFiles.visiblePaths(under: folder) {
                let path = folder + "/" + relative
                guard let attributes = try? fm.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[path] = "\(size):\(modified)"
            }
        }
        return result
    }
}
