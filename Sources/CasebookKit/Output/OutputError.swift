import Foundation

/// Why the site or its cache could not be written, in words an editor can act on.
public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)
    case unreadable(String)
    /// A file or folder that could not be created, renamed or removed, with the system's error number.
    case cannotWrite(String, Int32)

    public var description: String {
        switch self {
        case let .unsafePath(path): return "拒绝写入 `\(path)`：它会落到输出文件夹之外"
        case let .unreadable(path): return "无法读取 \(path)"
        case let .cannotWrite(path, code): return "\(Self.problem(code))：\(path)（\(String(cString: strerror(code)))）"
        }
    }

    /// The kind of failure an error number means, in Chinese.
    static func problem(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM, EROFS: return "输出目录不可写"
        case ENOSPC, EDQUOT: return "磁盘已满，无法写入"
        case ENOENT, ENOTDIR: return "输出目录中的路径不存在"
        case EEXIST, ENOTEMPTY, EISDIR: return "输出目录中已有同名的文件或文件夹"
        default: return "无法写入"
        }
    }
}
