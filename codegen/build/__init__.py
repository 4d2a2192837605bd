"""Stage three: the whole output package built in memory, service by service.

Worker processes, the incremental cache and the manifest live here; nothing in
this stage touches the output directory.
"""
