import HTTPTypes
public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore

/// The HTTP front of a ``ServedRegistry``: turns Hummingbird's requests into ``ServedRequest``s and the
/// answers back into responses. Everything the server decides is in ``ServedRegistry``.
public struct RegistryResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let registry: ServedRegistry

    public init(registry: ServedRegistry) { self.registry = registry }

    public func respond(to request: Request, context: Context) async throws -> Response {
        var served = ServedRequest(
            method: request.method.rawValue, path: request.uri.path, query: ServedRequest.parse(query: request.uri.query ?? ""),
            ifNoneMatch: request.headers[.ifNoneMatch], contentType: request.headers[.contentType])
        let limit = ServedRegistry.maximumBodySize
        let answer: ServedResponse
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            // Refused from its declared length, before a byte of it is read.
            answer = registry.respond(to: served, tooLarge: true)
        } else if request.method == .post {
            do {
                served.body = Array(buffer: try await request.body.collect(upTo: limit))
                answer = registry.respond(to: served)
            } catch {
                answer = registry.respond(to: served, tooLarge: true)
            }
        } else {
            answer = registry.respond(to: served)
        }
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
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
        var logger = Logger(label: "cse.serve")
        logger.logLevel = logLevel
        return Application(
            responder: RegistryResponder(registry: registry),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(idleTimeout))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "cse"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
