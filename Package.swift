// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "ikamet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "IkametCore", targets: ["IkametCore"]),
        .executable(name: "ikamet", targets: ["ikamet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // Domain values and rules: no database, terminal or file I/O.
        .target(name: "IkametCore"),
        // The ikamet/1 interchange format: the canonical JSON writer and the one tokenizer its readers share.
        .target(name: "IkametInterchange", dependencies: ["IkametCore"]),
        // The message catalogs (data/i18n/<code>.json, built in): every user-facing sentence, rendered from facts.
        .target(name: "IkametText", dependencies: ["IkametCore", "IkametInterchange"]),
        // Loads the rule parameters, holiday table and checklist templates from data/.
        .target(name: "IkametData", dependencies: ["IkametCore"]),
        // PostgreSQL's C client library (libpq), for the office store on a server.
        .systemLibrary(name: "CLibPQ", providers: [.apt(["libpq-dev"])]),
        // The office store: SQLite through GRDB (the embedded default) or PostgreSQL through libpq; migrations, audit trail, interchange.
        .target(name: "IkametStore", dependencies: ["IkametCore", "IkametInterchange", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift"),
                                                    // SQLite's C API, for reading agenda rows in place (docs/performance.md)
                                                    .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // Cell grid, styles, keys, text fields, the Terminal protocol and a headless terminal; knows nothing about law.
        .target(name: "TerminalUI"),
        // The C side of the ncurses backend (wide-character API, macro wrappers, signal flag).
        .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The Terminal implementation over ncurses: the only code that calls curses.
        .target(name: "CursesTerminal", dependencies: ["CNCurses", "TerminalUI"]),
        // Letters to clients and the directorate, and the attorneys' daily digest: composed from facts, rendered as text or HTML.
        .target(name: "IkametLetters", dependencies: ["IkametCore", "IkametStore", "IkametText", "TerminalUI"]),
        // The terminal UI: one state, one update, one view, effects run by a small runtime.
        .target(name: "IkametTUI", dependencies: ["IkametCore", "IkametStore", "IkametText", "IkametLetters", "TerminalUI"]),
        // The scriptable CLI (a library, so tests parse and run commands in-process).
        .target(name: "IkametCLI", dependencies: [
            "IkametCore", "IkametData", "IkametInterchange", "IkametStore", "IkametText", "IkametLetters", "IkametTUI", "TerminalUI", "CursesTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "ikamet", dependencies: ["IkametCLI"]),
        // Release-build micro-benchmark of the rule engines (scripts/bench-core).
        .executableTarget(name: "ikamet-bench", dependencies: ["IkametCore", "IkametData", "IkametInterchange", "IkametStore", "IkametText", "IkametTUI", "TerminalUI"]),
        .testTarget(
            name: "IkametStoreTests",
            dependencies: ["IkametCore", "IkametData", "IkametInterchange", "IkametStore", "IkametText", "IkametTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        // Helpers the test targets share (messages read in English).
        .target(name: "IkametTestSupport", dependencies: ["IkametCore", "IkametText"], path: "Tests/TestSupport"),
        .testTarget(name: "IkametTextTests", dependencies: ["IkametCore", "IkametInterchange", "IkametText"]),
        .testTarget(
            name: "IkametTUITests",
            dependencies: ["IkametCore", "IkametData", "IkametInterchange", "IkametStore", "IkametText", "IkametTUI", "TerminalUI"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "IkametCLITests",
            dependencies: ["IkametCore", "IkametData", "IkametCLI", "IkametInterchange", "IkametStore", "IkametText", "IkametTestSupport", "IkametTUI", "TerminalUI",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "IkametCoreTests",
            dependencies: [
                "IkametCore", "IkametData", "IkametText", "IkametTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The coverage-guided fuzzer (libFuzzer supplies its main), built only by
// scripts/reliability/fuzz-coverage with IKAMET_FUZZ=1 and -sanitize=fuzzer,address.
if ProcessInfo.processInfo.environment["IKAMET_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "ikamet-fuzz", dependencies: ["IkametCore", "IkametInterchange", "IkametStore"], path: "Fuzz/ikamet-fuzz",
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
