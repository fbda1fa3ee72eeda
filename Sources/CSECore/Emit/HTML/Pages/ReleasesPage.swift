/// `releases/index.html` (template `releases`): every published release, newest first, with its counts, its
/// declarations and what it did to each signal (its Atom feed is ``SiteFeeds/releases()``).
struct ReleasesPage: TemplateContext {
    /// A signal a release added, changed, deprecated, reactivated or removed.
    struct SignalChange: TemplateContext {
        var id: String
        /// Set when the signal is in this registry (a removed one has no page).
        var url: String?
        var name: String?
        var action: String
        /// The changed fields, or the change's reason.
        var detail: String?

        func publish(into m: inout TemplateMembers) {
            m.set("id", id)
            m.set("url", url)
            m.set("name", name)
            m.set("action", action)
            m.set("detail", detail)
        }
    }

    struct Declaration: TemplateContext {
        var signal: String
        var kind: String
        var reason: String

        func publish(into m: inout TemplateMembers) {
            m.set("signal", signal)
            m.set("kind", kind)
            m.set("reason", reason)
        }
    }

    struct Release: TemplateContext {
        var version: String
        /// `v<version>`: the page anchor and the git tag.
        var anchor: String
        var date: String
        var level: String
        var previous: String?
        var checksum: String
        var signals: Int
        var mappings: Int
        var added: Int
        var changed: Int
        var deprecated: Int
        var removed: Int
        /// The static API's changes document, when the API is built.
        var changesURL: String?
        var declarations: [Declaration]?
        var signalChanges: [SignalChange]?

        func publish(into m: inout TemplateMembers) {
            m.set("version", version)
            m.set("anchor", anchor)
            m.set("date", date)
            m.set("level", level)
            m.set("previous", previous)
            m.set("checksum", checksum)
            m.set("signals", signals)
            m.set("mappings", mappings)
            m.set("added", added)
            m.set("changed", changed)
            m.set("deprecated", deprecated)
            m.set("removed", removed)
            m.set("changes_url", changesURL)
            m.set("declarations", declarations)
            m.set("signal_changes", signalChanges)
            m.set("signal_change_count", signalChanges?.count)
        }
    }

    var pageTitle: String
    var releases: [Release]
    var feedURL: String

    func publish(into m: inout TemplateMembers) {
        m.set("page_title", pageTitle)
        m.flag("nav_releases", true)
        m.set("releases", releases)
        m.set("feed_url", feedURL)
    }
}

extension Site {
    func releasesPage() -> ReleasesPage {
        let page = SitePaths.releases
        let root = SitePaths.root(of: page)
        let history = context.history
        let apiBuilt = config.outputs.contains(.api)
        let releases = (history?.releases.entries ?? []).map { e in
            ReleasesPage.Release(
                version: e.version, anchor: SitePaths.releaseAnchor(e.version), date: String(e.publishedAt.prefix(10)), level: e.level,
                previous: e.previous, checksum: e.checksum, signals: e.signals, mappings: e.mappings, added: e.added, changed: e.changed,
                deprecated: e.deprecated, removed: e.removed,
                changesURL: apiBuilt && history?.changes[e.version] != nil ? root + "v1/releases/\(e.version)/changes.json" : nil,
                declarations: e.declarations.map { ReleasesPage.Declaration(signal: $0.signal, kind: $0.kind.rawValue, reason: $0.reason) }.nonEmpty,
                signalChanges: (history?.signalChanges[e.version] ?? []).map { c in
                    let signal = registry.signal(c.id)
                    return ReleasesPage.SignalChange(
                        id: c.id, url: signal.map { root + SitePaths.signal($0) }, name: signal?.canonicalName ?? c.title, action: c.action,
                        detail: Self.detail(c))
                }.nonEmpty)
        }
        return ReleasesPage(pageTitle: "Releases", releases: releases, feedURL: root + SitePaths.releasesFeed)
    }

    /// What a change did, in a few words: the changed fields, else its reason.
    static func detail(_ change: PublishedHistory.SignalChange) -> String? {
        change.action == "changed" && !change.fields.isEmpty ? change.fields.joined(separator: ", ") : change.reason
    }
}
