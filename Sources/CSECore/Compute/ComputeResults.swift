/// The compute stage's results, built once per build and shared by every emitter that reads them
/// (compute documents, the static API, the HTML site).
struct ComputeResults: Sendable {
    let index: MappingIndex
    let crosswalks: CrosswalkSet
    let coverage: Coverage
    let stats: RegistryStatistics

    init(registry: Registry, timer: PhaseTimer = .disabled) {
        let index = timer.time("mapping index") { MappingIndex(registry) }
        let crosswalks = timer.time("crosswalks") { CrosswalkSet(registry: registry, index: index) }
        self.index = index
        self.crosswalks = crosswalks
        coverage = timer.time("coverage") { Coverage(registry: registry, index: index) }
        stats = timer.time("statistics") { RegistryStatistics(registry: registry, crosswalks: crosswalks) }
    }
}
