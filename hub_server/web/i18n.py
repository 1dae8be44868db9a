"""Every string of the admin UI, in Bahasa Indonesia (the default) and English.

Templates call `t("key", name=value)`; the language is the session's (switched with the ID/EN buttons,
and set from the user's preference at login). Error messages come from `hub_server/api/messages.py`.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, flash, has_request_context, session

from hub_server.api.messages import DEFAULT_LANGUAGE, LANGUAGES, field_message, message
from hub_server.services import regions
from schemas import record_status
from schemas.display import value_text
from schemas.messages import label

STRINGS = {
    "nav.devices": {"id": "Perangkat", "en": "Devices"},
    "nav.tokens": {"id": "Token pendaftaran", "en": "Enrollment tokens"},
    "nav.conflicts": {"id": "Konflik", "en": "Conflicts"},
    "nav.audit": {"id": "Log audit", "en": "Audit log"},
    "nav.language": {"id": "Bahasa", "en": "Language"},
    "auth.title": {"id": "Masuk ke hub", "en": "Log in to the hub"},
    "auth.login": {"id": "Masuk", "en": "Log in"},
    "auth.logout": {"id": "Keluar", "en": "Log out"},
    "auth.username": {"id": "Nama pengguna", "en": "User name"},
    "auth.password": {"id": "Kata sandi", "en": "Password"},
    "auth.expired": {
        "id": "Sesi Anda berakhir karena lama tidak ada aktivitas. Silakan masuk lagi.",
        "en": "Your session ended after a period of inactivity. Please log in again.",
    },
    "auth.required": {"id": "Silakan masuk terlebih dahulu.", "en": "Please log in first."},
    "auth.welcome": {"id": "Selamat datang, {name}.", "en": "Welcome, {name}."},
    "auth.logged_out": {"id": "Anda sudah keluar.", "en": "You are logged out."},
    "role.district_admin": {"id": "Admin kabupaten", "en": "District admin"},
    "role.sub_district_officer": {"id": "Petugas kecamatan", "en": "Sub-district officer"},
    "role.viewer": {"id": "Pemantau (hanya baca)", "en": "Viewer (read only)"},
    "role.operator": {"id": "Operator server", "en": "Server operator"},
    "device_role.village": {"id": "Desa", "en": "Village"},
    "device_role.sub_district": {"id": "Kecamatan", "en": "Sub-district"},
    "devices.title": {"id": "Perangkat terdaftar", "en": "Enrolled devices"},
    "devices.device": {"id": "Perangkat", "en": "Device"},
    "devices.label": {"id": "Keterangan", "en": "Label"},
    "devices.role": {"id": "Jenis", "en": "Kind"},
    "devices.scope": {"id": "Wilayah", "en": "Area"},
    "devices.enrolled": {"id": "Terdaftar", "en": "Enrolled"},
    "devices.last_seen": {"id": "Terakhir terlihat", "en": "Last seen"},
    "devices.last_seq": {"id": "No. paket terakhir", "en": "Last change-set"},
    "devices.accepted": {"id": "Diterima", "en": "Accepted"},
    "devices.refused": {"id": "Ditolak", "en": "Refused"},
    "devices.pending": {"id": "Menunggu keputusan", "en": "Awaiting decision"},
    "devices.status": {"id": "Status", "en": "Status"},
    "devices.active": {"id": "Aktif", "en": "Active"},
    "devices.revoked": {"id": "Dicabut", "en": "Revoked"},
    "devices.none": {"id": "Belum ada perangkat terdaftar.", "en": "No device enrolled yet."},
    "devices.show_revoked": {"id": "Tampilkan yang dicabut", "en": "Show revoked devices"},
    "devices.hide_revoked": {"id": "Sembunyikan yang dicabut", "en": "Hide revoked devices"},
    "devices.never": {"id": "belum pernah", "en": "never"},
    "device.title": {"id": "Perangkat {device_id}", "en": "Device {device_id}"},
    "device.fingerprint": {"id": "Sidik jari kunci", "en": "Key fingerprint"},
    "device.head": {"id": "Hash paket terakhir", "en": "Last change-set hash"},
    "device.reenrolled": {"id": "Didaftarkan ulang", "en": "Re-enrolled"},
    "device.revoked_by": {"id": "Dicabut oleh", "en": "Revoked by"},
    "device.reason": {"id": "Alasan", "en": "Reason"},
    "device.revoke": {"id": "Cabut perangkat ini", "en": "Revoke this device"},
    "device.revoke_help": {
        "id": "Perangkat yang dicabut tidak dapat mengirim data lagi; laptop lain dan relai ikut menolaknya "
              "setelah sinkronisasi. Data yang sudah diterima tetap disimpan.",
        "en": "A revoked device can no longer send data; other laptops and relays refuse it too once they "
              "sync. What it sent before is kept.",
    },
    "device.revoke_button": {"id": "Cabut", "en": "Revoke"},
    "device.revoked_ok": {"id": "Perangkat {device_id} telah dicabut.", "en": "Device {device_id} revoked."},
    "device.activity": {"id": "Aktivitas sinkronisasi", "en": "Sync activity"},
    "tokens.title": {"id": "Token pendaftaran", "en": "Enrollment tokens"},
    "tokens.issue": {"id": "Terbitkan token", "en": "Issue a token"},
    "tokens.scope": {"id": "Kode wilayah", "en": "Region codes"},
    "tokens.scope_help": {
        "id": "Kode desa (35.07.01.2001) atau kecamatan (35.07.01), dipisah koma.",
        "en": "Village (35.07.01.2001) or sub-district (35.07.01) codes, separated by commas.",
    },
    "tokens.role": {"id": "Jenis perangkat", "en": "Device kind"},
    "tokens.label": {"id": "Keterangan", "en": "Label"},
    "tokens.label_help": {
        "id": "Mis. Laptop sekretaris desa Tulungrejo",
        "en": "E.g. Tulungrejo village secretary's laptop",
    },
    "tokens.hours": {"id": "Berlaku (jam)", "en": "Valid for (hours)"},
    "tokens.number": {"id": "No.", "en": "No."},
    "tokens.created": {"id": "Diterbitkan", "en": "Issued"},
    "tokens.expires": {"id": "Berlaku sampai", "en": "Valid until"},
    "tokens.state": {"id": "Status", "en": "Status"},
    "tokens.cancel": {"id": "Batalkan", "en": "Cancel"},
    "tokens.none": {"id": "Belum ada token.", "en": "No token yet."},
    "tokens.cancelled_ok": {"id": "Token nomor {token_id} dibatalkan.", "en": "Token number {token_id} cancelled."},
    "state.open": {"id": "Belum dipakai", "en": "Not used yet"},
    "state.used": {"id": "Sudah dipakai", "en": "Used"},
    "state.expired": {"id": "Kedaluwarsa", "en": "Expired"},
    "state.cancelled": {"id": "Dibatalkan", "en": "Cancelled"},
    "issued.title": {"id": "Token baru nomor {token_id}", "en": "New token number {token_id}"},
    "issued.once": {
        "id": "Catat token ini sekarang: token hanya ditampilkan sekali.",
        "en": "Write this token down now: it is shown only once.",
    },
    "issued.how": {
        "id": "Ketik token ini di laptop saat mendaftarkannya ke hub. Bagian setelah titik adalah sidik jari "
              "kunci hub ini: laptop memeriksanya agar tidak tertipu server palsu.",
        "en": "Type this token into the laptop when enrolling it with the hub. The part after the dot is this "
              "hub's key fingerprint: the laptop checks it so that a false server cannot fool it.",
    },
    "issued.back": {"id": "Kembali ke daftar token", "en": "Back to the tokens"},
    "audit.title": {"id": "Log audit", "en": "Audit log"},
    "audit.at": {"id": "Waktu", "en": "Time"},
    "audit.actor": {"id": "Pelaku", "en": "Actor"},
    "audit.action": {"id": "Tindakan", "en": "Action"},
    "audit.subject": {"id": "Objek", "en": "Subject"},
    "audit.detail": {"id": "Rincian", "en": "Detail"},
    "audit.all": {"id": "Semua tindakan", "en": "All actions"},
    "audit.filter": {"id": "Saring", "en": "Filter"},
    "audit.none": {"id": "Belum ada catatan.", "en": "No entries yet."},
    "pager.page": {"id": "Halaman {page} dari {pages}", "en": "Page {page} of {pages}"},
    "pager.prev": {"id": "« Sebelumnya", "en": "« Previous"},
    "pager.next": {"id": "Berikutnya »", "en": "Next »"},
    "conflicts.title": {"id": "Konflik", "en": "Conflicts"},
    "conflicts.help": {
        "id": "Perubahan yang tidak dapat digabung otomatis. Data tetap pada nilai terakhir yang disepakati "
              "sampai Anda memutuskan; keputusan dan alasannya dikirim ke setiap laptop yang memegang data itu.",
        "en": "Changes that could not be merged on their own. The record keeps its last agreed value until "
              "you decide; the decision and its reason reach every laptop that holds the record.",
    },
    "conflicts.open": {"id": "Menunggu keputusan ({count})", "en": "Waiting for a decision ({count})"},
    "conflicts.none": {"id": "Tidak ada konflik yang menunggu.", "en": "No conflict is waiting."},
    "conflicts.decided": {"id": "Keputusan terakhir", "en": "Latest decisions"},
    "conflicts.none_decided": {"id": "Belum ada keputusan.", "en": "No decision yet."},
    "conflict_kind.concurrent_edit": {
        "id": "Diubah berbeda di dua perangkat", "en": "Changed differently on two devices",
    },
    "conflict_kind.identity_mismatch": {"id": "Berbeda dengan database NIK", "en": "Differs from the NIK database"},
    "conflict_kind.duplicate_resident": {"id": "NIK terdaftar di dua desa", "en": "NIK registered in two villages"},
    "conflict_kind.unknown_nik": {"id": "NIK tidak dikenal", "en": "Unknown NIK"},
    "conflict.title": {"id": "Konflik #{conflict_id}", "en": "Conflict #{conflict_id}"},
    "conflict_explain.concurrent_edit": {
        "id": "Dua perangkat mengubah {field} data ini menjadi nilai yang berbeda sebelum saling mendengar. "
              "Data tetap memakai nilai terakhir yang disepakati sampai Anda memutuskan.",
        "en": "Two devices changed this record's {field} to different values before hearing of each other. "
              "The record keeps the last agreed value until you decide."},
    "conflict_explain.identity_mismatch": {
        "id": "{field} yang dicatat desa berbeda dengan data Dukcapil (e-KTP atau KK) untuk NIK yang sama. Periksa "
              "dokumen warga: bila desa salah ketik, pilih nilai Dukcapil; bila data Dukcapil yang keliru, "
              "pertahankan nilai desa dan ajukan perbaikan ke Dukcapil.",
        "en": "The {field} the village recorded differs from Dukcapil's (e-KTP or family card) for the same NIK. "
              "Check the resident's documents: if the village mistyped, choose Dukcapil's value; if Dukcapil's "
              "is wrong, keep the village's and ask Dukcapil to correct it."},
    "conflict_explain.duplicate_resident": {
        "id": "NIK ini didaftarkan sebagai warga oleh dua data (di desa lain, atau dua kali di desa yang sama). "
              "Satu NIK hanya boleh satu warga: pastikan di mana orang ini tinggal.",
        "en": "This NIK is registered as a resident by two records (in another village, or twice in the same "
              "one). One NIK is one resident: find out where this person lives."},
    "conflict_explain.unknown_nik": {
        "id": "Hub versi lama mencatat NIK yang belum dikenal sebagai konflik; kini warga seperti ini langsung "
              "menunggu verifikasi.",
        "en": "Older hubs recorded an unknown NIK as a conflict; such residents now await verification instead."},
    "conflict.table.person": {"id": "Warga", "en": "Resident"},
    "conflict.table.household": {"id": "Keluarga", "en": "Household"},
    "conflict.table.complaint": {"id": "Pengaduan", "en": "Complaint"},
    "conflict.table.application": {"id": "Permohonan", "en": "Application"},
    "conflict.table.list_correction": {"id": "Koreksi daftar", "en": "List correction"},
    "conflict.table.complaint_event": {"id": "Tindak lanjut pengaduan", "en": "Complaint event"},
    "conflict.source.ektp": {"id": "Data e-KTP (Dukcapil)", "en": "e-KTP extract (Dukcapil)"},
    "conflict.source.kk": {"id": "Data KK (Dukcapil)", "en": "Family card extract (Dukcapil)"},
    "conflict.source.village": {"id": "Pendaftaran desa", "en": "Village registration"},
    "conflict.source.hub": {"id": "Hub", "en": "Hub"},
    "conflict.kind": {"id": "Jenis", "en": "Kind"},
    "conflict.record": {"id": "Data", "en": "Record"},
    "conflict.field": {"id": "Isian", "en": "Field"},
    "conflict.agreed": {"id": "Nilai terakhir disepakati", "en": "Last agreed value"},
    "conflict.sides": {"id": "Usulan", "en": "Proposed values"},
    "conflict.side": {"id": "Usulan {number}", "en": "Proposal {number}"},
    "conflict.opened": {"id": "Dibuka", "en": "Opened"},
    "conflict.who": {"id": "Oleh petugas", "en": "By officer"},
    "conflict.where": {"id": "Perangkat dan urutan", "en": "Device and sequence"},
    "conflict.last_agreed": {"id": "data di hub", "en": "held by the hub"},
    "conflict.whole_record": {"id": "Seluruh data saat ini", "en": "The whole record as it is now"},
    "conflict.resolve": {"id": "Putuskan", "en": "Decide"},
    "conflict.choose": {"id": "Nilai yang benar", "en": "The right value"},
    "conflict.keep_agreed": {"id": "Tetap nilai terakhir disepakati", "en": "Keep the last agreed value"},
    "conflict.edited": {"id": "Nilai lain (ketik)", "en": "Another value (type it)"},
    "conflict.reason": {"id": "Alasan", "en": "Reason"},
    "conflict.resolve_button": {"id": "Simpan keputusan", "en": "Save the decision"},
    "conflict.decision": {"id": "Keputusan", "en": "Decision"},
    "conflict.decided_by": {"id": "Diputuskan oleh", "en": "Decided by"},
    "conflict.resolved_ok": {
        "id": "Konflik #{conflict_id} diputuskan; laptop akan menerimanya saat sinkronisasi berikutnya.",
        "en": "Conflict #{conflict_id} decided; laptops receive it at their next sync.",
    },
    "conflict.was_resolved": {
        "id": "Sudah diputuskan: {value}, oleh {who}. Alasan: {reason}",
        "en": "Already decided: {value}, by {who}. Reason: {reason}",
    },
    "error.title": {"id": "Permintaan tidak dapat dipenuhi", "en": "The request could not be completed"},
    "error.home": {"id": "Kembali ke halaman awal", "en": "Back to the start page"},
    "form.errors": {"id": "Periksa isian berikut:", "en": "Please check these fields:"},
    "field.scope": {"id": "Kode wilayah", "en": "Region codes"},
    "field.role": {"id": "Jenis perangkat", "en": "Device kind"},
    "field.label": {"id": "Keterangan", "en": "Label"},
    "field.hours": {"id": "Berlaku (jam)", "en": "Valid for (hours)"},
    "field.reason": {"id": "Alasan", "en": "Reason"},
    "action.user.login": {"id": "masuk", "en": "logged in"},
    "action.user.logout": {"id": "keluar", "en": "logged out"},
    "action.user.login_failed": {"id": "gagal masuk", "en": "login failed"},
    "action.user.login_locked": {"id": "masuk dikunci", "en": "login locked"},
    "action.user.added": {"id": "pengguna ditambahkan", "en": "user added"},
    "action.user.role_changed": {"id": "peran diubah", "en": "role changed"},
    "action.user.password_reset": {"id": "kata sandi diganti", "en": "password reset"},
    "action.token.issued": {"id": "token diterbitkan", "en": "token issued"},
    "action.token.used": {"id": "token dipakai", "en": "token used"},
    "action.token.cancelled": {"id": "token dibatalkan", "en": "token cancelled"},
    "action.enrollment.refused": {"id": "pendaftaran ditolak", "en": "enrollment refused"},
    "action.device.enrolled": {"id": "perangkat terdaftar", "en": "device enrolled"},
    "action.device.reenrolled": {"id": "perangkat didaftarkan ulang", "en": "device re-enrolled"},
    "action.device.revoked": {"id": "perangkat dicabut", "en": "device revoked"},
    "action.resident.confirmed": {"id": "warga dikonfirmasi", "en": "resident confirmed"},
    "action.resident.refused": {"id": "pendaftaran warga ditolak", "en": "resident refused"},
    # The verification worklist (/verification).
    "population.registered_by_villages": {"id": "Warga yang didaftarkan desa, di luar data e-KTP dan KK:",
                                          "en": "Residents registered by villages, outside the e-KTP and family "
                                                "card extracts:"},
    "nav.verification": {"id": "Verifikasi warga", "en": "Verification"},
    "verification.awaiting": {"id": "Menunggu verifikasi", "en": "Awaiting verification"},
    "verification.confirmed": {"id": "Dikonfirmasi petugas", "en": "Confirmed by an officer"},
    "verification.refused": {"id": "Ditolak", "en": "Refused"},
    "verification.source": {"id": "Terverifikasi oleh data Dukcapil", "en": "Verified by a Dukcapil extract"},
    "verify.title": {"id": "Verifikasi warga yang didaftarkan desa",
                     "en": "Verifying residents registered by villages"},
    "verify.intro": {"id": "Warga ini didaftarkan oleh desa tetapi belum ada di data e-KTP atau KK. Mereka sudah "
                           "dihitung sebagai penduduk; periksa dokumennya lalu konfirmasi, atau tolak dengan alasan.",
                     "en": "These residents were registered by a village but are in no e-KTP or family card "
                           "extract yet. They already count as residents; check their documents and confirm "
                           "them, or refuse with a justification."},
    "verify.search": {"id": "Nama atau NIK", "en": "Name or NIK"},
    "verify.sort": {"id": "Urutkan", "en": "Sort by"},
    "verify.sort_registered": {"id": "Waktu pendaftaran", "en": "Registration time"},
    "verify.sort_name": {"id": "Nama", "en": "Name"},
    "verify.sort_village": {"id": "Desa", "en": "Village"},
    "verify.sort_nik": {"id": "NIK", "en": "NIK"},
    "verify.descending": {"id": "Terbalik", "en": "Descending"},
    "verify.showing": {"id": "{shown} dari {total} warga", "en": "{shown} of {total} residents"},
    "verify.none": {"id": "Tidak ada warga dengan status ini.", "en": "No resident with this status."},
    "verify.registered_by": {"id": "Didaftarkan oleh", "en": "Registered by"},
    "verify.registered_at": {"id": "Diterima hub", "en": "Reached the hub"},
    "verify.birth": {"id": "Tempat, tanggal lahir", "en": "Place and date of birth"},
    "verify.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "verify.address": {"id": "Alamat", "en": "Address"},
    "verify.kk": {"id": "Nomor KK", "en": "Family card number"},
    "verify.no_kk": {"id": "belum punya KK", "en": "no family card yet"},
    "verify.household": {"id": "Anggota keluarga", "en": "Household members"},
    "verify.relationship": {"id": "Hubungan", "en": "Relationship"},
    "verify.confirm": {"id": "Konfirmasi dari dokumen", "en": "Confirm from the documents"},
    "verify.documents_seen": {"id": "Dokumen yang dilihat", "en": "Documents seen"},
    "verify.documents": {"id": "Dokumen", "en": "Documents"},
    "verify.reason": {"id": "Alasan (wajib, min. 10 huruf)", "en": "Reason (required, at least 10 characters)"},
    "verify.confirm_button": {"id": "Konfirmasi warga", "en": "Confirm resident"},
    "verify.refuse": {"id": "Tolak pendaftaran", "en": "Refuse the registration"},
    "verify.justification": {"id": "Alasan penolakan (wajib, min. 10 huruf; desa akan membacanya)",
                             "en": "Justification (required, at least 10 characters; the village reads it)"},
    "verify.refuse_button": {"id": "Tolak", "en": "Refuse"},
    "verify.done_confirmed": {"id": "{name} ({nik}) dikonfirmasi.", "en": "{name} ({nik}) confirmed."},
    "verify.done_refused": {"id": "Pendaftaran {name} ({nik}) ditolak.", "en": "The registration of {name} ({nik}) "
                                                                                "was refused."},
}


def current_language() -> str:
    lang = session.get("lang") if has_request_context() else None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **fields) -> str:
    """The UI string `key` in the session's language; the key itself if it has no entry."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry[current_language()].format(**fields) if fields else entry[current_language()]


