import Foundation

/// The whole-policy checks of docs/reference.md#countersignyaml: ids, references between members, roles and
/// steps, cycles, duplicate keys and emails, and paths owned by two roles.
struct PolicyChecker {
    var policy: Policy
    let top: YAMLMapping
    let file: YAMLFile

    /// Paths of the review layout (docs/reference.md#the-files-of-a-review) that some role must be able to own alone.
    static let layoutPaths = ReviewFile.all.map(\.path) + ["\(ReviewFile.evidenceFolder)report.pdf"]

    private func fail(_ line: Int?, _ message: String) {
        file.diagnostics.add(.policyInvalid, message, path: file.path, line: line)
    }

    private func line(of key: String) -> Int? { top.entries.first { $0.key == key }?.keyLine }

    /// The checked policy with steps in dependency order, or nil when a check failed.
    func check() -> Policy? {
        let before = file.diagnostics.violations.count
        checkMembers()
        checkRoles()
        checkOwnership()
        let ordered = checkSteps()
        checkOwnersAndSeparation()
        guard file.diagnostics.violations.count == before, let ordered else { return nil }
        var result = policy
        result.steps = ordered
        return result
    }

    /// `^[a-z0-9][a-z0-9-]{0,62}$`, checked by hand: it runs for every path of every commit.
    static func isValidID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard let first = bytes.first, bytes.count <= 63 else { return false }
        func allowed(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return allowed(first) && bytes.dropFirst().allSatisfy { allowed($0) || $0 == 0x2D }
    }

    private func checkID(_ id: String, kind: String, line: Int) {
        if !PolicyChecker.isValidID(id) {
            fail(line, "\(kind) id \"\(id)\" is not valid; use lowercase letters, digits and dashes, starting with a letter or digit, at most 63 characters")
        }
    }

    private func checkMembers() {
        var keyOwner: [String: String] = [:]
        var emailOwner: [String: String] = [:]
        for member in policy.members {
            checkID(member.id, kind: "member", line: member.line)
            if member.emails.isEmpty {
                fail(member.line, "member \(member.id) has no email; list the emails their commits and tags carry")
            }
            if member.keys.isEmpty {
                fail(member.line, "member \(member.id) has no key; add the public key they sign with (an OpenSSH .pub line or an armored OpenPGP key)")
            }
            for email in member.emails {
                let normalized = email.lowercased()
                if let other = emailOwner[normalized], other != member.id {
                    fail(member.line, "the email \(email) is listed under both \(other) and \(member.id); one person could count twice, so keep it under one member")
                }
                emailOwner[normalized] = member.id
            }
            for key in member.keys {
                if let other = keyOwner[key.fingerprint], other != member.id {
                    fail(key.line, "the key \(key.fingerprint) is listed under both \(other) and \(member.id); one person could count twice, so keep it under one member")
                }
                keyOwner[key.fingerprint] = member.id
            }
        }
        for committer in policy.trustedCommitters where committer.keys.isEmpty {
            fail(committer.line, "trusted committer \(committer.name) has no key")
        }
    }

    private func checkRoles() {
        for role in policy.roles {
            checkID(role.id, kind: "role", line: role.line)
            if role.members.isEmpty {
                fail(role.line, "role \(role.id) has no members; list at least one member who holds it")
            }
            for member in role.members where policy.member(member) == nil {
                fail(role.line, "role \(role.id) names the unknown member \"\(member)\"; add them under members or remove them")
            }
            for glob in role.owns {
                if let problem = PolicyChecker.unreachable(glob) {
                    fail(glob.line, "role \(role.id) owns \"\(glob.pattern)\", which \(problem); write a path relative to the review folder, such as \"security/**\"")
                }
            }
        }
    }

