import Testing

@testable import CSECore

@Suite struct NaturalOrderTests {
    @Test func controlIDsSortAsPeopleReadThem() {
        let ids = [
            "AC-10", "AC-2(10)", "AC-2", "AC-2(2)", "AC-1", "10.1", "1.2", "1.10", "164.308(a)(10)", "164.308(a)(1)", "A.5.10", "A.5.9",
            "CC6.1", "CC10.1", "AC-02",
        ]
        #expect(
            ids.sorted(by: NaturalOrder.precedes) == [
                "1.2", "1.10", "10.1", "164.308(a)(1)", "164.308(a)(10)", "A.5.9", "A.5.10", "AC-1", "AC-02", "AC-2", "AC-2(2)", "AC-2(10)",
                "AC-10", "CC6.1", "CC10.1",
            ])
    }

    /// A strict weak order: irreflexive, asymmetric, and total on distinct strings (ties broken by bytes).
    @Test func theOrderIsTotalAndStrict() {
        let ids = ["a", "a0", "a00", "a1", "a01", "a10", "b", "", "0", "00", "99999999999999999999999", "100000000000000000000000"]
        for a in ids {
            #expect(!NaturalOrder.precedes(a, a))
            for b in ids where b != a {
                #expect(NaturalOrder.precedes(a, b) != NaturalOrder.precedes(b, a), "\(a) vs \(b)")
            }
        }
        #expect(NaturalOrder.precedes("99999999999999999999999", "100000000000000000000000"))
    }
}
