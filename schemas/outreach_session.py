"""An outreach session of a village's migrant worker task force (satgas desa), written once.

The village task force connects the village to the one-roof services for migrant workers (LTSA):
it informs villagers about safe migration, documents, rights abroad, trafficking risks and
reintegration, and refers people to the LTSA. One record is one session: when, where, the topic,
how many men and women were informed, and optionally who by NIK. A referral to the LTSA is not
recorded here: it is a case of kind `prospective_migrant` with a `referral` event to the LTSA's
service (`schemas.case`), answered by the LTSA like any referral (docs/cases.md, "Village task force").
"""

from schemas import fields as f
from schemas.base import RecordSchema
from schemas.errors import FieldError

MAX_PEOPLE = 5000  # a session in a village hall or a market: never more people than this
MAX_NAMED = 300


class OutreachSessionSchema(RecordSchema):
    record_kind = "outreach_session"

    id = f.RecordId(required=True)
    village_code = f.RegionCode("village", required=True)
    held_on = f.Date(required=True, past=True)
    place = f.Text(required=True, max_length=150)
    topic = f.Choice("outreach_topic", required=True)
    men = f.Integer(required=True, minimum=0, maximum=MAX_PEOPLE)
    women = f.Integer(required=True, minimum=0, maximum=MAX_PEOPLE)
    niks = f.List(f.Nik(), max_length=MAX_NAMED, unique=True)
    officer = f.Officer(required=True)
    notes = f.Text(max_length=2000)

    def record_errors(self, data: dict) -> list[FieldError]:
        informed = (data.get("men") or 0) + (data.get("women") or 0)
        if informed == 0:
            return [FieldError("men", "outreach_nobody_informed")]
        if len(data.get("niks") or ()) > informed:
            return [FieldError("niks", "outreach_named_exceed", {"count": informed})]
        return []
