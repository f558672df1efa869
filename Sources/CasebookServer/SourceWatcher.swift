import Foundation

/// Notices edits under the watched folders by polling each file's size and modification time.
/// Polling works the same on every file system, shared drives included.
public struct SourceWatcher: Sendable {
    public let folders: [String]

    public init(folders: [String]) { self.folders = folders }

    /// A fingerprint of every file: changes when any file is added, removed or edited.
    public func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let enumerator = fm.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
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
