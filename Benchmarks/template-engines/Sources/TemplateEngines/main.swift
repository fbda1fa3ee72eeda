import Foundation
import LeafKit
import Mustache
import NIOCore
import NIOPosix
import Stencil

// Renders one page shaped like the site's signal page (a head with ~30 variables, two conditionals, a
// 5-item list, a 3-row table of 8 variables each, pre-rendered HTML) N times in each engine, on one thread,
// from plain context values, and prints the time per page. The three templates say the same thing, and the
// outputs are compared byte for byte. Usage: swift run -c release TemplateEngines [N]

let mustacheText = """
    <!DOCTYPE html><html data-root="{{root}}"><head><title>{{page_title}} · {{registry_name}}</title>
    <link rel="canonical" href="{{canonical_url}}"><link rel="stylesheet" href="{{root}}assets/site.css"></head>
    <body><a href="{{root}}index.html">{{registry_name}} {{registry_version}}</a>
    <nav><a href="{{root}}a.html">A</a><a href="{{root}}b.html">B</a><a href="{{root}}c.html">C</a><a href="{{search_url}}">S</a></nav>
    <h1>{{name}}</h1><p><code>{{id}}</code> <span class="sev-{{severity}}">{{severity}}</span> {{status}}</p>
    {{#deprecated}}<p>Deprecated in {{deprecated_in}}</p>{{/deprecated}}
    <div>{{{description_html}}}</div><dl><dt>Domain</dt><dd><a href="{{domain_url}}">{{domain}}</a></dd>
    <dt>Category</dt><dd><a href="{{category_url}}">{{category}}</a></dd><dd>{{{applicability_html}}}</dd>
    <dd>{{introduced_in}}</dd><dd>{{definition_ref}}</dd></dl>
    {{#has_tags}}<ul>{{#tags}}<li>{{.}}</li>{{/tags}}</ul>{{/has_tags}}
    <table>{{#rows}}<tr><td><a href="{{url}}">{{control}}</a> {{title}}</td><td>{{relationship}}</td><td>{{confidence}} {{provenance}}</td><td>{{{justification_html}}}</td><td>{{framework}}</td><td>{{root}}</td></tr>{{/rows}}</table>
    <p><a href="{{json_url}}">json</a> <a href="{{api_url}}">api</a> {{id}}</p>
    <footer>{{registry_name}} {{registry_version}} ({{registry_status}}), {{published_date}}. <a href="{{spec_url}}">{{spec_name}} {{spec_version}}</a></footer></body></html>
    """

let leafText = """
    <!DOCTYPE html><html data-root="#(root)"><head><title>#(page_title) · #(registry_name)</title>
    <link rel="canonical" href="#(canonical_url)"><link rel="stylesheet" href="#(root)assets/site.css"></head>
    <body><a href="#(root)index.html">#(registry_name) #(registry_version)</a>
    <nav><a href="#(root)a.html">A</a><a href="#(root)b.html">B</a><a href="#(root)c.html">C</a><a href="#(search_url)">S</a></nav>
    <h1>#(name)</h1><p><code>#(id)</code> <span class="sev-#(severity)">#(severity)</span> #(status)</p>
    #if(deprecated):<p>Deprecated in #(deprecated_in)</p>#endif
    <div>#unsafeHTML(description_html)</div><dl><dt>Domain</dt><dd><a href="#(domain_url)">#(domain)</a></dd>
    <dt>Category</dt><dd><a href="#(category_url)">#(category)</a></dd><dd>#unsafeHTML(applicability_html)</dd>
    <dd>#(introduced_in)</dd><dd>#(definition_ref)</dd></dl>
    #if(has_tags):<ul>#for(tag in tags):<li>#(tag)</li>#endfor</ul>#endif
    <table>#for(row in rows):<tr><td><a href="#(row.url)">#(row.control)</a> #(row.title)</td><td>#(row.relationship)</td><td>#(row.confidence) #(row.provenance)</td><td>#unsafeHTML(row.justification_html)</td><td>#(row.framework)</td><td>#(root)</td></tr>#endfor</table>
    <p><a href="#(json_url)">json</a> <a href="#(api_url)">api</a> #(id)</p>
    <footer>#(registry_name) #(registry_version) (#(registry_status)), #(published_date). <a href="#(spec_url)">#(spec_name) #(spec_version)</a></footer></body></html>
    """

