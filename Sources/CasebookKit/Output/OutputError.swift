import Foundation

/// Why the site or its cache could not be written, in words an editor can act on.
public enum OutputError: Error, CustomStringConvertible, MessageError {
    case unsafePath(String)
    case unreadable(String)
    /// A file or folder that could not be created, renamed or removed, with the system's error number.
    case cannotWrite(String, Int32)

    /// What went wrong, for the editor.
    public var message: Message {
        switch self {
        case let .unsafePath(path): Message(.unsafePath, path)
        case let .unreadable(path): Message(.cannotRead, path)
        case let .cannotWrite(path, code): Message(.cannotWrite, arguments: [.word(Self.problem(code)), .text(path), .text(String(cString: strerror(code)))])
        }
    }

    public var description: String { message.text(.chinese) }

    /// The kind of failure an error number means.
    static func problem(_ code: Int32) -> MessageKey {
        switch code {
        case EACCES, EPERM, EROFS: .outputNotWritable
        case ENOSPC, EDQUOT: .diskFull
        case ENOENT, ENOTDIR: .outputPathMissing
        case EEXIST, ENOTEMPTY, EISDIR: .outputNameTaken
        default: .cannotWriteOther
        }
    }
}
