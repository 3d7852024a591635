"""What veille adds to collected items before they are stored: the keep and block rules
(later, the ROME and territory taggers)."""
