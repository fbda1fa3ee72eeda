import CSEDiagnostics
import CompressNIO
import Foundation
import HTTPTypes
public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import ServiceLifecycle

/// The HTTP front of a ``ServedRegistry``: turns Hummingbird's requests into ``ServedRequest``s and the
/// answers back into responses. Everything the server decides is in ``ServedRegistry``; when it watches the
/// registry (`--watch`), this front also adds live reload to the site's pages and shows a failed rebuild.
public struct RegistryResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let live: LiveRegistry
    let watching: Bool
    /// API keys and their rate limits, when the server was started with them.
    let access: AccessControl?

    public init(live: LiveRegistry, watching: Bool, access: AccessControl? = nil) {
        self.live = live
        self.watching = watching
        self.access = access
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let state = live.current
        if watching, request.uri.path == LiveReload.eventsPath { return LiveReload.events(live) }
        let gzip = Compression.accepts(request.headers[.acceptEncoding])
        var served = ServedRequest(
            method: request.method.rawValue, path: request.uri.path, query: ServedRequest.parse(query: request.uri.query ?? ""),
            ifNoneMatch: watching ? nil : request.headers[.ifNoneMatch].map(Compression.identityTags), contentType: request.headers[.contentType])
        let limit = ServedRegistry.maximumBodySize
        var answer: ServedResponse
        let (refusal, rateHeaders) =
            access?.check(path: served.path, authorization: request.headers[.authorization], now: Int64(Date().timeIntervalSince1970)) ?? (nil, [])
        if let refusal {
            answer = refusal
        } else if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            // Refused from its declared length, before a byte of it is read.
            answer = state.served.respond(to: served, tooLarge: true)
        } else if request.method == .post {
            do {
                served.body = Array(buffer: try await request.body.collect(upTo: limit))
                answer = state.served.respond(to: served)
            } catch {
                answer = state.served.respond(to: served, tooLarge: true)
            }
        } else {
            answer = state.served.respond(to: served)
        }
        if watching { answer = LiveReload.page(answer, path: served.path, state: state) }
        answer.headers += rateHeaders
        answer = Compression.apply(answer, gzip: gzip, tagged: request.headers[.ifNoneMatch]?.contains("-gzip\"") == true)
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// gzip for clients that accept it: text bodies of 1 KiB or more. The compressed representation has its own
/// entity tag (`"<tag>-gzip"`), and a client's tags are read back without the suffix.
enum Compression {
    static let minimumSize = 1024

    /// Whether an `Accept-Encoding` header takes gzip (and not with `q=0`).
    static func accepts(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.lowercased().split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.first == "gzip" || fields.first == "*" else { continue }
            // A weight of zero (`q=0`, `q=0.0`, `q=0.000`) refuses it; any other weight, or none, takes it.
            let weight = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            return weight.map { $0 > 0 } ?? true
        }
        return false
    }

    static func identityTags(_ header: String) -> String { header.replacingOccurrences(of: "-gzip\"", with: "\"") }

    static func compressible(_ type: String?) -> Bool {
        guard let type else { return false }
        return type.hasPrefix("text/") && !type.hasPrefix("text/event-stream") || type.hasPrefix("application/json")
            || type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/atom+xml") || type.hasPrefix("application/xml")
            || type.hasPrefix("image/svg+xml")
    }

    /// `tagged`: the client's `If-None-Match` named a gzip tag, so a 304 answers with that tag.
    static func apply(_ response: ServedResponse, gzip: Bool, tagged: Bool) -> ServedResponse {
        var out = response
        let type = response.header("Content-Type")
        if compressible(type) || response.status == 304 { out.headers.append(("Vary", "Accept-Encoding")) }
        guard gzip else { return out }
        func gzipTag(_ headers: inout [(name: String, value: String)]) {
            if let i = headers.firstIndex(where: { $0.name == "ETag" }), headers[i].value.hasSuffix("\"") {
                headers[i].value = String(headers[i].value.dropLast()) + "-gzip\""
            }
        }
        if response.status == 304 {
            if tagged { gzipTag(&out.headers) }
            return out
        }
        guard compressible(type), response.body.count >= minimumSize else { return out }
        var buffer = ByteBuffer(bytes: response.body)
        guard let compressed = try? buffer.compress(with: .gzip()) else { return out }
        out.body = Array(buffer: compressed)
        out.headers = out.headers.filter { $0.name != "Content-Length" } + [("Content-Encoding", "gzip"), ("Content-Length", String(out.body.count))]
        gzipTag(&out.headers)
        return out
    }
}

