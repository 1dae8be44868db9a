"""A sensitive case taken by the call centre (SQLite and PostgreSQL): no device receives it; a person's
file and the complaint's pages show it to district admins only, others read how many there are."""

from sqlalchemy import select

from hub_server.models.population import Person
from hub_server.models.records import FeedEntry
from hub_server.services import complaint_intake
from tests.integration.test_population_web import hub, small_district, someone  # noqa: F401 (fixtures)

SECRET = "Anak dipekerjakan di luar kota dan tidak pulang"


def test_a_sensitive_case_from_the_call_centre_reaches_no_laptop_and_only_admins_see_it(
        hub, client, hub_users, someone):  # noqa: F811
    with hub.uow() as uow:
        person = uow.session.get(Person, someone["id"])
        def complain(**form):
            return complaint_intake.record(uow, village_code=person.village_code, form={
                "complainant_person_id": None, "complainant_name": person.name, "complainant_nik": person.nik,
                **form}).id

        case = complain(category="trafficking", description=SECRET)
        ordinary = complain(category="payment_delay", description="Bantuan belum cair.")
        uow.commit()
    with hub.uow() as uow:
        addressed = dict(uow.session.execute(select(FeedEntry.ref, FeedEntry.only_device)
                                             .where(FeedEntry.ref.in_((case, ordinary)))).all())
    assert addressed == {case: "hub", ordinary: None}  # no device is "hub": no laptop receives the case

    hub_users.login(client)
    page = client.get(f"/callcentre/person/{someone['id']}").get_data(as_text=True)
    assert SECRET in page and "Bantuan belum cair." in page
    assert client.get(f"/callcentre/complaint/{case}").status_code == 200

    password = hub_users.add("pemantau", "viewer")
    hub_users.login(client, "pemantau", password)
    page = client.get(f"/callcentre/person/{someone['id']}").get_data(as_text=True)
    assert SECRET not in page and "Bantuan belum cair." in page
    assert "1 kasus sensitif orang ini ditangani unit perlindungan perempuan dan anak" in page
    for path in (f"/callcentre/complaint/{case}", f"/callcentre/complaint/{case}/receipt", f"/desk/complaint/{case}",
                 f"/desk/complaint/{case}/case-file.json"):
        answer = client.get(path)
        assert answer.status_code == 404 and SECRET not in answer.get_data(as_text=True), path


def test_an_officer_who_takes_a_sensitive_call_is_told_it_is_now_the_protection_units(
        hub, client, hub_users, someone):  # noqa: F811
    area = ".".join(someone["village_code"].split(".")[:3])
    password = hub_users.add("petugas.kec", "sub_district_officer", area=area)
    hub_users.login(client, "petugas.kec", password)
    answer = hub_users.post(client, f"/callcentre/person/{someone['id']}/complaint",
                            category="violence_women_children", description=SECRET)
    assert answer.status_code == 302 and answer.location.endswith(f"/callcentre/person/{someone['id']}")
    page = client.get(answer.location).get_data(as_text=True)
    assert "Ini kasus sensitif: mulai sekarang hanya unit perlindungan" in page and SECRET not in page
    assert "1 kasus sensitif orang ini" in page


def test_the_call_log_keeps_a_sensitive_calls_words_from_who_need_not_know(hub, client, hub_users, someone):  # noqa: F811
    hub_users.login(client)
    answer = hub_users.post(client, "/callcentre/calls", person_id=str(someone["id"]), caller_name="Warga",
                            village_code=someone["village_code"], topic="complaint", outcome="complaint_recorded",
                            category="trafficking", summary=SECRET)
    assert answer.status_code == 302
    assert SECRET in client.get("/callcentre/calls").get_data(as_text=True)  # a district admin reads it
    password = hub_users.add("pemantau", "viewer")
    hub_users.login(client, "pemantau", password)
    listing = client.get("/callcentre/calls").get_data(as_text=True)
    assert SECRET not in listing and "Kasus sensitif: isinya hanya" in listing
