"""What veille adds to collected items before they are stored: the keep and block rules
(rules.py), and the ROME jobs, skills and places taggers (tagging.py), which the pipeline
does not call yet."""
