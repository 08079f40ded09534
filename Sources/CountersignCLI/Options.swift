import ArgumentParser

/// `--rev`: the revision to judge up to (default: the protected branch).
struct RevisionOption: ParsableArguments {
    @Option(name: .customLong("rev"), help: "Judge up to this revision instead of the protected branch.")
    var revision: String?
}
