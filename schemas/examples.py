"""One valid record of every kind, as JSON data arrives from a form, the API or an importer.

Used by the documentation and the tests, and handy for screens and demos. The people are invented;
the region codes are real (Tulungrejo, Donomulyo, Kabupaten Malang).
"""

import copy

_EXAMPLES = {
    "person": {
        "id": "g7nsjwgg34-17", "nik": "3507 0155 0590 0001", "kk_number": "3507011203150001",
        "household_id": "g7nsjwgg34-16", "name": "Siti Aminah", "birth_place": "Malang", "birth_date": "1990-05-15",
        "sex": "F", "marital_status": "married", "relationship": "spouse", "address_rt": "003", "address_rw": "001",
        "village_code": "35.07.01.2001", "occupation": "farm_labourer", "education": "primary",
        "disability": "none", "monthly_income": "1.250.000", "pregnant": True, "phone": "0812-3456-7890",
        "migration": "none",
    },
    "household": {
        "id": "g7nsjwgg34-16", "kk_number": "3507011203150001",
        "kk_history": [{"kk_number": "3507010804090003", "since": "2009-04-08", "reason": "first_issue"},
                       {"kk_number": "3507011203150001", "since": "2015-03-12", "reason": "marriage"}],
        "head_person_id": "g7nsjwgg34-15", "village_code": "3507012001", "address": "Dusun Krajan",
        "address_rt": 3, "address_rw": 1, "welfare_decile": 2, "decile_source": "DTSEN 2025",
    },
    "programme": {
        "code": "PKH", "name": "Program Keluarga Harapan",
        "name_en": "Family Hope Programme (conditional cash transfer)",
        "guarantee": "children", "level": "national",
        "benefit": "Bantuan tunai bersyarat untuk ibu hamil, anak usia dini dan anak sekolah",
        "benefit_amount": 750000, "benefit_period": "quarterly",
        "eligibility_rule": {"all": [{"fact": "welfare_decile", "op": "le", "value": 4},
                                     {"any": [{"fact": "pregnant", "op": "eq", "value": True},
                                              {"fact": "children_under_5", "op": "ge", "value": 1},
                                              {"fact": "children_of_school_age", "op": "ge", "value": 1}]}]},
        "quota": 42219, "required_documents": ["ktp", "kk", "kia_book"],
        "benefit_en": "Conditional cash transfer for pregnant women, young children and school children",
        "eligibility_plain": {"id": "Keluarga miskin (desil 1-4) dengan ibu hamil, balita atau anak sekolah.",
                              "en": "Poor families (deciles 1-4) with a pregnant woman, a young child or a pupil."},
        "procedure": {"id": "Sampaikan ke sekretaris desa; desa mencatat permohonan dan meneruskannya.",
                      "en": "Tell the village secretary; the village records the application and sends it on."},
        "where_to_apply": {"id": "Kantor desa (pelayanan SWS desa)", "en": "The village office (village SWS desk)"},
        "focal_point": {"office": {"id": "Dinas Sosial Kabupaten Malang",
                                   "en": "Social Affairs Office of Kabupaten Malang"},
                        "name": "Siti Aminah", "phone": "0812-3456-7890"},
    },
    "application": {
        "id": "g7nsjwgg34-31", "person_id": "g7nsjwgg34-17", "programme_code": "PKH", "status": "rejected",
        "status_date": "2026-03-02",
        "justification": "Desil kesejahteraan 6 menurut DTSEN 2025, di atas batas desil 4.",
        "officer": "siti.aminah",
    },
    "list_correction": {
        "id": "g7nsjwgg34-32", "programme_code": "PKH", "nik": "3507015505900001", "village_code": "35.07.01.2001",
        "decision": "include", "meeting_date": "2026-03-04", "list_version": 2, "officer": "siti.aminah",
        "reason": "Suami meninggal Januari 2026; keluarga kini tanpa penghasilan tetap.",
    },
    "field_check": {
        "id": "k3camatdon-8", "village_code": "35.07.01.2001", "inconsistency_id": "412", "nik": "3507015505900001",
        "outcome": "resolved", "decided_field": "birth_date", "decided_value": "1990-05-15",
        "document": "kk",
        "reason": "KK asli dilihat di rumah warga: lahir 15-05-1990, e-KTP salah cetak.",
        "checked_on": "2026-03-10", "officer": "agus.camat",
    },
    "complaint": {
        "id": "g7nsjwgg34-40", "reference_number": "ADU/3507/2026/00017", "village_code": "35.07.01.2001",
        "date_submitted": "2026-03-05", "date_transmitted": "2026-03-06", "officer_in_charge": "Bambang Sutrisno",
        "complainant_person_id": "g7nsjwgg34-17", "channel": "village", "category": "exclusion_error",
        "programme_code": "PKH", "description": "Sedang hamil tetapi tidak tercantum sebagai penerima PKH.",
        "escalation_level": "sub_district", "status": "in_progress",
    },
    "complaint_event": {
        "id": "g7nsjwgg34-41", "complaint_id": "g7nsjwgg34-40", "kind": "escalation", "officer": "siti.aminah",
        "time": "2026-03-06T02:15:00Z", "escalation_level": "sub_district",
        "text": "Diteruskan ke kecamatan untuk verifikasi data DTSEN.",
    },
    "case": {
        "id": "g7nsjwgg34-60", "village_code": "35.07.01.2001", "case_kind": "returnee", "subject_name": "Sri Wahyuni",
        "nik": "3507015505900001", "person_id": "g7nsjwgg34-17", "opened_on": "2026-03-02",
        "officer": "dewi.pendamping",
        "summary": "Kembali dari Hong Kong setelah kontrak tiga tahun; ingin membuka usaha katering.",
    },
    "case_event": {
        "id": "g7nsjwgg34-61", "case_id": "g7nsjwgg34-60", "kind": "plan_action", "officer": "dewi.pendamping",
        "time": "2026-03-03T02:30:00Z", "date": "2026-03-03", "step": 2, "service_code": "BLK-KEPANJEN",
        "action": "Pelatihan tata boga dan pembukuan usaha kecil.", "responsible": "Dewi Lestari",
        "due_date": "2026-05-30",
    },
    "outreach_session": {
        "id": "g7nsjwgg34-70", "village_code": "35.07.01.2001", "held_on": "2026-03-04", "place": "Balai desa",
        "topic": "safe_migration", "men": 12, "women": 18, "niks": ["3507015505900001"],
        "officer": "siti.aminah", "notes": "Bersama petugas LTSA kabupaten.",
    },
    "claim": {
        "id": "g7nsjwgg34-80", "village_code": "35.07.01.2001", "person_id": "g7nsjwgg34-17",
        "nik": "3507015505900001", "name": "Siti Aminah", "programme_code": "ASKESOS", "card_number": "12030045678",
        "claim_kind": "work_injury", "happened_on": "2026-03-01", "amount_claimed": 1850000,
        "documents_present": ["bpjs_card", "ktp", "medical_letter"], "notes": "Jatuh dari tangga saat panen.",
        "recorded_on": "2026-03-05", "officer": "siti.aminah",
    },
    "claim_event": {
        "id": "hub-claim-3", "claim_id": "g7nsjwgg34-80", "kind": "paid", "officer": "admin",
        "time": "2026-04-02T03:00:00Z", "date": "2026-04-02", "step": 2, "amount_paid": 1850000,
        "paid_on": "2026-03-30", "agency_reference": "JKK/3507/2026/0042",
    },
    "region": {"code": "35.07.01.2001", "name": "Tulungrejo", "level": "village", "parent_code": "35.07.01"},
    "antenatal_visit": {
        "id": "g7nsjwgg34-50", "person_id": "g7nsjwgg34-17", "visit_date": "2026-03-10", "pregnancy_week": 20,
        "muac_mm": 228, "notes": "LiLA di bawah 23,5 cm: kurang energi kronis, dirujuk ke puskesmas.",
        "officer": "bidan.rina",
    },
    "child_health": {
        "id": "g7nsjwgg34-51", "person_id": "g7nsjwgg34-18", "measured_on": "2026-03-12", "weight_g": 4200,
        "height_mm": 540, "vaccines": ["hb0", "bcg", "polio"], "officer": "bidan.rina",
    },
    "officer": {"id": "g7nsjwgg34-1", "username": "bidan.rina", "full_name": "Rina Wati", "role": "midwife",
                "village_code": "35.07.01.2001", "active": True},
}


def example(kind: str) -> dict:
    """A fresh copy of the example record of `kind`. Raises KeyError for an unknown kind."""
    return copy.deepcopy(_EXAMPLES[kind])


def kinds() -> tuple[str, ...]:
    return tuple(_EXAMPLES)
