"""Curating what was collected: stars, the team's tags and notes, hiding, publishing to the
employers' portal (under its sectors), personal notes, keep and block rules."""
