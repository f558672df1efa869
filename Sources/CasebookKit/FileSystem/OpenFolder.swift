import Foundation

/// A folder opened to take the stamps of many files in it, such as every file of `output/`. The folder
/// and each folder directly inside it are opened once, so a file one level down (`cases/x.html`) is looked
/// up by its own name from its folder's descriptor: the kernel no longer walks the folder part of the path
/// for each of tens of thousands of files (about an eighth of each lookup's cost on tmpfs).
final class OpenFolder: Sendable {
    private let descriptor: Int32
    /// The folders directly inside, by name (as UTF-8), opened; symbolic links are not followed here.
    private let subfolders: [(name: [UInt8], descriptor: Int32)]

    /// Opens the folder at `path` and the folders in it; nil when it is not a folder that can be opened.
    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        subfolders = names.sorted().compactMap { name in
            let folder = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            return folder >= 0 ? (name: Array(name.utf8), descriptor: folder) : nil
        }
    }

    deinit {
        for folder in subfolders { close(folder.descriptor) }
        close(descriptor)
    }

    /// The stamp of the file at `relative` (a path inside the folder), or nil if there is no regular file there.
    func stamp(of relative: String) -> FileStamp? {
        relative.withCString { stamp(ofCString: $0) }
    }

    /// `stamp(of:)` for a path given as UTF-8 bytes (no NUL in them), such as a name read from the cache store.
    func stamp(ofUTF8 relative: UnsafeRawBufferPointer) -> FileStamp? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: relative.count + 1) { path in
            _ = UnsafeMutableRawBufferPointer(path).initializeMemory(as: UInt8.self, from: relative)
            path[relative.count] = 0
            return stamp(ofCString: path.baseAddress!)
        }
    }

    private func stamp(ofCString path: UnsafePointer<CChar>) -> FileStamp? {
        if let slash = strchr(path, 0x2F), strchr(slash + 1, 0x2F) == nil {
            let nameLength = path.distance(to: UnsafePointer(slash))
            for folder in subfolders where folder.name.count == nameLength && memcmp(folder.name, path, nameLength) == 0 {
                return FileStamp.of(cString: slash + 1, in: folder.descriptor)
            }
        }
        return FileStamp.of(cString: path, in: descriptor)
    }
}
