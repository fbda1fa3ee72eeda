/// A matcher for the common subset of ECMA-262 patterns, run over the UTF-8 bytes of ASCII text.
///
/// Supported: literals, `.`, `^`, `$`, classes with ranges and negation, `\d \D \w \W \s \S`, escaped
/// punctuation and `\t \n \r \f \v`, groups `( )` and `(?: )`, alternation and the quantifiers
/// `* + ? {n} {n,} {n,m}` (greedy or lazy: only whether a match exists matters). Anything else (look-around,
/// back-references, `\b` (also `[\b]`, which ICU reads as `b`), `\p{…}`, `\u…`, non-ASCII pattern text, Annex B oddities) makes ``init(_:)``
/// return nil and the caller falls back to ICU. Matching is a Pike VM (a Thompson NFA simulation without
/// captures): linear in the text, no allocation beyond a small stack buffer, no UTF-16 conversion.
///
/// For ASCII text every supported construct means exactly what ECMA-262 says: `.` excludes only `\n`
/// and `\r` (the other line terminators are not ASCII), `\s` is `[\t\n\v\f\r ]`, `$` is the end of input.
struct ASCIIRegex: Sendable {
    private enum Op: UInt8 { case byte, split, jump, start, end, match }

    /// Instruction `i` is `(ops[i], a[i], b[i])`: `byte` tests set `a` then continues at `i + 1`;
    /// `split` continues at `a` and `b`; `jump` at `a`; `start`/`end` assert and continue at `i + 1`.
    private let ops: [Op]
    private let a: [Int32]
    private let b: [Int32]
    private let sets: [ByteSet]
    private let anchored: Bool

    struct ByteSet: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        mutating func insert(_ c: UInt8) {
            if c < 64 { low |= 1 << UInt64(c) } else if c < 128 { high |= 1 << UInt64(c - 64) }
        }

        mutating func insert(_ range: ClosedRange<UInt8>) { for c in range { insert(c) } }
        mutating func formUnion(_ o: ByteSet) {
            low |= o.low
            high |= o.high
        }

        @inline(__always) func contains(_ c: UInt8) -> Bool {
            c < 64 ? low & (1 << UInt64(c)) != 0 : (c < 128 && high & (1 << UInt64(c &- 64)) != 0)
        }

        var inverted: ByteSet { ByteSet(low: ~low, high: ~high) }

        static func of(_ s: String) -> ByteSet {
            var set = ByteSet()
            for c in s.utf8 { set.insert(c) }
            return set
        }

