"""The sectors of the employers' portal: the fourteen "grands domaines" of France Travail's
ROME 4.0, by their one-letter code. Documentalists publish items under them; the job tagger
(ROME) will give them from an item's jobs."""

SECTORS: dict[str, str] = {
    "A": "Agriculture et Pêche, Espaces naturels et Espaces verts, Soins aux animaux",
    "B": "Arts et Façonnage d'ouvrages d'art",
    "C": "Banque, Assurance, Immobilier",
    "D": "Commerce, Vente et Grande distribution",
    "E": "Communication, Média et Multimédia",
    "F": "Construction, Bâtiment et Travaux publics",
    "G": "Hôtellerie-Restauration, Tourisme, Loisirs et Animation",
    "H": "Industrie",
    "I": "Installation et Maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et Logistique",
}


def sector_label(code: str) -> str:
    return SECTORS.get(code, code)
