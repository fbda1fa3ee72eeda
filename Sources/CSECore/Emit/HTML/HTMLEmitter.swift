import CSEDiagnostics
import CSEMarkdown
import Foundation

/// The HTML documentation site (output kind `html`, docs/site.md).
///
/// Reuses the compute stage (mapping index, crosswalks, coverage, statistics) and never recomputes it.
/// Page contexts are plain dictionaries rendered by the run-time templates. Pages are deferred files: each
/// renders on a writing thread as it is written (from one ``TemplateLibrary``), so the site's pages are
/// never all in memory at once, and a page that cannot be rendered stops the build (``RenderFailures``).
struct HTMLEmitter: OutputEmitter {
    var context: BuildContext
    var results: ComputeResults
    /// The published JSON Schemas, which the specification page lists.
    var schemas: SchemaCatalog

    /// One page to render: its path, its template and how to build its context.
    enum Page: Sendable {
        case home, frameworks, crosswalks, search, gapAnalysis, releases, spec, notFound
        /// Page n (1-based) of the Signals page: one page unless the registry has more than
        /// ``Site/allSignalsPageLimit`` signals.
        case signals(Int)
        case domain(String)
        case category(String, String)
        case signal(Int)
        case framework(Int)
        case control(ControlKey)
        /// Page n (1-based) of a crosswalk pair's rows.
        case crosswalk(String, String, Int)
        /// Page n (1-based) of a static filter's signals.
        case filteredSignals(SignalFilter, Int)
    }

    /// The site's files, or the diagnostics that stop it (no templates, template errors).
    func files() -> ([OutputFile], [Diagnostic]) {
        guard let templates = context.templates else {
            return (
                [],
                [
                    Diagnostic(
                        .templateFolderMissing, range: nil,
                        summary: "the output 'html' needs the site's templates, but the registry has no '\(context.config.site.templatesDirectory)/' folder",
                        hint:
                            "copy templates/ from the CSE registry repository into the registry root (or set site.templates in cse.yaml), or remove 'html' from outputs"
                    )
                ]
            )
        }
        let site = Site(context: context, templates: templates, results: results, schemas: schemas)
        var pages: [Page] = [.home]
        pages += (1...site.allSignalsPageCount).map(Page.signals)
        pages += [.frameworks, .crosswalks, .search, .gapAnalysis, .releases, .spec, .notFound]
        for d in site.stats.domains {
            pages.append(.domain(d.name))
            for c in d.categories { pages.append(.category(d.name, c.name)) }
        }
        pages += context.registry.signals.indices.map(Page.signal)
        for f in site.signalFilters {
            pages += (1...site.filterPageCount(f)).map { Page.filteredSignals(f, $0) }
        }
        pages += context.registry.frameworks.indices.map(Page.framework)
        for fw in context.registry.frameworks {
            pages += fw.controls.map { Page.control(ControlKey(fw.code, $0.id)) }
        }
        let codes = context.registry.frameworks.map(\.code)
        for i in codes.indices {
            for j in codes.indices where j > i {
                pages += (1...site.crosswalkPageCount(codes[i], codes[j])).map { Page.crosswalk(codes[i], codes[j], $0) }
            }
        }
        // Pages are rendered as they are written (deferred files), so the site is never all in memory.
        let located = pages.map { site.location($0) }
        let missing = Set(located.map(\.template)).filter { !templates.has($0) }.sorted()
        guard missing.isEmpty else {
            return (
                [],
                missing.map {
                    Diagnostic(
                        .templateMissing, range: .file(templates.directory),
                        summary: "the site has no '\(templates.directory)/\($0).mustache' template", hint: "add the template")
                }
            )
        }
        let shared = SharedSite(site)
        var files: [OutputFile] = zip(pages, located).map { page, location in
            OutputFile(path: location.path, render: { () throws(OutputFile.RenderFailure) in try shared.site.render(page, at: location) })
        }
        for (path, bytes) in templates.assets.sorted(by: { $0.key < $1.key }) { files.append(OutputFile(path: "assets/" + path, bytes: bytes)) }
        files += SiteFeeds(site: site).files(pages: files.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" })
        files += SearchIndex(registry: context.registry, index: site.index).files()
        return (files, [])
    }
}

/// One site shared by every page's render function (instead of a copy of its members in each).
private final class SharedSite: Sendable {
    let site: Site

    init(_ site: Site) { self.site = site }
}
