"""The publication ledger (issue #16): every public version of every notice, appended to a
tiled transparency log (generator/tlog/) that the site serves under `log/`.

  canonical.py  the canonical published form of a notice version: the bytes of `v<N>.json`
  history.py    the ledger's entries read back as each notice's versions, removals, expiries
  plan.py       what to append as of `now` (pure), and what a build must refuse
  declared.py   the editors' declarations: ledger/removals.yaml and ledger/redactions.yaml
  store.py      the ledger folder on disk (`<data>/ledger/`): read, checked, appended to
"""
