"""Screen labels of the local UI, in Bahasa Indonesia (default) and English.

Validation messages and error codes are in `village_client.messages`; a label missing here shows
its key, which a test looks for on every page.
"""

from village_client.messages import text

LABELS = {
    "app.name": ("SWS Desa", "SWS Village"),
    "nav.home": ("Beranda", "Home"),
    "nav.households": ("Keluarga", "Households"),
    "nav.register": ("Daftarkan keluarga", "Register a household"),
    "nav.complaints": ("Pengaduan", "Complaints"),
    "nav.programmes": ("Program", "Programmes"),
    "nav.lists": ("Daftar penerima", "Beneficiary lists"),
    "nav.applications": ("Permohonan", "Applications"),
    "nav.sync": ("Sinkronisasi", "Sync"),
    "nav.logout": ("Keluar", "Log out"),
    "login.title": ("Masuk", "Log in"),
    "login.username": ("Nama pengguna", "User name"),
    "login.pin": ("PIN", "PIN"),
    "login.submit": ("Masuk", "Log in"),
    "login.failed": ("Nama pengguna atau PIN salah.", "Wrong user name or PIN."),
    "home.title": ("Selamat bekerja, {name}", "Welcome, {name}"),
    "home.pending": ("{count} menunggu", "{count} pending"),
    "home.counts": (
        "Tersimpan di laptop ini: {households} keluarga, {people} warga.",
        "Held on this laptop: {households} households, {people} people.",
    ),
    "form.save": ("Simpan", "Save"),
    "form.has_errors": (
        "Ada isian yang perlu diperbaiki; lihat pesan merah di bawah kolomnya. Belum ada yang disimpan.",
        "Some entries need fixing; see the red message under each field. Nothing was saved yet.",
    ),
    "households.search": ("Nama kepala keluarga atau nomor KK", "Head's name or KK number"),
    "households.find": ("Cari", "Find"),
    "households.none": ("Belum ada keluarga.", "No households yet."),
    "household.legend": ("Keluarga (Kartu Keluarga)", "Household (family card)"),
    "household.member": ("Anggota {number}", "Member {number}"),
    "household.add_member": ("Tambah baris anggota", "Add a member row"),
    "household.empty_rows": (
        "Baris anggota yang dibiarkan kosong tidak disimpan.",
        "Member rows left empty are not saved.",
    ),
    "household.saved": ("Keluarga tersimpan dan menunggu sinkronisasi.", "Household saved; waiting to sync."),
    "household.head": ("Kepala keluarga", "Head of household"),
    "hint.response": (
        "Wajib bila pengadu sudah menerima tanggapan.",
        "Required once the complainant has been answered.",
    ),
    "complaint.acknowledged": (
        "Pengadu telah menerima tanggapan dan menandatangani",
        "The complainant received the response and signed",
    ),
    "household.title": ("Keluarga {name}", "Household of {name}"),
    "person.edit": ("Ubah", "Edit"),
    "person.edit_title": ("Ubah data {name}", "Edit {name}"),
    "person.no_nik": ("belum ada NIK", "no NIK yet"),
    "person.saved": ("Perubahan tersimpan dan menunggu sinkronisasi.", "Change saved; waiting to sync."),
    "person.unchanged": ("Tidak ada yang diubah.", "Nothing was changed."),
    "hint.kk_number": ("16 angka, seperti di Kartu Keluarga.", "16 digits, as on the family card."),
    "hint.nik": (
        "16 angka dari KTP. Bila belum punya (bayi, belum terdaftar), kosongkan dan pilih Status NIK.",
        "16 digits from the ID card. If none yet (newborn, not registered), leave empty and choose the NIK status.",
    ),
    "hint.village_code": ("Kode Kemendagri, misalnya 35.07.01.2001.", "Kemendagri code, e.g. 35.07.01.2001."),
    "hint.welfare_decile": ("1-10 dari DTSEN, bila diketahui.", "1-10 from DTSEN, if known."),
    "hint.monthly_income": ("Rupiah, tanpa titik.", "Rupiah, whole number."),
    "choice.yes": ("Ya", "Yes"),
    "choice.no": ("Tidak", "No"),
    "event.add": ("Tambah kejadian", "Add an event"),
    "event.kind": ("Kejadian", "Event"),
    "event.saved": ("Kejadian tersimpan.", "Event saved."),
    "complaint.new": ("Catat pengaduan", "Record a complaint"),
    "complaint.none": ("Belum ada pengaduan.", "No complaints yet."),
    "complaint.reference": ("Nomor", "Reference"),
    "complaint.status": ("Status", "Status"),
    "complaint.level": ("Tingkat", "Level"),
    "complaint.title": ("Pengaduan {reference}", "Complaint {reference}"),
    "complaint.history": ("Riwayat", "History"),
    "complaint.saved": ("Pengaduan tersimpan dan menunggu sinkronisasi.", "Complaint saved; waiting to sync."),
    "programme.none": (
        "Katalog program belum diterima; lakukan sinkronisasi.",
        "No programme catalogue yet; sync to receive it.",
    ),
    "programme.benefit": ("Manfaat", "Benefit"),
    "programme.reasons": ("Alasan masuk daftar", "Why people are listed"),
    "programme.description": ("Keterangan", "Description"),
    "programme.list": ("Lihat daftar penerima desa", "See the village's beneficiary list"),
    "programme.documents": ("Dokumen yang diperlukan", "Required documents"),
    "programme.level": ("Tingkat", "Level"),
    "programme.guarantee": ("Jaminan", "Guarantee"),
    "programme.quota": ("Kuota", "Quota"),
    "list.empty": ("Daftar ini kosong.", "This list is empty."),
    "list.all": ("Semua daftar", "All lists"),
    "list.version": ("Versi", "Version"),
    "list.date": ("Tanggal daftar", "List date"),
    "list.count": ("Jumlah di daftar", "People listed"),
    "list.received": ("Diterima laptop", "Received"),
    "list.reasons": ("Alasan masuk daftar", "Why listed"),
    "list.status": ("Status permohonan", "Application"),
    "list.apply": ("Ajukan", "Apply"),
    "list.applied": ("Permohonan untuk {nik} tersimpan dan menunggu sinkronisasi.",
                     "Application for {nik} saved; waiting to sync."),
    "list.removed_title": ("Tidak lagi di daftar sejak versi terakhir", "No longer listed since the last version"),
    "list.corrections": ("Koreksi musyawarah desa", "Community corrections (village meeting)"),
    "list.correction_add": ("Simpan koreksi musyawarah", "Save the community correction"),
    "list.correction_help": (
        "Keputusan musyawarah desa: \"Dimasukkan\" untuk warga yang layak tetapi tidak ada di daftar (NIK boleh "
        "di luar daftar), \"Dikeluarkan\" untuk warga di daftar yang tidak layak lagi.",
        "The village meeting's decision: \"Include\" someone eligible who is not on the list (any NIK), "
        "\"Exclude\" someone on the list who is no longer eligible.",
    ),
    "list.reason_hint": (
        "Paling sedikit 10 karakter: alasan yang dapat diperiksa kabupaten.",
        "At least 10 characters: a reason the district can check.",
    ),
    "list.correction_saved": ("Koreksi tersimpan dan menunggu sinkronisasi.", "Correction saved; waiting to sync."),
    "applications.none": ("Belum ada permohonan.", "No applications yet."),
    "applications.pending": ("menunggu dikirim", "waiting to be sent"),
    "applications.help": (
        "Status diperbarui oleh kabupaten dan datang lewat sinkronisasi. Permohonan yang ditolak selalu "
        "disertai alasannya.",
        "The district updates each status; it arrives through sync. A rejection always comes with its reason.",
    ),
    "sync.device": ("Laptop", "Laptop"),
    "sync.hub": ("Hub", "Hub"),
    "sync.not_enrolled": ("belum didaftarkan", "not enrolled"),
    "sync.pending": ("Menunggu dikirim", "Waiting to be sent"),
    "sync.last_success": ("Sinkronisasi terakhir berhasil", "Last successful sync"),
    "sync.never": ("belum pernah", "never"),
    "sync.last_error": ("Kesalahan terakhir", "Last error"),
    "sync.now": ("Sinkronkan sekarang", "Sync now"),
    "sync.conflicts": ("Konflik", "Conflicts"),
    "sync.conflicts_help": (
        "Dua perubahan berbeda atas data yang sama. Hub memakai nilai terakhir yang disepakati sampai "
        "admin kabupaten memutuskan; keputusannya akan datang lewat sinkronisasi.",
        "Two different changes to the same data. The hub keeps the last agreed value until the "
        "district admin decides; the decision arrives through sync.",
    ),
    "sync.refusals": ("Ditolak hub", "Refused by the hub"),
    "sync.refusals_help": (
        "Perubahan yang tidak dapat diterapkan hub, dengan alasannya. Data tetap tersimpan di hub "
        "dan tercatat untuk admin; perbaiki datanya lalu simpan lagi.",
        "Changes the hub could not apply, with the reason. They are kept at the hub and listed "
        "for the admin; correct the data and save again.",
    ),
    "sync.record": ("Data", "Record"),
    "sync.field": ("Kolom", "Field"),
    "sync.sides": ("Nilai yang bersaing", "Competing values"),
    "sync.reason": ("Alasan", "Reason"),
    "sync.received": ("Diterima", "Received"),
    "sync.no_conflicts": ("Tidak ada konflik.", "No conflicts."),
    "sync.no_refusals": ("Tidak ada penolakan.", "No refusals."),
    "sync.pending_list": ("Menunggu dikirim", "Waiting to be sent"),
    "sync.officer": ("Petugas", "Officer"),
    "sync.saved_at": ("Disimpan", "Saved"),
    "sync.changes": ("Perubahan", "Changes"),
    "sync.nothing_pending": ("Semua sudah terkirim.", "Everything has been sent."),
    "conflict.open": ("Menunggu keputusan", "Awaiting decision"),
    "conflict.resolved": ("Sudah diputuskan", "Decided"),
}


def label(key: str, lang: str = "id", **params) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return text(key, lang, **params)
    template = entry[1] if lang == "en" else entry[0]
    return template.format(**params) if params else template
