import Testing
@testable import CasebookServer

@Suite struct HostNamesTests {
    let machine = HostNames.Machine(names: ["Atelier", "atelier.local", "atelier.example.org"],
                                    addresses: ["192.168.1.5", "10.0.0.7", "fe80::1c2a:3bff:fe4d:5e6f", "2001:db8::5"])

    @Test func loopbackAcceptsOnlyLoopbackNames() {
        var asked = false
        let allowed = HostNames.allowed(host: "127.0.0.1", port: 8000, machine: { asked = true; return machine })
        #expect(allowed == ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
        #expect(!asked, "on loopback the machine's other names are not looked up")
        #expect(HostNames.allowed(host: "localhost", port: 8000, machine: { machine }) == allowed)
        #expect(HostNames.allowed(host: "::1", port: 8000, machine: { machine }) == allowed)
    }

    @Test func everyInterfaceAcceptsTheMachinesNamesAndAddresses() {
        let allowed = HostNames.allowed(host: "0.0.0.0", port: 8000, machine: { machine })
        for name in ["atelier:8000", "atelier.local:8000", "atelier.example.org:8000", "192.168.1.5:8000", "10.0.0.7:8000",
                     "[fe80::1c2a:3bff:fe4d:5e6f]:8000", "[2001:db8::5]:8000", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"] {
            #expect(allowed.contains(name), "\(name)")
        }
        for name in ["evil.example:8000", "atelier:8001", "atelier", "192.168.1.6:8000", "atelier.evil.example:8000"] {
            #expect(!allowed.contains(name), "\(name)")
        }
    }

    @Test func aLanAddressAcceptsItselfAndTheMachinesNames() {
        let allowed = HostNames.allowed(host: "192.168.1.5", port: 4000, machine: { machine })
        #expect(allowed.contains("192.168.1.5:4000"))
        #expect(allowed.contains("atelier:4000"))
        #expect(HostNames.allowed(host: "::", port: 4000, machine: { machine }).contains("[2001:db8::5]:4000"))
    }

    @Test func portEightyAlsoAcceptsTheBareName() {
        let allowed = HostNames.allowed(host: "0.0.0.0", port: 80, machine: { machine })
        #expect(allowed.isSuperset(of: ["atelier", "atelier:80", "[2001:db8::5]", "localhost"]))
    }

    @Test func theNoticeIsOnlyForHostsReachableFromTheNetwork() {
        #expect(HostNames.networkNotice(host: "127.0.0.1", port: 8000, machine: { machine }) == nil)
        let notice = HostNames.networkNotice(host: "0.0.0.0", port: 8000, machine: { machine })?.text(.chinese) ?? ""
        #expect(notice.hasPrefix("注意：--host 0.0.0.0 使本站可从网络访问"))
        #expect(notice.contains("http://Atelier:8000/") || notice.contains("http://atelier:8000/"), "\(notice)")
        let lan = HostNames.networkNotice(host: "192.168.1.5", port: 8000, machine: { machine })?.text(.chinese) ?? ""
        #expect(lan.contains("http://192.168.1.5:8000/"), "\(lan)")
    }

    @Test func thisMachineHasANameAndItsLoopbackAddress() {
        let current = HostNames.current()
        #expect(!current.names.isEmpty)
        #expect(current.addresses.contains("127.0.0.1"), "\(current.addresses)")
        #expect(!current.addresses.contains { $0.contains("%") }, "IPv6 zones are dropped")
        let allowed = HostNames.allowed(host: "0.0.0.0", port: 8000)
        #expect(allowed.contains(current.names[0].lowercased() + ":8000"))
    }
}
