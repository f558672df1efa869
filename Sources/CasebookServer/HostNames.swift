import Foundation
import CasebookKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names a browser may send in the Host header. Any other is refused, so that a page of another
/// site cannot read the preview through a name of its own that points here (DNS rebinding).
public enum HostNames {
    /// This machine's own names: its host name (with its canonical name and `.local`), and the addresses
    /// of its network interfaces and of its host name.
    public struct Machine: Sendable, Equatable {
        public var names: [String]
        public var addresses: [String]

        public init(names: [String], addresses: [String]) {
            self.names = names
            self.addresses = addresses
        }
    }

    static let loopbackNames = ["127.0.0.1", "localhost", "::1"]

    /// Whether `host` only listens on this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Whether `host` listens on every interface.
    public static func isWildcard(_ host: String) -> Bool {
        ["0.0.0.0", "::", "[::]", "*", ""].contains(host)
    }

    /// `host:port` for each name the server answers to. On loopback: the loopback names. Otherwise also
    /// every name and address of the machine, since the site can be reached through any of them.
    public static func allowed(host: String, port: Int, machine: () -> Machine = current) -> Set<String> {
        var names = [host] + loopbackNames
        if !isLoopback(host) {
            let own = machine()
            names += own.names + own.addresses
        }
        return Set(names.flatMap { authorities($0, port: port) })
    }

    /// A Host header value for a name: IPv6 addresses in brackets, and the bare name too on port 80,
    /// where browsers leave the port out.
    static func authorities(_ name: String, port: Int) -> [String] {
        var name = name.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.contains(":") { name = "[" + name + "]" }
        return port == 80 ? [name + ":80", name] : [name + ":\(port)"]
    }

    /// What an editor is told when the site can be reached from other machines; nil on loopback.
    public static func networkNotice(host: String, port: Int, machine: () -> Machine = current) -> Message? {
        guard !isLoopback(host) else { return nil }
        let own = machine()
        let shown = isWildcard(host) ? own.names.first ?? host : host
        let address = authorities(shown, port: port).first ?? shown
        return Message(.serveNetworkNotice, host, address)
    }

    /// This machine's names, read from the system now.
    @Sendable public static func current() -> Machine {
        var names: [String] = []
        var addresses: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count - 1) == 0 {
            let name = string(buffer)
            if !name.isEmpty {
                names.append(name)
                if !name.contains(".") { names.append(name + ".local") }
                let (canonical, resolved) = resolve(name)
                if let canonical, canonical != name { names.append(canonical) }
                addresses += resolved
            }
        }
        addresses += interfaceAddresses()
        return Machine(names: unique(names), addresses: unique(addresses))
    }

    /// The canonical name and addresses the resolver gives for a name (from /etc/hosts or DNS).
    static func resolve(_ name: String) -> (canonical: String?, addresses: [String]) {
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return (nil, []) }
        defer { freeaddrinfo(first) }
        let canonical = first.pointee.ai_canonname.map { String(cString: $0) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let text = numericHost(current.pointee.ai_addr, length: current.pointee.ai_addrlen) { addresses.append(text) }
            entry = current.pointee.ai_next
        }
        return (canonical, addresses)
    }

    /// The IPv4 and IPv6 addresses of the network interfaces (without an IPv6 zone such as `%eth0`).
    static func interfaceAddresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(first) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<ifaddrs>? = first
        while let current = entry {
            if let address = current.pointee.ifa_addr {
                let family = Int32(address.pointee.sa_family)
                let length = family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size
                if family == AF_INET || family == AF_INET6, let text = numericHost(address, length: socklen_t(length)) {
                    addresses.append(text)
                }
            }
            entry = current.pointee.ifa_next
        }
        return addresses
    }

    static func numericHost(_ address: UnsafeMutablePointer<sockaddr>?, length: socklen_t) -> String? {
        guard let address else { return nil }
        var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
        let host = string(text)
        return host.split(separator: "%", maxSplits: 1).first.map(String.init)
    }

    /// The text of a NUL-terminated C buffer.
    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0.lowercased()).inserted }
    }
}
