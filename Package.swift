// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "cse-registry",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cse", targets: ["cse"]),
        .library(name: "CSECore", targets: ["CSECore"]),
        // The readers on their own, for the fuzz targets (Fuzz/) and for tools that need only them.
        .library(name: "CSEYAML", targets: ["CSEYAML"]),
        .library(name: "CSESchema", targets: ["CSESchema"]),
        .library(name: "CSEMarkdown", targets: ["CSEMarkdown"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries

        /** libyaml, reached only through CSEYAML. */
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        /** cmark, reached only through CSEMarkdown. */
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        /** mimalloc, linked into the `cse` executable on Linux only, where it replaces glibc's `malloc`. */
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),

        /** The few system calls Swift's C modules do not export (openat2 beneath a folder, atomic exchange). */
        .target(name: "CPlatform"),

        // MARK: - Library

        /** Source positions, diagnostics and their formatters; depends on nothing. */
        .target(name: "CSEDiagnostics", swiftSettings: swiftSettings),
        /** YAML and JSON readers producing one position-keeping node tree. */
        .target(name: "CSEYAML", dependencies: ["CYAML", "CSEDiagnostics"], swiftSettings: swiftSettings),
        /** JSON Schema draft 2020-12 validator over node trees. */
        .target(name: "CSESchema", dependencies: ["CSEYAML", "CSEDiagnostics"], swiftSettings: swiftSettings),
        /** Markdown through cmark: HTML, headings with anchors, links with positions; no C pointer escapes it. */
        .target(name: "CSEMarkdown", dependencies: ["CCmark", "CSEDiagnostics"], swiftSettings: swiftSettings),
        /** Mustache templates rendered against plain Swift values; depends on nothing. */
        .target(name: "CSETemplate", swiftSettings: swiftSettings),
        /** The compiler: load, validate, model, compute, emit. */
        .target(
            name: "CSECore",
            dependencies: [
                "CSEDiagnostics", "CSEYAML", "CSESchema", "CSEMarkdown", "CSETemplate", "CPlatform",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        /** `cse serve`: the compiled registry in memory, answered over HTTP; the only importer of Hummingbird and GRDB. */
        .target(
            name: "CSEServer",
            dependencies: [
                "CSECore", "CSEDiagnostics", "CSEYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        /** Command-line parsing; the only importer of ArgumentParser. */
        .target(
            name: "CSECommandLine",
            dependencies: [
                "CSECore", "CSESchema", "CSEYAML", "CSEDiagnostics", "CSEServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        /** The `cse` executable: a few lines over CSECommandLine. */
        .executableTarget(
            name: "cse",
            dependencies: ["CSECommandLine", .target(name: "CMimalloc", condition: .when(platforms: [.linux]))],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests

        .testTarget(name: "CSEDiagnosticsTests", dependencies: ["CSEDiagnostics"], swiftSettings: swiftSettings),
        .testTarget(name: "CSETemplateTests", dependencies: ["CSETemplate", "CSEDiagnostics"], swiftSettings: swiftSettings),
        .testTarget(name: "CSEYAMLTests", dependencies: ["CSEYAML"], exclude: ["Resources"], swiftSettings: swiftSettings),
        .testTarget(name: "CSEMarkdownTests", dependencies: ["CSEMarkdown"], swiftSettings: swiftSettings),
        .testTarget(name: "CSESchemaTests", dependencies: ["CSESchema", "CSEYAML"], exclude: ["Resources"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CSECoreTests",
            dependencies: ["CSECore", "CSECommandLine"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CSEServerTests",
            dependencies: [
                "CSEServer", "CSECore", "CSEDiagnostics", "CSEYAML",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
