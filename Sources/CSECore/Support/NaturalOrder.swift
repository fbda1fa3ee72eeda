/// The order people read control IDs in: runs of digits compare as numbers, everything else byte by byte,
/// so `AC-2` comes before `AC-10`, `1.2` before `10.1` and `164.308(a)(1)` before `164.308(a)(10)`. Equal
/// by that measure (`AC-02` and `AC-2`), IDs fall back to byte order, so the order is total and the same on
/// every machine. The site lists controls this way; files and the API keep byte order (docs/api.md).
enum NaturalOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        // On the strings' own UTF-8 storage: a sort calls this n log n times, so it copies nothing.
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in precedes(x, y) } }
    }

    private static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                let si = i, sj = j
                while i < x.count, isDigit(x[i]) { i += 1 }
                while j < y.count, isDigit(y[j]) { j += 1 }
                // Compare the numbers without converting them (they may be longer than an Int holds).
                let dx = x[si..<i].drop { $0 == UInt8(ascii: "0") }, dy = y[sj..<j].drop { $0 == UInt8(ascii: "0") }
                if dx.count != dy.count { return dx.count < dy.count }
                if !dx.elementsEqual(dy) { return dx.lexicographicallyPrecedes(dy) }
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        if (x.count - i) != (y.count - j) { return (x.count - i) < (y.count - j) }
        return x.lexicographicallyPrecedes(y)
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

extension ControlKey {
    /// Framework code, then control ID in ``NaturalOrder``.
    static func naturallyPrecedes(_ a: ControlKey, _ b: ControlKey) -> Bool {
        a.framework != b.framework ? a.framework.utf8.lexicographicallyPrecedes(b.framework.utf8) : NaturalOrder.precedes(a.control, b.control)
    }
}
