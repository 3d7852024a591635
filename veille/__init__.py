"""veille: the skills watch of the Maisons des compétences."""

__version__ = "0.1.0"
