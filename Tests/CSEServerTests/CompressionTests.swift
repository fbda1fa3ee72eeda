import Testing

@testable import CSEServer

/// Which `Accept-Encoding` headers take gzip: by name or `*`, unless weighted zero.
@Suite struct CompressionTests {
    @Test(arguments: [
        ("gzip", true), ("deflate, gzip", true), ("gzip;q=0.5", true), ("GZIP; q=1", true), ("*", true), ("br;q=1, *;q=0.1", true),
        ("gzip;q=0", false), ("gzip;q=0.0", false), ("gzip; q=0.000", false), ("deflate", false), ("", false), ("identity", false),
    ])
    func acceptsGzip(header: String, accepted: Bool) {
        #expect(Compression.accepts(header) == accepted, "\(header)")
    }
}