// Stencil does not escape; the page's escaped values hold nothing to escape, so the bytes agree.
let stencilText = """
    <!DOCTYPE html><html data-root="{{ root }}"><head><title>{{ page_title }} · {{ registry_name }}</title>
    <link rel="canonical" href="{{ canonical_url }}"><link rel="stylesheet" href="{{ root }}assets/site.css"></head>
    <body><a href="{{ root }}index.html">{{ registry_name }} {{ registry_version }}</a>
    <nav><a href="{{ root }}a.html">A</a><a href="{{ root }}b.html">B</a><a href="{{ root }}c.html">C</a><a href="{{ search_url }}">S</a></nav>
    <h1>{{ name }}</h1><p><code>{{ id }}</code> <span class="sev-{{ severity }}">{{ severity }}</span> {{ status }}</p>
    {% if deprecated %}<p>Deprecated in {{ deprecated_in }}</p>{% endif %}
    <div>{{ description_html }}</div><dl><dt>Domain</dt><dd><a href="{{ domain_url }}">{{ domain }}</a></dd>
    <dt>Category</dt><dd><a href="{{ category_url }}">{{ category }}</a></dd><dd>{{ applicability_html }}</dd>
    <dd>{{ introduced_in }}</dd><dd>{{ definition_ref }}</dd></dl>
    {% if has_tags %}<ul>{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul>{% endif %}
    <table>{% for row in rows %}<tr><td><a href="{{ row.url }}">{{ row.control }}</a> {{ row.title }}</td><td>{{ row.relationship }}</td><td>{{ row.confidence }} {{ row.provenance }}</td><td>{{ row.justification_html }}</td><td>{{ row.framework }}</td><td>{{ root }}</td></tr>{% endfor %}</table>
    <p><a href="{{ json_url }}">json</a> <a href="{{ api_url }}">api</a> {{ id }}</p>
    <footer>{{ registry_name }} {{ registry_version }} ({{ registry_status }}), {{ published_date }}. <a href="{{ spec_url }}">{{ spec_name }} {{ spec_version }}</a></footer></body></html>
    """

func strings(_ i: Int) -> [String: String] {
    var d: [String: String] = [:]
    for k in [
        "root", "page_title", "registry_name", "canonical_url", "registry_version", "search_url", "name", "id", "severity", "status",
        "deprecated_in", "domain_url", "domain", "category_url", "category", "introduced_in", "definition_ref", "json_url", "api_url",
        "registry_status", "published_date", "spec_url", "spec_name", "spec_version",
    ] {
        d[k] = "\(k)-value-\(i)"
    }
    d["description_html"] = "<p>" + String(repeating: "Text of the description. ", count: 12) + "</p>"
    d["applicability_html"] = "<p>Applies to storage & databases.</p>"
    return d
}

let rowKeys = ["url", "control", "title", "relationship", "confidence", "provenance", "justification_html", "framework"]

func context(_ i: Int) -> [String: Any] {
    var ctx: [String: Any] = strings(i)
    ctx["deprecated"] = i % 2 == 0
    ctx["has_tags"] = true
    ctx["tags"] = ["a", "b", "c", "d", "e"]
    ctx["rows"] = (0..<3).map { r in Dictionary(uniqueKeysWithValues: rowKeys.map { ($0, "\($0)-\(r)") }) as [String: Any] }
    return ctx
}

func leafContext(_ i: Int) -> [String: LeafData] {
    var ctx: [String: LeafData] = strings(i).mapValues { .string($0) }
    ctx["deprecated"] = .bool(i % 2 == 0)
    ctx["has_tags"] = .bool(true)
    ctx["tags"] = .array(["a", "b", "c", "d", "e"].map { .string($0) })
    ctx["rows"] = .array((0..<3).map { r in .dictionary(Dictionary(uniqueKeysWithValues: rowKeys.map { ($0, LeafData.string("\($0)-\(r)")) })) })
    return ctx
}

final class MemorySource: LeafSource {
    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        eventLoop.makeSucceededFuture(ByteBuffer(string: leafText))
    }
}

/// Renders `n` pages with `render` (contexts built inside the timed loop, as a site build does) and prints
/// the time per page; returns the first and last pages for comparison.
func measure(_ name: String, _ n: Int, _ render: (Int) throws -> String) rethrows -> [String] {
    var samples: [String] = []
    let start = Date()
    for i in 0..<n {
        let page = try render(i)
        if i == 0 || i == n - 1 { samples.append(page) }
    }
    let perPage = Date().timeIntervalSince(start) / Double(n) * 1e6
    print(name.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: "%6d pages  %7.1f µs per page", n, perPage))
    return samples
}

let n = Int(CommandLine.arguments.dropFirst().first ?? "3000") ?? 3000

var library = MustacheLibrary()
try library.register(mustacheText, named: "page")
let mustachePages = measure("mustache", n) { library.render(context($0), withTemplate: "page")! }

let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let renderer = LeafRenderer(configuration: .init(rootDirectory: "/"), sources: .singleSource(MemorySource()), eventLoop: group.next())
let leafPages = try measure("leaf", n) { i in
    var buffer = try renderer.render(path: "page", context: leafContext(i)).wait()
    return buffer.readString(length: buffer.readableBytes)!
}
try group.syncShutdownGracefully()

let stencil = try Environment(loader: DictionaryLoader(templates: ["page": stencilText])).loadTemplate(name: "page")
let stencilPages = try measure("stencil", n) { try stencil.render(context($0)) }

print("same pages from all three engines: \(mustachePages == leafPages && leafPages == stencilPages ? "yes" : "NO")")
