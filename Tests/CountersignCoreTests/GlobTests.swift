import CountersignCore
import Testing

@Suite("wildmatch globs")
struct GlobTests {
    static let table: [(String, String, Bool)] = [
        ("system/**", "system/context.yaml", true),
        ("system/**", "system/a/b/c.md", true),
        ("system/**", "systems/x", false),
        ("system/*", "system/a/b.md", false),
        ("system/*.yaml", "system/context.yaml", true),
        ("*.yaml", "system/context.yaml", false),
        ("**/*.yaml", "system/context.yaml", true),
        ("**/*.yaml", "context.yaml", true),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("review.yaml", "review.yaml", true),
        ("review.yaml", "Review.yaml", false),
        ("T-?.md", "T-1.md", true),
        ("T-[0-9].md", "T-7.md", true),
        ("T-[!0-9].md", "T-7.md", false),
        ("deploy/\\*", "deploy/*", true),
        ("deploy/\\*", "deploy/x", false),
    ]

    @Test("git's wildmatch rules", arguments: table)
    func matches(_ row: (String, String, Bool)) {
        #expect(Glob(row.0).matches(row.1) == row.2, "\(row.0) vs \(row.1)")
    }

    @Test("a glob's witness is a path it matches")
    func witness() {
        for pattern in ["security/**", "a/*/b", "x/[ab]c", "**/z.md"] {
            let glob = Glob(pattern)
            #expect(glob.matches(glob.witness), "\(pattern) → \(glob.witness)")
        }
    }
}
