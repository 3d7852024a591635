"""Who sees and who changes a dossier: the team's are read by all and changed by
documentalists and admins; an owned one is changed by its owner alone and read by the
others only once shared. The command line (no person) changes any."""

import pytest

from tests.accounts.support import add_account
from veille.diffuse import dossiers
from veille.errors import Forbidden, InvalidRequest, NotFound
from veille.models import User
from veille.store.dossiers import Dossier

OWNER = User("anne@maison.test", "advisor", id=1)
TEAM = Dossier(1, "Forum", "")
PRIVATE = Dossier(2, "Pistes", "", owner_id=1, owner=OWNER.email)
SHARED = Dossier(3, "Salon", "", owner_id=1, shared=True, owner=OWNER.email)


@pytest.mark.parametrize(("person", "dossier", "sees", "changes"), [
    (User("b@maison.test", "advisor", id=2), TEAM, True, False),
    (User("d@maison.test", "documentalist", id=3), TEAM, True, True),
    (User("a@maison.test", "admin", id=4), TEAM, True, True),
    (OWNER, PRIVATE, True, True),
    (OWNER, SHARED, True, True),
    (User("b@maison.test", "advisor", id=2), PRIVATE, False, False),
    (User("d@maison.test", "documentalist", id=3), PRIVATE, False, False),
    (User("a@maison.test", "admin", id=4), PRIVATE, False, False),
    (User("b@maison.test", "advisor", id=2), SHARED, True, False),
    (User("d@maison.test", "documentalist", id=3), SHARED, True, False),
], ids=lambda value: value.email if isinstance(value, User) else None)
def test_who_sees_and_who_changes(person, dossier, sees, changes):
    assert dossiers.sees(person, dossier) is sees
    assert dossiers.may_change(person, dossier) is changes


def test_changes_check_the_person_the_command_line_needs_none(instance):
    anne = add_account(instance, "anne@maison.test", "advisor")
    bruno = add_account(instance, "bruno@maison.test", "advisor")
    mine = dossiers.create(instance, "Pistes", "", anne.email, anne)
    with pytest.raises(NotFound):
        dossiers.rename(instance, mine, "Volé", bruno.email, by=bruno)
    dossiers.share(instance, mine, True, anne.email, by=anne)
    with pytest.raises(Forbidden):  # shared: bruno reads it, anne alone changes it
        dossiers.delete(instance, mine, bruno.email, by=bruno)
    assert dossiers.seen(instance, mine.id, bruno).shared
    renamed = dossiers.rename(instance, mine, "Pistes de mai", "cli:claire")
    assert renamed.name == "Pistes de mai" and renamed.owner == "anne@maison.test"
    team = dossiers.create(instance, "Forum", "", "cli:claire")
    with pytest.raises(InvalidRequest, match="déjà partagé avec toute l'équipe"):
        dossiers.share(instance, team, False, "cli:claire")
    assert [d.name for d in dossiers.changeable(instance, anne)] == ["Pistes de mai"]
    assert [d.name for d in dossiers.visible(instance, bruno)] == ["Forum", "Pistes de mai"]
