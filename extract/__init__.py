"""gouji's library: reading, normalizing, extracting and checking annual reports.

Never imports db/. The entry points are :func:`extract.process.analyse_file` and
:func:`extract.process.analyse_text`.
"""
