import ArgumentParser
@main struct Countersign: ParsableCommand {}