        static let digit: ByteSet = {
            var s = ByteSet(); s.insert(48...57); return s
        }()
        static let word: ByteSet = {
            var s = ByteSet(); s.insert(48...57); s.insert(65...90); s.insert(97...122); s.insert(95); return s
        }()
        static let space: ByteSet = {
            var s = ByteSet(); s.insert(9...13); s.insert(32); return s
        }()
        static let dot: ByteSet = {
            var s = ByteSet().inverted; s.low &= ~((1 << 10) | (1 << 13)); return s
        }()
    }

    private indirect enum Tree {
        case set(ByteSet)
        case start, end
        case sequence([Tree])
        case alternation([Tree])
        case repetition(Tree, min: Int, max: Int?)
    }

    private struct Unsupported: Error {}

    /// Compiles `pattern`, or returns nil when it uses anything outside the supported subset.
    init?(_ pattern: String) {
        guard pattern.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parser = Parser(bytes: Array(pattern.utf8))
        guard let tree = try? parser.parseAll() else { return nil }
        var emitter = Emitter()
        do {
            try emitter.emit(tree)
        } catch {
            return nil
        }
        emitter.append(.match, 0, 0)
        ops = emitter.ops
        a = emitter.a
        b = emitter.b
        sets = emitter.sets
        if case .sequence(let items) = tree, case .start = items.first {
            anchored = true
        } else if case .start = tree {
            anchored = true
        } else {
            anchored = false
        }
    }

    // MARK: - Parsing

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func parseAll() throws(Unsupported) -> Tree {
            let tree = try alternation()
            guard i == bytes.count else { throw Unsupported() }
            return tree
        }

        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func alternation() throws(Unsupported) -> Tree {
            var branches = [try sequence()]
            while peek == UInt8(ascii: "|") {
                i += 1
                branches.append(try sequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() throws(Unsupported) -> Tree {
            var items: [Tree] = []
            while let c = peek, c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
                items.append(try term())
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func term() throws(Unsupported) -> Tree {
            let c = bytes[i]
            i += 1
            let atom: Tree
            switch c {
            case UInt8(ascii: "^"):
                if isQuantifier(peek) { throw Unsupported() }
                return .start
            case UInt8(ascii: "$"):
                if isQuantifier(peek) { throw Unsupported() }
                return .end
            case UInt8(ascii: "("):
                if peek == UInt8(ascii: "?") {
                    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ":") else { throw Unsupported() }
                    i += 2
                }
                let inner = try alternation()
                guard peek == UInt8(ascii: ")") else { throw Unsupported() }
                i += 1
                atom = inner
            case UInt8(ascii: "."):
                atom = .set(.dot)
            case UInt8(ascii: "["):
                atom = .set(try characterClass())
            case UInt8(ascii: "\\"):
                atom = .set(try escape(inClass: false))
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                throw Unsupported()
            default:
                guard c >= 0x20, c < 0x7F else { throw Unsupported() }
                var set = ByteSet()
                set.insert(c)
                atom = .set(set)
            }
            return try quantified(atom)
        }

        func isQuantifier(_ c: UInt8?) -> Bool {
            c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: "?") || c == UInt8(ascii: "{")
        }

        mutating func quantified(_ atom: Tree) throws(Unsupported) -> Tree {
            guard let c = peek, isQuantifier(c) else { return atom }
            i += 1
            let min: Int, max: Int?
            switch c {
            case UInt8(ascii: "*"): (min, max) = (0, nil)
            case UInt8(ascii: "+"): (min, max) = (1, nil)
            case UInt8(ascii: "?"): (min, max) = (0, 1)
            default:
                guard let lower = number() else { throw Unsupported() }
                if peek == UInt8(ascii: ",") {
                    i += 1
                    if peek == UInt8(ascii: "}") {
                        (min, max) = (lower, nil)
                    } else {
                        guard let upper = number(), upper >= lower else { throw Unsupported() }
                        (min, max) = (lower, upper)
                    }
                } else {
                    (min, max) = (lower, lower)
                }
                guard peek == UInt8(ascii: "}") else { throw Unsupported() }
                i += 1
            }
            if peek == UInt8(ascii: "?") { i += 1 }
            if isQuantifier(peek) { throw Unsupported() }
            guard min <= 100, (max ?? 0) <= 100 else { throw Unsupported() }
            return .repetition(atom, min: min, max: max)
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while let c = peek, c >= 48, c <= 57, digits < 6 {
                value = value * 10 + Int(c - 48)
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : value
        }

        /// After a backslash.
        mutating func escape(inClass: Bool) throws(Unsupported) -> ByteSet {
            guard let c = peek else { throw Unsupported() }
            i += 1
            var set = ByteSet()
            switch c {
            case UInt8(ascii: "d"): return .digit
            case UInt8(ascii: "D"): return ByteSet.digit.inverted
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return ByteSet.word.inverted
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return ByteSet.space.inverted
            case UInt8(ascii: "t"): set.insert(9)
            case UInt8(ascii: "n"): set.insert(10)
            case UInt8(ascii: "v"): set.insert(11)
            case UInt8(ascii: "f"): set.insert(12)
            case UInt8(ascii: "r"): set.insert(13)
            default:
                // Identity escapes of syntax characters only; letters, digits and the rest mean something
                // else (or are errors in Unicode mode).
                guard "^$\\.*+?()[]{}|/-".utf8.contains(c) else { throw Unsupported() }
                set.insert(c)
            }
            return set
        }

        /// After `[`.
        mutating func characterClass() throws(Unsupported) -> ByteSet {
            var negated = false
            if peek == UInt8(ascii: "^") {
                negated = true
                i += 1
            }
            if peek == UInt8(ascii: "]") { throw Unsupported() }
            var set = ByteSet()
            while true {
                guard let c = peek else { throw Unsupported() }
                i += 1
                if c == UInt8(ascii: "]") { break }
                // One class atom: a single byte (range endpoint) or a class escape.
                var single: UInt8?
                if c == UInt8(ascii: "\\") {
                    let start = i
                    let escaped = try escape(inClass: true)
                    let letter = bytes[start]
                    if "dDwWsS".utf8.contains(letter) {
                        if peek == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "]") {
                            throw Unsupported()
                        }
                        set.formUnion(escaped)
                        continue
                    }
                    single =
                        escaped.low != 0
                        ? UInt8(escaped.low.trailingZeroBitCount)
                        : UInt8(64 + escaped.high.trailingZeroBitCount)
                } else {
                    guard c >= 0x20, c < 0x7F else { throw Unsupported() }
                    single = c
                }
                guard let lo = single else { throw Unsupported() }
                if peek == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "]") {
                    i += 1
                    guard let d = peek else { throw Unsupported() }
                    i += 1
                    let hi: UInt8
                    if d == UInt8(ascii: "\\") {
                        let start = i
                        let escaped = try escape(inClass: true)
                        if "dDwWsS".utf8.contains(bytes[start]) { throw Unsupported() }
                        hi =
                            escaped.low != 0
                            ? UInt8(escaped.low.trailingZeroBitCount)
                            : UInt8(64 + escaped.high.trailingZeroBitCount)
                    } else {
                        guard d >= 0x20, d < 0x7F else { throw Unsupported() }
                        hi = d
                    }
                    guard lo <= hi else { throw Unsupported() }
                    set.insert(lo...hi)
                } else {
                    set.insert(lo)
                }
            }
            return negated ? set.inverted : set
        }
    }

    // MARK: - Compiling

    private struct Emitter {
        var ops: [Op] = []
        var a: [Int32] = []
        var b: [Int32] = []
        var sets: [ByteSet] = []

        @discardableResult
        mutating func append(_ op: Op, _ x: Int, _ y: Int) -> Int {
            ops.append(op)
            a.append(Int32(x))
            b.append(Int32(y))
            return ops.count - 1
        }

        mutating func emit(_ tree: Tree) throws(Unsupported) {
            guard ops.count < 4000 else { throw Unsupported() }
            switch tree {
            case .set(let s):
                let index: Int
                if let found = sets.firstIndex(of: s) {
                    index = found
                } else {
                    sets.append(s)
                    index = sets.count - 1
                }
                append(.byte, index, 0)
            case .start: append(.start, 0, 0)
            case .end: append(.end, 0, 0)
            case .sequence(let items):
                for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = append(.split, ops.count + 1, 0)
                        try emit(branch)
                        jumps.append(append(.jump, 0, 0))
                        b[split] = Int32(ops.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { a[j] = Int32(ops.count) }
            case .repetition(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(append(.split, ops.count + 1, 0))
                        try emit(inner)
                    }
                    for s in splits { b[s] = Int32(ops.count) }
                } else {
                    let loop = append(.split, ops.count + 1, 0)
                    try emit(inner)
                    append(.jump, loop, 0)
                    b[loop] = Int32(ops.count)
                }
            }
        }
    }

    // MARK: - Matching

    /// Whether the pattern matches anywhere in `text`, which must be ASCII.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = ops.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 5 + 2) { buffer -> Bool in
            let base = buffer.baseAddress!
            let marks = base, current = base + count, next = base + 2 * count, stack = base + 3 * count
            marks.initialize(repeating: -1, count: count)
            return ops.withUnsafeBufferPointer { ops in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        sets.withUnsafeBufferPointer { sets in
                            var clist = current, nlist = next
                            var ccount = 0, ncount = 0
                            let n = text.count
                            // Adds the thread at `pc` and its epsilon closure at position `pos` to `list`;
                            // true when it reaches `match`.
                            func add(_ pc: Int32, _ pos: Int, _ list: UnsafeMutablePointer<Int32>, _ size: inout Int) -> Bool {
                                let generation = Int32(pos)
                                var top = 0
                                stack[0] = pc
                                top = 1
                                while top > 0 {
                                    top -= 1
                                    let p = Int(stack[top])
                                    if marks[p] == generation { continue }
                                    marks[p] = generation
                                    switch ops[p] {
                                    case .byte:
                                        list[size] = Int32(p)
                                        size += 1
                                    case .split:
                                        stack[top] = b[p]
                                        stack[top + 1] = a[p]
                                        top += 2
                                    case .jump:
                                        stack[top] = a[p]
                                        top += 1
                                    case .start:
                                        if pos == 0 {
                                            stack[top] = Int32(p + 1)
                                            top += 1
                                        }
                                    case .end:
                                        if pos == n {
                                            stack[top] = Int32(p + 1)
                                            top += 1
                                        }
                                    case .match:
                                        return true
                                    }
                                }
                                return false
                            }
                            var pos = 0
                            while true {
                                if pos == 0 || !anchored {
                                    if add(0, pos, clist, &ccount) { return true }
                                }
                                if ccount == 0 && (anchored || pos >= n) { return false }
                                if pos >= n { return false }
                                let c = text[pos]
                                ncount = 0
                                for k in 0..<ccount {
                                    let p = Int(clist[k])
                                    if sets[Int(a[p])].contains(c) {
                                        if add(Int32(p + 1), pos + 1, nlist, &ncount) { return true }
                                    }
                                }
                                swap(&clist, &nlist)
                                ccount = ncount
                                pos += 1
                            }
                        }
                    }
                }
            }
        }
    }
}
