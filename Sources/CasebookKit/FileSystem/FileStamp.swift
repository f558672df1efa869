import Foundation

/// What `stat` says of a file: if size, modification time and inode are unchanged, so is the file
/// (the same shortcut git's index takes), and it need not be read again.
public struct FileStamp: Sendable, Hashable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    public var inode: UInt64

    init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// The stamp of the file at `path`, or nil if there is no regular file there.
    public static func of(_ path: String) -> FileStamp? {
        of(path, in: AT_FDCWD)
    }

    /// The stamp of the file at `relative` inside the open folder `folder`, or nil if there is no regular
    /// file there. Looking a path up from its folder skips walking the folder's own path each time.
    static func of(_ relative: String, in folder: Int32) -> FileStamp? {
        relative.withCString { of(cString: $0, in: folder) }
    }

    /// `of(_:in:)` for a path given as a C string.
    static func of(cString relative: UnsafePointer<CChar>, in folder: Int32) -> FileStamp? {
        var info = stat()
        guard fstatat(folder, relative, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(info)
    }

    /// What `lstat` says of a path: whether it is a symbolic link, and the stamp when it is a regular file.
    struct Entry {
        var isLink: Bool
        var stamp: FileStamp?

        /// The entry at `path` (inside the open folder `folder`, when given), or nil if there is nothing there.
        static func of(_ path: String, in folder: Int32 = AT_FDCWD) -> Entry? {
            var info = stat()
            guard fstatat(folder, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            let type = info.st_mode & S_IFMT
            return Entry(isLink: type == S_IFLNK, stamp: type == S_IFREG ? FileStamp(info) : nil)
        }
    }

    /// The stamp of an open file.
    static func of(descriptor: Int32) -> FileStamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    private init(_ info: stat) {
        size = Int64(info.st_size)
        #if os(Linux)
        let time = info.st_mtim
        #else
        let time = info.st_mtimespec   // Darwin's name for the same field
        #endif
        modified = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}
