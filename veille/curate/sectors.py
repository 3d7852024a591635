"""The sectors of the employers' portal: the fourteen "grands domaines" of France Travail's
ROME 4.0, by their one-letter code. Documentalists publish items under them; the publication
form proposes the grands domaines of the item's jobs (itemtags)."""

from ..i18n import N_

SECTORS: dict[str, str] = {
    "A": N_("Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux"),
    "B": N_("Arts et Façonnage d'ouvrages d'art"),
    "C": N_("Banque, Assurance, Immobilier"),
    "D": N_("Commerce, Vente et Grande distribution"),
    "E": N_("Communication, Média et Multimédia"),
    "F": N_("Construction, Bâtiment et Travaux publics"),
    "G": N_("Hôtellerie-Restauration, Tourisme, Loisirs et Animation"),
    "H": N_("Industrie"),
    "I": N_("Installation et Maintenance"),
    "J": N_("Santé"),
    "K": N_("Services à la personne et à la collectivité"),
    "L": N_("Spectacle"),
    "M": N_("Support à l'entreprise"),
    "N": N_("Transport et Logistique"),
}


def sector_label(code: str) -> str:
    """A sector's name for its code ("H" is "Industrie"); an unknown code as it is."""
    return SECTORS.get(code, code)
