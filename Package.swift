// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Countersign",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "countersign", targets: ["CountersignCLI"]),
        .executable(name: "countersign-bench", targets: ["CountersignBench"]),
        .executable(name: "countersign-fuzz", targets: ["CountersignFuzz"]),
        .library(name: "CountersignCore", targets: ["CountersignCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // libgit2 from the system (Debian: libgit2-dev).
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // The only code that touches libgit2's C pointers.
        .target(name: "GitKit", dependencies: ["CLibgit2"]),
        // SSHSIG and OpenPGP signature verification; knows nothing of reviews.
        .target(
            name: "Signatures",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Files the binary writes (`init`, `new`), compiled into it so a copied binary still has them,
        // and the contract's example filled in, which the demo, the tests and the benchmark share.
        .target(
            name: "Templates",
            path: "templates",
            exclude: ["README.md"],
            resources: [
                .embedInCode("countersign.yaml"),
                .embedInCode("review"),
            ]
        ),
        // The scripts `hooks install` writes, compiled in for the same reason.
        .target(
            name: "HookScripts",
            path: "hooks",
            resources: [.embedInCode("pre-commit"), .embedInCode("pre-receive"), .embedInCode("post-receive")]
        ),
        // libyaml's scanner, which Yams parses with: what a YAML text holds before it is parsed.
        .target(name: "YAMLTokens", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Policy and review model, gap items, ledger, rules and reports.
        .target(
            name: "CountersignCore",
            dependencies: [
                "GitKit", "Signatures", "Templates", "HookScripts", "YAMLTokens",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "CountersignCLI",
            dependencies: [
                "CountersignCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: generates signed review repositories and measures countersign against git.
        .executableTarget(
            name: "CountersignBench",
            dependencies: [
                "GitKit", "Signatures", "Templates",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/CountersignBench"
        ),
        // `make fuzz`: the parsers a push reaches, as fuzz targets, and a plain mutation driver.
        .target(name: "FuzzTargets", dependencies: ["CountersignCore", "Signatures"]),
        .executableTarget(name: "CountersignFuzz", dependencies: ["FuzzTargets"]),
        // Temp repositories, keys and git runs shared by every test target.
        .target(name: "TestSupport", dependencies: ["Templates", .product(name: "Crypto", package: "swift-crypto")], path: "Tests/TestSupport"),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "SignaturesTests", dependencies: ["Signatures", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "CountersignCoreTests", dependencies: ["CountersignCore", "TestSupport"]),
        .testTarget(name: "CountersignCLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "YAMLTokensTests", dependencies: ["YAMLTokens"]),
    ]
)
