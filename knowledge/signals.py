"""Knowledge events other packages react to without knowledge importing them."""
from blinker import Namespace

_signals = Namespace()

# Sent in the editor's transaction after every saved change, with the new version.
changed = _signals.signal("knowledge-changed")
