"""Harvesting (federation): sources, jobs, per-item status, backends that gather remote
catalogues, and the runner that maps records via `agora.interop` and writes them through
`catalog.services`."""
