"""Field extractors: one small parser per zone (cover, contents, story, news, back matter).

Each takes the blocks the segmenter assigned to its zone plus a
:class:`~newsextract.fields.diagnostics.Diagnostics` collector and returns model values.
"""
