"""Safe messaging: crisis content is detected (not only declared), reviewed, and written the way
the WHO's media guidance and the Chinese “六要六不” checklists ask.

- `model`: the ``risk:`` flag editors write and the rules file schema;
- `rules`: the safe-messaging rules (data in ``content/vocab/safe-messaging.yml``) applied to text;
- `texts`: the texts of every page and entry, located in their sources;
- `kind`: the checks, run by the core as a kind (`KIND`), and the crisis box for detected pages.
The crisis vocabulary (``content/vocab/risk.yml``) is read by `xinyu.search.vocab.load_risk`,
shared with the search's crisis card.
"""