    /// Why a review-relative glob can match nothing a role could own, or nil when it can.
    static func unreachable(_ glob: Glob) -> String? {
        let pattern = glob.pattern
        if pattern.hasPrefix("/") { return "is absolute" }
        if pattern.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            return "has an empty, \".\" or \"..\" folder"
        }
        if pattern.hasPrefix("reviews/") { return "starts with reviews/ but is already inside the review folder" }
        if Glob("ledger/**").matches(glob.witness) || pattern == "ledger" { return "lies in ledger/, where only anchors go" }
        return nil
    }

    /// Two roles must never own one path: compare each glob's witness path, and the layout paths.
    private func checkOwnership() {
        var reported = Set<String>()
        let candidates = PolicyChecker.layoutPaths.map { ($0, nil as Glob?) }
            + policy.roles.flatMap { role in role.owns.map { ($0.witness, $0 as Glob?) } }
        for (path, source) in candidates {
            let owners = policy.roles.filter { $0.owns(path) }
            guard owners.count > 1 else { continue }
            let names = owners.map(\.id).joined(separator: " and ")
            guard reported.insert(names).inserted else { continue }
            let glob = source ?? owners.last?.owns.first { $0.matches(path) }
            fail(glob?.line, "roles \(names) both own \"\(path)\"; every path of a review is owned by exactly one role, so narrow one role's owns")
        }
    }

    /// Checks steps and returns them ordered so each follows the steps it requires.
    private func checkSteps() -> [Step]? {
        for step in policy.steps {
            checkID(step.id, kind: "step", line: step.line)
            if let role = policy.role(step.role) {
                if step.threshold > role.members.count {
                    fail(step.line, "step \(step.id) needs \(step.threshold) signers but role \(role.id) has \(role.members.count) member(s); lower threshold or add members")
                }
            } else if !step.role.isEmpty {
                fail(step.line, "step \(step.id) names the unknown role \"\(step.role)\"; define it under roles")
            }
            for required in step.requires where policy.step(required) == nil {
                fail(step.line, "step \(step.id) requires the unknown step \"\(required)\"; define it under steps or remove it")
            }
            for glob in step.covers {
                if let problem = PolicyChecker.unreachable(glob) {
                    fail(glob.line, "step \(step.id) covers \"\(glob.pattern)\", which \(problem)")
                }
            }
        }
        return orderSteps()
    }

    /// Depth-first ordering that reports a cycle with its path of steps.
    private func orderSteps() -> [Step]? {
        var ordered: [Step] = []
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        var cycleFound = false

        func visit(_ step: Step, path: [String]) {
            if state[step.id] == true || cycleFound { return }
            if state[step.id] == false {
                let cycle = path.drop { $0 != step.id } + [step.id]
                fail(step.line, "the steps form a cycle: \(cycle.joined(separator: " → ")); remove one of these requires")
                cycleFound = true
                return
            }
            state[step.id] = false
            for required in step.requires {
                if let next = policy.step(required) { visit(next, path: path + [step.id]) }
            }
            state[step.id] = true
            ordered.append(step)
        }

        for step in policy.steps { visit(step, path: []) }
        return cycleFound ? nil : ordered
    }

    private func checkOwnersAndSeparation() {
        if policy.policyOwners.isEmpty, top["policy_owners"] != nil {
            fail(line(of: "policy_owners"), "policy_owners is empty: nobody could ever change this policy; name at least one member")
        }
        for owner in policy.policyOwners where policy.member(owner) == nil {
            fail(line(of: "policy_owners"), "policy_owners names the unknown member \"\(owner)\"; add them under members")
        }
        let ownersWithKeys = policy.policyOwners.filter { policy.member($0)?.keys.isEmpty == false }.count
        if policy.policyApprovals < 1 {
            fail(line(of: "policy_approvals"), "policy_approvals is \(policy.policyApprovals); use 1 (an owner alone) or more")
        } else if policy.policyApprovals > ownersWithKeys {
            fail(line(of: "policy_approvals"), "policy_approvals is \(policy.policyApprovals) but only \(ownersWithKeys) policy owner(s) have a key; the policy could never change again, so add owners or lower it")
        }
        if policy.protectedBranches.isEmpty {
            fail(line(of: "protected_branches"), "protected_branches is empty; name the branch whose history is the sign-off log, such as main")
        }
        guard let entries = top["separation_of_duties"]?.node.sequence else { return }
        for (index, roles) in policy.separationOfDuties.enumerated() {
            let entryLine = entries.count > index ? entries[index].mark?.line : line(of: "separation_of_duties")
            if roles.count < 2 {
                fail(entryLine, "a separation_of_duties entry needs at least two roles to keep apart")
            }
            for role in roles where policy.role(role) == nil {
                fail(entryLine, "separation_of_duties names the unknown role \"\(role)\"")
            }
        }
    }
}
