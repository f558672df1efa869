// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "casebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "casebook", targets: ["casebook"]),
        .library(name: "CasebookKit", targets: ["CasebookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The values pages are made from and the escaping `HTML` type.
        .target(name: "CasebookPages"),
        // The page templates: Swift functions from those values to HTML. Templates/assets is copied, not compiled.
        .target(
            name: "CasebookTemplates",
            dependencies: ["CasebookPages"],
            path: "Templates",
            exclude: ["assets"]
        ),
        .target(
            name: "CasebookKit",
            dependencies: [
                "CCmarkGFM",
                "CasebookPages",
                "CasebookTemplates",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "CasebookServer",
            dependencies: [
                "CasebookKit",
                "CasebookPages",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookKit",
                "CasebookServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CasebookKitTests",
            dependencies: ["CasebookKit", "CasebookPages", "CasebookTemplates"]
        ),
        .testTarget(
            name: "CasebookServerTests",
            dependencies: ["CasebookServer"]
        ),
    ]
)
