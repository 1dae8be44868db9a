"""A "payment delay" complaint that names a membership and month is shown at the hub's complaint desk beside
that member's reconciliation line (SQLite and PostgreSQL)."""

from sqlalchemy import select

from hub_server.models.payments import Membership
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_complaint_desk import desk, file_complaint  # noqa: F401 (fixtures)
from tests.integration.test_payment_import import members  # noqa: F401


def test_the_desk_shows_the_named_payment_beside_its_reconciliation_line(client, hub_users, desk, members):  # noqa: F811
    with desk["database"].uow() as uow:
        member = uow.session.execute(select(Membership).where(Membership.nik == members[0])).scalar_one()
        ident, number = member.id, member.number
    named = file_complaint(desk, category="payment_delay", complainant_name="Ani Lestari", programme_code="BPJS-K3",
                           payment_membership=str(ident), payment_period="2026-03")
    unknown = file_complaint(desk, category="payment_delay", complainant_name="Ani Lestari",
                             payment_membership="987654", payment_period="2026-03")
    hub_users.login(client)
    client.post("/language", data={"lang": "en", "next": "/desk/", "csrf_token": hub_users.csrf(client)})
    page = client.get(f"/desk/complaint/{named}").get_data(as_text=True)
    shown = page.split('id="complaint-payment"')[1].split("</section>")[0]
    assert "The payment complained about: 03-2026" in shown and members[0] in shown and number in shown
    assert f'data-membership="{ident}" class="flagged"' in shown and "In arrears" in shown
    assert "Rp76,500" in shown or "Rp76.500" in shown  # January to March due, nothing paid
    assert "The hub holds no such membership." in client.get(f"/desk/complaint/{unknown}").get_data(as_text=True)
    with desk["database"].uow() as uow:  # a one-off benefit: nothing expected in March, and the desk says so
        held = uow.session.execute(select(Membership).where(Membership.nik == members[1])).scalar_one()
        once = Membership(person_id=held.person_id, nik=held.nik, programme_code="KUBE", village_code=held.village_code,
                          number="KUBE-1", payer="state", monthly_contribution=0, start_date=held.start_date,
                          created_at=uow.now(), created_by="user:admin")
        uow.session.add(once)
        uow.commit()
        once_id = once.id
    not_due = file_complaint(desk, category="payment_delay", complainant_name="Ani Lestari",
                             payment_membership=str(once_id), payment_period="2026-03")
    assert "Nothing was due to or from this membership in that month." in client.get(
        f"/desk/complaint/{not_due}").get_data(as_text=True)
    plain = file_complaint(desk, complainant_name="Budi")
    assert 'id="complaint-payment"' not in client.get(f"/desk/complaint/{plain}").get_data(as_text=True)
