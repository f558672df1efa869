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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "CasebookKit",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "CasebookServer",
            dependencies: [
                "CasebookKit",
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
            dependencies: ["CasebookKit", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "CasebookServerTests",
            dependencies: ["CasebookServer"]
        ),
    ]
)
