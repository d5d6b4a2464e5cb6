// The executable imports App alone: the domain types and the store it
// opens come through here, so the executable never depends on a layer
// below App by name.
@_exported import Domain
@_exported import Store
