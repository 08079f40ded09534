/// One thing a review's people do: commit files, or sign a step (a signed tag and its anchor).
enum ReviewAction {
    case write(member: String, files: [String: String?], message: String)
    /// `requires` names the prerequisite steps whose latest sign-offs the tag names.
    case signOff(step: String, member: String, round: Int, requires: [String], decision: String?)
}
