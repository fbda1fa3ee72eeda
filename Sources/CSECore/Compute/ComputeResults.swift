/// The compute stage's results, built once per build and shared by every emitter that reads them
/// (compute documents, the static API, the HTML site).
struct ComputeResults: Sendable {
    let index: MappingIndex
    let crosswalks: CrosswalkSet
    let coverage: Coverage
    let stats: RegistryStatistics

    init(registry: Registry) {
        index = MappingIndex(registry)
        crosswalks = CrosswalkSet(registry: registry, index: index)
        coverage = Coverage(registry: registry, index: index)
        stats = RegistryStatistics(registry: registry, crosswalks: crosswalks)
    }
}
