"""What the hub tells a laptop about a record it keeps: counted, or kept but not counted, and why.

The hub keeps every registration, community correction and application a village sends. Some it
cannot count yet: the person is unknown, lives in another village, already has an open application,
or a person at the hub refused it. Nothing is parked in silence: the hub sends each such record's
status back through the feed (kind "status"), and the laptop shows it beside the record with the
reason and what would resolve it, in Bahasa Indonesia and English:

    {"kind": "status", "table": "list_correction", "id": "g7nsjwgg34-17",
     "data": {"status": "person_unknown", "counted": false}}

`data` may add `note` (a person's words: a refusal's justification, a confirmation's reason),
`decided_by` and `decided_at`. The reason and what would resolve it, in both languages, are here,
in `STATUSES`, which both programs hold: a status costs a few bytes on a 2G link, not a paragraph.
A code a newer hub invents reads on an older laptop as "not counted yet" (or counted) with its code.
"""

from dataclasses import dataclass

from schemas.messages import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Status:
    counted: bool
    reason: dict  # {"id", "en"}
    resolve: dict | None = None  # what would let it count, {"id", "en"}


def _t(id_text: str, en_text: str) -> dict:
    return {"id": id_text, "en": en_text}


STATUSES: dict[str, Status] = {
    # Residents a village registered.
    "awaiting_verification": Status(True, _t(
        "Tercatat sebagai penduduk, menunggu verifikasi: NIK belum ada di data Dukcapil yang dimiliki kabupaten.",
        "Counted as a resident, awaiting verification: the NIK is not in the Dukcapil extracts the district holds."),
        _t("Tunjukkan KK, e-KTP atau akta kelahiran kepada petugas kecamatan; data Dukcapil berikutnya yang memuat "
           "NIK ini juga memverifikasinya.",
           "Show the family card, e-KTP or birth certificate to the sub-district officer; the next Dukcapil "
           "extract holding this NIK verifies it too.")),
    "confirmed": Status(True, _t("Diverifikasi petugas dari dokumen.", "Verified by an officer from the documents.")),
    "verified": Status(True, _t("Diverifikasi oleh data Dukcapil.", "Verified by a Dukcapil extract.")),
    "refused": Status(False, _t("Pendaftaran ditolak oleh petugas kabupaten/kecamatan.",
                                "The registration was refused by a district or sub-district officer."),
                      _t("Baca alasannya; perbaiki data warga dan sinkronkan, atau hubungi petugas kecamatan.",
                         "Read the justification; correct the resident's data and sync, or contact the "
                         "sub-district officer.")),
    # Community corrections and applications.
    "counted": Status(True, _t("Dihitung di hub.", "Counted at the hub.")),
    "person_unknown": Status(False, _t(
        "Warga ini belum ada di basis data terpadu kabupaten.", "This person is not in the district's population yet."),
        _t("Daftarkan warga ini di desa (menu Keluarga) lalu sinkronkan; setelah itu data ini ikut dihitung.",
           "Register the person in the village (Households) and sync; this then counts.")),
    "person_in_other_village": Status(False, _t(
        "Menurut basis data terpadu, warga ini tinggal di desa lain.",
        "The population database places this person in another village."),
        _t("Catat di desa tempat warga tinggal, atau catat kepindahan warga ke desa ini lalu sinkronkan.",
           "Record it in the village where the person lives, or record their move to this village and sync.")),
    "person_refused": Status(False, _t(
        "Pendaftaran warga ini ditolak di hub, jadi data ini tidak dihitung.",
        "This person's registration was refused at the hub, so this does not count."),
        _t("Baca alasan penolakan pada data warga; perbaiki dan sinkronkan, atau hubungi petugas kecamatan.",
           "Read the refusal's justification on the person's record; correct it and sync, or contact the "
           "sub-district officer.")),
    "application_open": Status(False, _t(
        "Sudah ada permohonan lain yang terbuka untuk warga dan program ini.",
        "Another open application of this person for this programme comes first."),
        _t("Tunggu keputusan atas permohonan pertama, atau tarik salah satu permohonan.",
           "Wait for the decision on the first application, or withdraw one of them.")),
    "programme_unknown": Status(False, _t("Program ini tidak ada di katalog hub.",
                                          "This programme is not in the hub's catalogue."),
                                _t("Sinkronkan untuk menerima katalog terbaru, lalu pilih program darinya.",
                                   "Sync to receive the current catalogue, then choose a programme from it.")),
    "decision_invalid": Status(False, _t("Keputusan harus dimasukkan atau dikeluarkan.",
                                         "The decision must be include or exclude."),
                               _t("Ubah keputusan lalu sinkronkan.", "Change the decision and sync.")),
    "reason_required": Status(False, _t("Alasan musyawarah desa terlalu pendek (paling sedikit 10 huruf).",
                                        "The village meeting's reason is too short (at least 10 characters)."),
                              _t("Lengkapi alasannya lalu sinkronkan.", "Complete the reason and sync.")),
    "justification_required": Status(False, _t("Penolakan tanpa alasan yang cukup (paling sedikit 10 huruf).",
                                               "A rejection without enough justification (at least 10 characters)."),
                                     _t("Lengkapi alasan penolakan lalu sinkronkan.",
                                        "Complete the justification and sync.")),
    # Field checks recorded on a sub-district laptop (schemas.field_check).
    "field_check_applied": Status(True, _t("Hasil cek lapangan sudah diterapkan di hub.",
                                           "The field check's outcome was applied at the hub.")),
    "already_decided": Status(False, _t(
        "Hal ini sudah diputuskan lebih dulu (lihat oleh siapa); hasil cek lapangan ini disimpan, tidak diterapkan.",
        "Someone decided this item first (see who); this field check is kept, not applied."),
        _t("Bila keputusan itu keliru, hubungi petugas kabupaten dengan hasil cek lapangan ini.",
           "If that decision is wrong, contact the district office with this field check's outcome.")),
}
UNKNOWN = Status(False, _t("Belum dihitung di hub.", "Not counted at the hub yet."))


def status(code: str) -> Status:
    return STATUSES.get(code, UNKNOWN)


def entry_data(code: str, *, note=None, decided_by=None, decided_at=None) -> dict:
    """The data of a "status" feed entry: the code, whether it counts, and a person's words when there are."""
    extra = {"note": note, "decided_by": decided_by, "decided_at": decided_at}
    return {"status": code, "counted": status(code).counted, **{key: value for key, value in extra.items() if value}}


def describe(data: dict, lang: str = DEFAULT_LANGUAGE) -> tuple[str, str | None]:
    """(reason, what would resolve it) of a status entry's data, in `lang`."""
    known = status(data.get("status") or "")
    reason, resolve = known.reason, known.resolve
    return _in(reason, lang), _in(resolve, lang) if resolve else None


def _in(texts: dict, lang: str) -> str:
    return texts.get(lang) or texts.get(DEFAULT_LANGUAGE) or ""
