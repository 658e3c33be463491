"""Family members are added through the real action."""

import datetime
import itertools

from familias import actions
from tests.factories import next_rut

_names = itertools.cycle(["Rosa", "Pedro", "Javiera", "Luis", "Carmen", "Tomás"])


def add_member(case, actor, **data):
    defaults = {
        "first_names": next(_names),
        "last_names": "Soto Araya",
        "relationship": "mother",
        "sex": "female",
        "birth_date": datetime.date(1965, 3, 2),
        "rut": next_rut(),
    }
    defaults.update(data)
    return actions.add_member(case=case, actor=actor, **defaults)
