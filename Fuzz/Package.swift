// swift-tools-version:6.0
// libFuzzer target over front matter, figure blocks and chart layout: `make fuzz` from the repository root.
import Foundation
import PackageDescription

/// A path dependency is named after its folder, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "casebook-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "CasebookFuzz",
            dependencies: [.product(name: "CasebookKit", package: root)],
            // `make fuzz` adds -sanitize=fuzzer,address to every target, so CasebookKit is instrumented too.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
