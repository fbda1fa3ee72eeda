import CSEDiagnostics
import CSEMarkdown
import Foundation

/// What a link written in a README points at, by the rules the site publishes it with (docs/site.md "Links").
enum ReadmeLinkTarget: Hashable {
    /// A URL with a scheme (`https:`, `mailto:`) or a network path (`//host/…`): kept as written.
    case external
    /// `#anchor` inside the same README.
    case fragment(String)
    /// A signal ID written as the destination.
    case signalID(String)
    /// A relative path into a signal folder (`../OTHER-ID/README.md`, `../OTHER-ID/`), by folder ID.
    case signalFolder(String)
    /// A relative path into `frameworks/<CODE>/`.
    case framework(String)
    /// Any other relative path, resolved from the registry root.
    case file(String)
    /// A relative path that climbs out of the registry.
    case outsideRoot

    /// Classifies a destination written in the file at `file` (a root-relative path).
    init(_ destination: String, in file: String) {
        if destination.hasPrefix("#") {
            self = .fragment(String(destination.dropFirst()))
            return
        }
        if SignalIDScanner.isSignalID(destination) {
            self = .signalID(destination)
            return
        }
        if destination.hasPrefix("//") || Self.hasScheme(destination) {
            self = .external
            return
        }
        var path = destination
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        var parts: [Substring] = path.hasPrefix("/") ? [] : file.split(separator: "/").dropLast()
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty {
                    self = .outsideRoot
                    return
                }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        if parts.count >= 4, parts[0] == "signals" {
            self = .signalFolder(String(parts[3]))
        } else if parts.count >= 2, parts[0] == "frameworks" {
            self = .framework(String(parts[1]))
        } else {
            self = .file(parts.joined(separator: "/"))
        }
    }

    static func hasScheme(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        return scheme.first!.isLetter && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
