import CasebookKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which port `serve` listens on, found out before anything is built: a port given with `--port` that is
/// taken is refused at once; without `--port`, the first free one from 8000 is taken.
public enum PortChoice {
    public static let defaultPort = 8000
    /// How many ports after the default are tried.
    public static let tries = 20

    /// The port to listen on, and a sentence for the editor when it is not the one asked for; nil and the
    /// reason when there is none.
    public static func choose(host: String, requested: Int?) -> (port: Int?, message: Message?) {
        if let requested {
            return isFree(host: host, port: requested)
                ? (requested, nil)
                : (nil, Message(.portTaken, String(requested), String(requested + 1)))
        }
        for port in defaultPort..<defaultPort + tries where isFree(host: host, port: port) {
            return (port, port == defaultPort ? nil : Message(.portMoved, String(defaultPort), String(port)))
        }
        return (nil, Message(.portsAllTaken, String(defaultPort), String(defaultPort + tries - 1)))
    }

    /// False when a listening socket already holds `port` on `host` (bound as the server binds: with
    /// SO_REUSEADDR, so a port left in TIME_WAIT counts as free). A host that does not resolve counts as
    /// free: the server then says what is wrong with it.
    public static func isFree(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return true }
        defer { freeaddrinfo(first) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var one: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
                let bound = bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
                let error = errno
                close(fd)
                if bound != 0 && error == EADDRINUSE { return false }
            }
            cursor = info.pointee.ai_next
        }
        return true
    }
}
