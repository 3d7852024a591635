"""The text as veille reads it: French words now (`french.py`: tokens, elisions, folding,
stop words, stems), later HTML, dates and names.

Below every other package of veille: the index, the rules, the near-duplicate stories and
the taggers all read words through it, so it imports none of them, only the kernel
(errors, models), and no search engine: the index is one of its readers, not its home.
"""
