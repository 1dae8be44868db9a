"""Messages an officer reads, in Bahasa Indonesia (default) and English.

`text(key, lang, **params)` looks a message up and fills its `{placeholders}`; an unknown key
returns the key itself, so a missing message shows up instead of hiding an error. Field rules,
hub error codes and sync outcomes are all here; screen labels are in `village_client.web.labels`.
"""

CATALOGUE = {
    # Rules of the laptop (record fields are checked by `schemas`, with its own catalogue)
    "rule.required": ("Wajib diisi.", "Required."),
    "rule.choice": ("Pilih salah satu: {options}.", "Choose one of: {options}."),
    "rule.username": ("Nama pengguna: huruf kecil, angka, titik, 3-32 karakter.",
                      "User name: lower-case letters, digits, dots, 3-32 characters."),
    "rule.pin": ("PIN paling sedikit 6 karakter tanpa spasi.", "A PIN of at least 6 characters, no spaces."),
    "rule.exists": ("Sudah ada.", "Already exists."),
    "rule.not_found": ("Tidak ditemukan di laptop ini.", "Not found on this laptop."),
    "rule.out_of_scope": ("Desa ini di luar wilayah laptop ini ({scope}).",
                          "This village is outside this laptop's area ({scope})."),
    "rule.csv_header": ("Kolom CSV tidak dikenal: {columns}.", "Unknown CSV columns: {columns}."),
    "rule.members_required": ("Isi paling sedikit satu anggota keluarga (kepala keluarga).",
                              "Enter at least one member (the head of household)."),
    "rule.programme_unknown": ("Program {programme} belum ada di katalog laptop ini; lakukan sinkronisasi dulu.",
                               "Programme {programme} is not in this laptop's catalogue; sync first."),
    "rule.application_open": ("Warga ini sudah punya permohonan {programme} yang masih berjalan (status: {status}).",
                              "This person already has an open {programme} application (status: {status})."),
    "rule.not_on_list": ("NIK ini tidak ada di daftar {programme} desa ini; \"Dikeluarkan\" hanya untuk warga "
                         "yang ada di daftar.",
                         "This NIK is not on the village's {programme} list; \"Exclude\" is only for people on it."),
    "rule.already_on_list": ("NIK ini sudah ada di daftar {programme}; \"Dimasukkan\" untuk warga yang belum "
                             "ada di daftar.",
                             "This NIK is already on the {programme} list; \"Include\" is for people not on it."),
    # Hub and sync error codes
    "code.malformed": ("Data tidak dapat dibaca oleh hub.", "The hub could not read the data."),
    "code.unsupported_version": ("Versi aplikasi ini sudah lama; minta pembaruan ke kabupaten.",
                                 "This application is too old; ask the district for an update."),
    "code.bad_signature": ("Tanda tangan tidak sah: data berubah di jalan atau hub palsu.",
                           "Bad signature: data altered on the way, or a false hub."),
    "code.unknown_device": ("Laptop ini belum terdaftar di hub.", "This laptop is not enrolled at the hub."),
    "code.revoked_device": ("Laptop ini dicabut oleh kabupaten.", "This laptop was revoked by the district."),
    "code.sequence_gap": ("Hub meminta pengiriman ulang mulai nomor {expected}.",
                          "The hub asked to resend from number {expected}."),
    "code.fork": ("Riwayat laptop ini berbeda dengan di hub (mungkin dipulihkan dari cadangan). Hubungi kabupaten.",
                  "This laptop's history differs from the hub's (restored from a backup?). Contact the district."),
    "code.broken_chain": ("Rantai data rusak.", "The chain of data is broken."),
    "code.out_of_scope": ("Data di luar wilayah laptop ini.", "Data outside this laptop's area."),
    "code.body_too_large": ("Kiriman terlalu besar.", "The request was too large."),
    "code.bundle_corrupt": ("Berkas bundel rusak; salin lagi.", "The bundle file is damaged; copy it again."),
    "code.unreachable": ("Hub tidak dapat dihubungi.", "The hub cannot be reached."),
    "code.not_enrolled": ("Laptop ini belum didaftarkan ke hub (sws-village enroll).",
                          "This laptop is not enrolled yet (sws-village enroll)."),
    "code.busy": ("Sinkronisasi lain sedang berjalan.", "Another sync is running."),
    "code.false_hub": ("Kunci hub tidak cocok dengan token: hub palsu, pendaftaran ditolak.",
                       "The hub's key does not match the token: false hub, enrollment refused."),
    "code.bad_token": ("Token pendaftaran tidak sah.", "Not a valid enrollment token."),
    "code.restored_backup": ("Hub memegang lebih banyak data laptop ini daripada laptopnya sendiri. Hubungi kabupaten.",
                             "The hub holds more of this laptop's work than the laptop. Contact the district."),
    "code.not_for_this_device": ("Bundel ini untuk laptop lain.", "This bundle is for another laptop."),
    "code.login_failed": ("Nama pengguna atau PIN salah.", "Wrong user name or PIN."),
    "code.invalid": ("Ada isian yang salah.", "Some entries are wrong."),
    # Beneficiary lists (the screens and the command line)
    "list.none": ("Belum ada daftar penerima untuk desa ini.", "No beneficiary lists for this village yet."),
    "list.none_for": ("Laptop ini belum memegang daftar {programme}.", "This laptop holds no {programme} list yet."),
    "list.stale": ("Ada versi daftar yang terlewat; minta daftar lengkap ke kecamatan.",
                   "Versions of this list were missed; ask the sub-district for a full list."),
    "list.new": ("baru", "new"),
    "list.changed": ("alasan berubah", "reasons changed"),
    "list.removed_badge": ("tidak lagi di daftar", "no longer listed"),
    # Sync summary
    "sync.summary": ("Terkirim {sent}, diterima hub {acknowledged}, diterima dari hub {received}, "
                     "konflik {conflicts}, ditolak {refused}, disimpan tetapi belum dihitung {not_counted}.",
                     "Sent {sent}, acknowledged {acknowledged}, received {received}, "
                     "conflicts {conflicts}, refused {refused}, kept but not counted {not_counted}."),
    "sync.progress": ("Putaran {round}: mengirim {sending} perubahan...",
                      "Round {round}: sending {sending} changes..."),
}

LANGUAGES = ("id", "en")


def text(key: str, lang: str = "id", **params) -> str:
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    template = entry[1] if lang == "en" else entry[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def error_text(code: str, lang: str = "id", **fields) -> str:
    """The officer's message for a hub or sync error code; the code itself when none is known."""
    return text(f"code.{code}", lang, **fields) if f"code.{code}" in CATALOGUE else code
