import Foundation
import Yams
import YAMLTokens

/// One parsed YAML file: its path, the rule its errors break, and where they are collected.
public final class YAMLFile {
    public let path: String
    let rule: Rule
    let diagnostics: FindingCollector
    /// The document's root node; nil when the text did not parse or the file is empty.
    private var node: Node?
    /// The document's root; nil when the text did not parse or the file is empty. Made on demand:
    /// a value refers to its file, so a stored root would keep the file alive forever.
    public var root: YAMLValue? { node.map { YAMLValue(node: $0, file: self) } }

    /// No regular expressions: `YAMLValue` resolves plain scalars itself (null, booleans exactly
    /// `true` and `false` as in YAML 1.2, so `yes` stays text, and decimal integers).
    private static let resolver = Resolver.basic
    /// One constructor for every file: Yams makes a new one for each `.default`, and every node of a
    /// parsed file keeps it alive through its tag. It holds only constants, so sharing it is safe.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Nesting deeper than this is refused: the composer is recursive.
    static let maxDepth = 64

    /// Parses `text`; a syntax error is reported with its line and leaves `root` nil.
    public init(path: String, text: String, rule: Rule, diagnostics: FindingCollector) {
        self.path = path
        self.rule = rule
        self.diagnostics = diagnostics
        // Anchors, aliases and merge keys are refused before anything is expanded, so that a file
        // any member can push parses in bounded time, and two readers cannot disagree on it.
        if let refusal = YAMLTokens.firstRefusal(in: text, maxDepth: YAMLFile.maxDepth) {
            diagnostics.add(rule, refusal.problem, path: path, line: refusal.line)
            return
        }
        do {
            node = try Yams.compose(yaml: text, YAMLFile.resolver, YAMLFile.constructor, .utf8)
        } catch let error as YamlError {
            let (line, problem) = YAMLFile.explain(error)
            diagnostics.add(rule, "YAML does not parse: \(problem)", path: path, line: line)
        } catch {
            diagnostics.add(rule, "YAML does not parse: \(error)", path: path, line: nil)
        }
    }

    /// Reads and parses `path` from `source`; nil (with nothing reported) when the file is absent.
    public static func load(_ path: String, from source: FileSource, rule: Rule, into diagnostics: FindingCollector) throws -> YAMLFile? {
        guard let text = try TextFile.read(path, from: source, into: diagnostics, rule: rule) else { return nil }
        return YAMLFile(path: path, text: text, rule: rule, diagnostics: diagnostics)
    }

    /// The root as a mapping with the given keys; an empty file is reported as such.
    public func rootMapping(_ what: String, allowed: [String]) -> YAMLMapping? {
        guard let root else {
            if diagnostics.violations.last?.path != path {
                diagnostics.add(rule, "file is empty; \(what) needs the keys \(allowed.joined(separator: ", "))", path: path, line: 1)
            }
            return nil
        }
        return root.mapping(what, allowed: allowed)
    }

    private static func explain(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (mark.line, detail.trimmingCharacters(in: .whitespaces))
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, "the key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in one mapping; keep one")
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}
