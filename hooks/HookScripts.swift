/// The hook scripts `countersign hooks install` writes, compiled into the binary.
/// `@COUNTERSIGN@` is replaced with the absolute path of the installing binary.
public enum HookScripts {
    public static var preCommit: String { String(decoding: PackageResources.pre_commit, as: UTF8.self) }
    public static var preReceive: String { String(decoding: PackageResources.pre_receive, as: UTF8.self) }
    public static var postReceive: String { String(decoding: PackageResources.post_receive, as: UTF8.self) }

    /// The line every installed script carries, so a later install knows the hook is its own.
    public static let marker = "# countersign:"
}
