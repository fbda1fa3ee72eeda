// swift-tools-version:6.0
// A measurement, not part of the tool: how fast each run-time template engine among the available Swift
// packages renders the same signal-shaped page. See docs/performance.md ("HTML").
import PackageDescription

let package = Package(
    name: "template-engines",
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/stencilproject/Stencil.git", from: "0.15.1"),
    ],
    targets: [
        .executableTarget(
            name: "TemplateEngines",
            dependencies: [
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Stencil", package: "Stencil"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        )
    ]
)