def action_name(action: str) -> str:
    """An audit action for people; actions without a translation are shown as recorded."""
    return t(f"action.{action}") if f"action.{action}" in STRINGS else action


def error_message(code: str, **fields) -> str:
    return message(code, current_language(), **fields)


def field_messages(refusal) -> list:
    """ "Field: message" for each field error of a refusal."""
    return [f"{t('field.' + item.field)}: {field_message(item.field, item.rule, current_language(), **item.params)}"
            for item in refusal.errors]


def flash_refusal(refusal) -> None:
    """Show a refused action's message and its field errors on the next page."""
    flash(error_message(refusal.code, **refusal.fields), "error")
    for text in field_messages(refusal):
        flash(text, "error")


def when(value: dt.datetime | None) -> str:
    """A time in the hub's display time zone, e.g. 23-11-2026 14:05 WIB."""
    if value is None:
        return "—"
    local = value.astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"]))
    return local.strftime("%d-%m-%Y %H:%M %Z")


def shown(value, table: str = "", field: str = "") -> str:
    """A record's value for people: a choice's label, yes/no, dd-mm-yyyy, rupiah; "—" when missing."""
    return value_text(table, field, value, current_language())


def field_label(field: str) -> str:
    """A field's name as its forms label it."""
    return label(field, current_language())


def status_reason(code: str) -> str:
    """Why the hub keeps a record without counting it (`schemas.record_status`), with what would resolve it."""
    reason, resolve = record_status.describe({"status": code}, current_language())
    return f"{reason} {resolve}" if resolve else reason


def init_app(app) -> None:
    app.jinja_env.globals.update(t=t, lang=current_language, action_name=action_name, region_name=regions.name,
                                 field_label=field_label, status_reason=status_reason)
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["shown"] = shown
