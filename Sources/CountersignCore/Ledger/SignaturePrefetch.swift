import Foundation
import GitKit
import Signatures

/// Verifies the SSH signatures of a first-parent history on a second thread, ahead of the ledger
/// walk that asks for them. Signature checks are a fifth of a long `verify` and depend on nothing
/// the walk computes, so a second core can take them. The walk waits for the worker when it
/// catches up, and verifies itself what the worker leaves (OpenPGP signatures, since gpg is
/// driven from one thread) and what is not in the history (commits a merge brings in).
final class SignaturePrefetch: @unchecked Sendable {
    /// How far the worker may run ahead of the walk, in commits: bounds the results held.
    static let window = 2048

    private let condition = NSCondition()
    // Guarded by `condition`:
    /// Outcomes by position in the history; nil outcome where the worker left the commit to the walk.
    private var ready: [Int: (id: ObjectID, outcome: SignatureOutcome?)] = [:]
    /// The walk's position: the worker skips what is behind it, and results behind it are dropped.
    private var position = 0
    /// The worker has handled every position below this one.
    private var handled = 0
    private var finished = false

    /// Starts the worker on `history` (oldest first), reading through its own handle to `origin`.
    init(history: [ObjectID], origin: Repository.Origin) {
        let thread = Thread { [self] in self.work(history, origin: origin) }
        thread.name = "countersign signature prefetch"
        thread.start()
    }

    deinit {
        stop()
    }

    func stop() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The walk has reached `index`: results before it will not be asked for.
    func advance(to index: Int) {
        condition.lock()
        for old in position..<max(position, index) { ready[old] = nil }
        position = max(position, index)
        condition.broadcast()
        condition.unlock()
    }

    /// The worker's outcome for `id` at the walk's position, waiting for the worker to get there;
    /// nil when the worker left it to the walk or `id` is not the commit at that position.
    func take(_ id: ObjectID) -> SignatureOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while !finished && handled <= position { condition.wait() }
        guard let entry = ready[position], entry.id == id else { return nil }
        ready[position] = nil
        return entry.outcome
    }

    private func work(_ history: [ObjectID], origin: Repository.Origin) {
        defer { stop() }
        guard let repository = try? Repository(origin) else { return }
        for (index, id) in history.enumerated() {
            condition.lock()
            while !finished && index >= position + Self.window { condition.wait() }
            let skip = finished || index < position
            condition.unlock()
            if finished { return }
            var outcome: SignatureOutcome?
            if !skip, let signed = try? repository.commitSignature(id) {
                outcome = SignatureCheck.verifySSH(signed)
            }
            condition.lock()
            if !skip { ready[index] = (id, outcome) }
            handled = index + 1
            condition.broadcast()
            condition.unlock()
        }
    }
}
