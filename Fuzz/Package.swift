// swift-tools-version:6.1
// libFuzzer targets for the readers every pull request's bytes go through (docs/fuzzing.md). Not part of
// the tool or its tests: built only by Scripts/fuzz.sh, with --sanitize=fuzzer (and address where it works).
import PackageDescription

let package = Package(
    name: "cse-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "cse-registry", path: "..")],
    targets: [
        .executableTarget(
            name: "cse-fuzz",
            dependencies: [
                .product(name: "CSECore", package: "cse-registry"),
                .product(name: "CSEYAML", package: "cse-registry"),
                .product(name: "CSESchema", package: "cse-registry"),
                .product(name: "CSEMarkdown", package: "cse-registry"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])]
        )
    ]
)