/// Live reload for `cse serve --watch`: pages listen on a Server-Sent Events stream that sends the build's
/// generation, and reload when it changes; while the newest build has failed, every page is the list of its
/// problems (the API keeps answering from the last good build).
enum LiveReload {
    static let eventsPath = "/__cse/events"

    /// The events stream: the generation now, then each new one (checked every 100 ms), with a comment line
    /// every 15 s so that proxies keep the connection open.
    static func events(_ live: LiveRegistry) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var sent = -1
                var quiet = 0
                while !Task.isCancelled {
                    let generation = live.current.generation
                    if generation != sent {
                        try await writer.write(ByteBuffer(string: "data: \(generation)\n\n"))
                        sent = generation
                        quiet = 0
                    } else if quiet >= 150 {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        quiet = 0
                    }
                    try await Task.sleep(for: .milliseconds(100))
                    quiet += 1
                }
                try await writer.finish(nil)
            })
    }

    /// The script every page gets: reload when the generation differs from the one the page was made in.
    static func script(_ generation: Int) -> String {
        "<script>(()=>{const g=\"\(generation)\";const s=new EventSource(\"\(eventsPath)\");"
            + "s.onmessage=e=>{if(e.data!==g){s.close();location.reload()}}})()</script>"
    }

    /// A page with the live-reload script, or the failed build's problems in place of any page.
    static func page(_ response: ServedResponse, path: String, state: LiveRegistry.State) -> ServedResponse {
        let isPage = response.header("Content-Type")?.hasPrefix("text/html") == true
        guard !path.hasPrefix("/v1"), path != "/health" else { return response }
        if let failure = state.failure, isPage || response.status == 404 {
            let html = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>
                <style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:72rem}pre{background:#fff4f4;border:1px solid #e0b4b4;padding:1rem;overflow:auto;white-space:pre-wrap}</style>
                </head><body><h1>The registry does not build</h1><p>The API keeps answering from the last good build. This page reloads when the problems are fixed.</p>
                <pre>\(Escaping.markup(failure))</pre>\(script(state.generation))</body></html>
                """
            return ServedResponse(status: 500, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: Array(html.utf8))
        }
        guard isPage else { return response }
        var page = response
        let injected = Array(script(state.generation).utf8)
        if let end = lastIndex(of: Array("</body>".utf8), in: page.body) {
            page.body.insert(contentsOf: injected, at: end)
        } else {
            page.body += injected
        }
        page.headers =
            page.headers.filter { $0.name != "Content-Length" && $0.name != "ETag" } + [
                ("Content-Length", String(page.body.count)), ("Cache-Control", "no-store"),
            ]
        return page
    }

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}

/// `cse serve`'s application: the responder on an HTTP/1.1 server.
public enum RegistryServer {
    /// Seconds a connection may stay silent.
    public static let defaultIdleTimeout: Int64 = 15

    /// The application for `registry` at `host:port` (port 0: any free port); `onRunning` receives the port it
    /// listens on once it does.
    ///
    /// A connection that sends nothing for `idleTimeout` (a client that stalls in the middle of its headers
    /// included) is closed.
    public static func application(
        registry: ServedRegistry, host: String, port: Int, logLevel: Logger.Level = .notice, idleTimeout: Int64 = defaultIdleTimeout,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        application(live: LiveRegistry(registry), watching: false, host: host, port: port, logLevel: logLevel, idleTimeout: idleTimeout, onRunning: onRunning)
    }

    /// The application over a live registry; `watching` adds live reload and the failed-build page.
    public static func application(
        live: LiveRegistry, watching: Bool, access: AccessControl? = nil, host: String, port: Int, logLevel: Logger.Level = .notice,
        idleTimeout: Int64 = defaultIdleTimeout, services: [any Service] = [], onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "cse.serve")
        logger.logLevel = logLevel
        return Application(
            responder: RegistryResponder(live: live, watching: watching, access: access),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(idleTimeout))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "cse"),
            services: services, onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
