// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ikamet",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "IkametCore", targets: ["IkametCore"]),
        .executable(name: "ikamet", targets: ["ikamet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Domain values and rules: no database, terminal or file I/O.
        .target(name: "IkametCore"),
        // Loads the rule parameters, holiday table and checklist templates from data/.
        .target(name: "IkametData", dependencies: ["IkametCore"]),
        .executableTarget(name: "ikamet", dependencies: ["IkametCore", "IkametData"]),
        .testTarget(
            name: "IkametCoreTests",
            dependencies: [
                "IkametCore", "IkametData",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
