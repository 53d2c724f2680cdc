"""One reader module per source format.

Each reader yields validated :class:`unvotes.model.SourceVote` rows (or, for the veto
list, its own record type) and raises :class:`unvotes.errors.SourceError` naming the
file, the line and the problem on malformed input. Readers never touch the database
and never resolve country names: the build does both.
"""
