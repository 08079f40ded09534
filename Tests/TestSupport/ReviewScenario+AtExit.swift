extension ReviewScenario {
    /// Removes the scenario's folders (its repository and its scratch folder) when the test process
    /// ends, for a scenario kept in a `static let` for the whole run and so never released.
    public func removeAtExit() {
        AtExit.remove(repository.url)
        AtExit.remove(scratch.url)
    }
}
