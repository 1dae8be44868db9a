"""The village program's one bilingual catalogue: every message and screen text an officer reads.

`CATALOGUE` maps a key to its text in each language of `schemas.messages.LANGUAGES`, Bahasa Indonesia
(the default) and English, in the shape the shared catalogue uses: {"id": ..., "en": ...}. Keys:

    rule.<rule>   a rule of the laptop itself (officers, scope, lists); a record's fields are checked
                  by `schemas`, whose catalogue is shared with the hub and the importers
    code.<code>   an error code: the laptop's own (`village_client.errors`), the hub's and the sync
                  protocol's, the relay's and the web UI's
    list.*, sync.* and the other prefixes: the command line's and the local web UI's texts

`text(key, lang, **params)` looks a text up and fills its `{placeholders}`; an unknown key returns
the key itself, so a missing text shows up instead of hiding an error (a test looks for keys on
every page, and another checks that every key exists in both languages). Nothing changes the
catalogue after import.
"""

from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES

CATALOGUE = {
    # Rules of the laptop (a record's fields are checked by `schemas`, with the shared catalogue)
    "rule.required": {"id": "Wajib diisi.", "en": "Required."},
    "rule.choice": {"id": "Pilih salah satu: {options}.", "en": "Choose one of: {options}."},
    "rule.payment_membership_unknown": {
        "id": "Laptop ini tidak menyimpan kepesertaan itu untuk pengadu pada bulan tersebut (lihat menu Pembayaran).",
        "en": "This laptop holds no such membership of the complainant in that month (see Payments).",
    },
    "rule.username": {
        "id": "Nama pengguna: huruf kecil, angka, titik, 3-32 karakter.",
        "en": "User name: lower-case letters, digits, dots, 3-32 characters.",
    },
    "rule.pin_wrong": {"id": "PIN sekarang salah.", "en": "The current PIN is wrong."},
    "rule.pin_repeat": {"id": "PIN baru dan ulangannya tidak sama.", "en": "The new PIN and its repetition differ."},
    "rule.pin": {
        "id": "PIN paling sedikit 6 karakter tanpa spasi.",
        "en": "A PIN of at least 6 characters, no spaces.",
    },
    "rule.exists": {"id": "Sudah ada.", "en": "Already exists."},
    "rule.not_found": {"id": "Tidak ditemukan di laptop ini.", "en": "Not found on this laptop."},
    "rule.reference_assigned": {
        "id": "Nomor registrasi dibuat oleh laptop; salin nomor itu ke formulir kertas.",
        "en": "The laptop makes the reference number; copy it onto the paper form.",
    },
    "services.none": {
        "id": "Laptop ini belum menerima direktori layanan kabupaten (sinkronkan setelah hub memuat direktori).",
        "en": "This laptop holds no directory of services yet (sync once the hub has loaded the directory).",
    },
    "rule.service_unknown": {
        "id": "{code} tidak ada dalam direktori layanan kabupaten; pilih layanan dari daftar.",
        "en": "{code} is not in the district's directory of services; choose a service from the list.",
    },
    "rule.service_inactive": {
        "id": "{code} sudah tidak aktif dalam direktori layanan kabupaten; pilih layanan lain.",
        "en": "{code} is no longer active in the district's directory of services; choose another service.",
    },
    "rule.referral_reason_required": {"id": "Tulis alasan rujukan: apa yang dibutuhkan dari layanan itu.",
                                      "en": "Give the reason for the referral: what the service is asked for."},
    "rule.referral_subject_required": {
        "id": "Isi NIK orang yang dirujuk, atau nomor KK bila satu keluarga yang dirujuk.",
        "en": "Give the NIK of the person referred, or the family card number when a household is referred."},
    "rule.event_field_unused": {
        "id": "Isian ini tidak dipakai untuk jenis kejadian tersebut.",
        "en": "This field is not used by that kind of event.",
    },
    "rule.out_of_scope": {
        "id": "Desa ini di luar wilayah laptop ini ({scope}).",
        "en": "This village is outside this laptop's area ({scope}).",
    },
    "rule.not_utf8": {"id": "Baris ini bukan teks UTF-8 (mungkin disimpan sebagai ANSI); simpan berkas sebagai "
                               "UTF-8 lalu impor lagi.",
                      "en": "This row is not UTF-8 text (saved as ANSI?); save the file as UTF-8 and import it again."},
    "rule.csv_header": {"id": "Kolom CSV tidak dikenal: {columns}.", "en": "Unknown CSV columns: {columns}."},
    "rule.moved_away": {
        "id": "Data ini sudah pindah ke desa {village}: kini diurus laptop desa itu.",
        "en": "This record moved to the village {village}: that village's laptops look after it now.",
    },
    "rule.move_destination": {
        "id": "Pilih desa tujuan di kabupaten ini, atau isi tujuan di luar kabupaten (salah satu saja).",
        "en": "Choose the village moved to in this district, or enter where they went outside it (one of the two).",
    },
    "rule.move_same_village": {"id": "Desa tujuan sama dengan desa sekarang.",
                               "en": "The village moved to is the village they live in now."},
    "rule.move_other_district": {
        "id": "Desa itu di kabupaten lain: catat sebagai pindah keluar kabupaten.",
        "en": "That village is in another district: record it as a move out of the district.",
    },
    "rule.not_on_worklist": {"id": "Hal ini tidak ada (lagi) di daftar verifikasi laptop ini: sinkronkan dahulu.",
                             "en": "This item is not (any longer) on this laptop's worklist: sync first."},
    "rule.already_checked": {
        "id": "Hasil cek lapangan hal ini sudah dicatat di laptop ini dan menunggu keputusan hub.",
        "en": "A field check of this item is already recorded on this laptop and awaits the hub.",
    },
    "rule.move_members": {"id": "Pilih paling sedikit satu anggota yang pindah.",
                          "en": "Choose at least one member who moved."},
    "rule.members_required": {
        "id": "Isi paling sedikit satu anggota keluarga (kepala keluarga).",
        "en": "Enter at least one member (the head of household).",
    },
    "rule.programme_unknown": {
        "id": "Program {programme} belum ada di katalog laptop ini; lakukan sinkronisasi dulu.",
        "en": "Programme {programme} is not in this laptop's catalogue; sync first.",
    },
    "rule.application_open": {
        "id": "Warga ini sudah punya permohonan {programme} yang masih berjalan (status: {status}).",
        "en": "This person already has an open {programme} application (status: {status}).",
    },
    "rule.not_on_list": {
        "id": "NIK ini tidak ada di daftar {programme} desa ini; \"Dikeluarkan\" hanya untuk warga yang ada di daftar.",
        "en": "This NIK is not on the village's {programme} list; \"Exclude\" is only for people on it.",
    },
    "rule.already_on_list": {
        "id": "NIK ini sudah ada di daftar {programme}; \"Dimasukkan\" untuk warga yang belum ada di daftar.",
        "en": "This NIK is already on the {programme} list; \"Include\" is for people not on it.",
    },
    # Error codes: the laptop's own, the hub's and the sync protocol's, the relay's and the web UI's
    "code.malformed": {"id": "Data yang dikirim tidak dapat dibaca.", "en": "The data sent could not be read."},
    "code.unsupported_version": {
        "id": "Versi aplikasi ini sudah lama; minta pembaruan ke kabupaten.",
        "en": "This application is too old; ask the district for an update.",
    },
    "code.bad_signature": {
        "id": "Tanda tangan tidak sah: data berubah di jalan atau hub palsu.",
        "en": "Bad signature: data altered on the way, or a false hub.",
    },
    "code.unknown_device": {
        "id": "Laptop ini belum terdaftar di hub.",
        "en": "This laptop is not enrolled at the hub.",
    },
    "code.revoked_device": {
        "id": "Laptop ini dicabut oleh kabupaten.",
        "en": "This laptop was revoked by the district.",
    },
    "code.sequence_gap": {
        "id": "Hub meminta pengiriman ulang mulai nomor {expected}.",
        "en": "The hub asked to resend from number {expected}.",
    },
    "code.fork": {
        "id": "Riwayat laptop ini berbeda dengan di hub (mungkin dipulihkan dari cadangan). Minta kabupaten "
              "menerimanya kembali (sws-hub devices readmit), lalu jalankan sws-village readmit dengan tokennya.",
        "en": "This laptop's history differs from the hub's (restored from a backup?). Ask the district to "
              "re-admit it (sws-hub devices readmit), then run sws-village readmit with the token.",
    },
    "code.readmit_not_needed": {
        "id": "Hub masih menerima riwayat laptop ini: tidak perlu diterima kembali. Sinkronkan seperti biasa.",
        "en": "The hub still accepts this laptop's history: no re-admission needed. Sync as usual.",
    },
    "code.broken_chain": {"id": "Rantai data rusak.", "en": "The chain of data is broken."},
    "code.role_forbidden": {"id": "Halaman ini bukan untuk peran {role}.",
                            "en": "This page is not for the role {role}."},
    "code.out_of_scope": {"id": "Data di luar wilayah laptop ini.", "en": "Data outside this laptop's area."},
    "code.body_too_large": {"id": "Kiriman terlalu besar.", "en": "The request was too large."},
    "code.bundle_corrupt": {
        "id": "Berkas bundel rusak; salin lagi.",
        "en": "The bundle file is damaged; copy it again.",
    },
    "code.unreachable": {"id": "Hub tidak dapat dihubungi.", "en": "The hub cannot be reached."},
    "code.replayed_request": {
        "id": "Hub sudah menerima permintaan bernomor ini: permintaan yang diulang ditolak. Sinkronkan lagi.",
        "en": "The hub already received a request with this number: a repeated request is refused. Sync again.",
    },
    "code.untrusted_reply": {
        "id": "Jawaban ini bukan dari hub (tidak ditandatangani hub, untuk laptop lain, atau untuk permintaan yang "
              "tidak pernah dibuat laptop ini; bundel palsu?): tidak ada yang diterapkan, data tetap menunggu dikirim.",
        "en": "This answer is not the hub's (not signed by the hub, for another laptop, or for a request this laptop "
              "never made; a forged bundle?): nothing was applied, the work stays waiting to be sent.",
    },
    "code.unverified_refusal": {
        "id": "Penolakan yang tidak ditandatangani hub, yang berbunyi “{words}” ({said}): dari relay kecamatan "
              "atau dibuat di jalan. Tidak ada yang diubah; data tetap menunggu dan terkirim pada sinkronisasi atau "
              "flashdisk berikutnya.",
        "en": "A refusal the hub did not sign, saying “{words}” ({said}): said by the sub-district relay, or made "
              "up on the way. Nothing was changed; the work stays waiting and goes with the next sync or stick.",
    },
    "code.plain_http": {
        "id": "{url} tidak memakai https: data warga akan terkirim tanpa sandi. Pakai alamat https hub, atau izinkan "
              "http untuk relay di jaringan kantor (pengaturan allow_plain_http).",
        "en": "{url} is not https: residents' data would travel unencrypted. Use the hub's https address, or allow "
              "http for a relay on the office network (setting allow_plain_http).",
    },
    "code.tls_failed": {
        "id": "Sertifikat hub tidak dapat diperiksa; tidak ada yang dikirim. Periksa alamat hub atau pengaturan "
              "hub_ca_file.",
        "en": "The hub's certificate could not be checked; nothing was sent. Check the hub address or the setting "
              "hub_ca_file.",
    },
    "code.not_enrolled": {
        "id": "Laptop ini belum didaftarkan ke hub (sws-village enroll).",
        "en": "This laptop is not enrolled yet (sws-village enroll).",
    },
    "code.busy": {"id": "Sinkronisasi lain sedang berjalan.", "en": "Another sync is running."},
    "code.false_hub": {
        "id": "Kunci hub tidak cocok dengan token: hub palsu, pendaftaran ditolak.",
        "en": "The hub's key does not match the token: false hub, enrollment refused.",
    },
    "code.bad_token": {"id": "Token pendaftaran tidak sah.", "en": "Not a valid enrollment token."},
    "code.restored_backup": {
        "id": "Hub memegang lebih banyak data laptop ini daripada laptopnya sendiri. Hubungi kabupaten.",
        "en": "The hub holds more of this laptop's work than the laptop. Contact the district.",
    },
    "code.not_for_this_device": {"id": "Bundel ini untuk laptop lain.", "en": "This bundle is for another laptop."},
    "code.login_failed": {"id": "Nama pengguna atau PIN salah.", "en": "Wrong user name or PIN."},
    "code.database_locked": {
        "id": "Data laptop ini dilindungi sandi: masuk dengan nama petugas dan PIN untuk membukanya.",
        "en": "This laptop's data is protected: log in with an officer's name and PIN to open it.",
    },
    "code.keyring_unreadable": {
        "id": "Data laptop ini tersandi, tetapi {path} hilang atau rusak: pulihkan dari cadangan bersama village.db.",
        "en": "This laptop's data is encrypted, but {path} is missing or damaged: restore it from the backup "
              "together with village.db.",
    },
    "code.already_protected": {"id": "Data laptop ini sudah dilindungi.",
                               "en": "This laptop's data is protected already."},
    "code.protect_busy": {
        "id": "Program lain sedang membuka data laptop ini (UI desa, relay, atau sinkronisasi): tutup dulu, lalu "
              "ulangi. Tidak ada yang diubah.",
        "en": "Another program has this laptop's data open (the village UI, a relay, or a sync): close it, then "
              "try again. Nothing was changed.",
    },
    "protect.done": {
        "id": "Data laptop ini kini tersandi. PIN {count} petugas membukanya; simpan cadangan keyring.json bersama "
              "village.db.",
        "en": "This laptop's data is now encrypted. The PINs of {count} officers open it; back up keyring.json "
              "together with village.db.",
    },
    "code.login_locked": {
        "id": "Terlalu banyak PIN salah berturut-turut: coba lagi setelah {seconds} detik.",
        "en": "Too many wrong PINs in a row: try again in {seconds} seconds.",
    },
    "code.host_refused": {
        "id": "Alamat ini bukan alamat laptop ini: buka SWS Desa lewat http://127.0.0.1.",
        "en": "This is not this laptop's address: open SWS Village at http://127.0.0.1.",
    },
    "code.invalid": {"id": "Ada isian yang salah.", "en": "Some entries are wrong."},
    "code.role_not_allowed": {"id": "Peran petugas yang menyimpannya tidak boleh mencatat data ini.",
                              "en": "The role of the officer who saved it may not record this."},
    "code.stale_move": {"id": "Data ini sudah dipindah ke desa lain sebelumnya; sinkronkan dulu, lalu ulangi.",
                        "en": "This record had already moved to another village; sync first, then move it again."},
    "code.decided_at_hub": {"id": "Keputusan permohonan dibuat di hub, bukan di laptop.",
                            "en": "Decisions on applications are made at the hub, not on a laptop."},
    "code.not_initialised": {
        "id": "Belum ada basis data desa di {data_dir}: jalankan `sws-village init`.",
        "en": "No village database in {data_dir}: run `sws-village init`.",
    },
    "code.disk_full": {
        "id": "Disk laptop penuh; tidak ada yang tersimpan. Kosongkan ruang (hapus berkas lama, pindahkan foto), "
              "lalu ulangi.",
        "en": "The laptop's disk is full; nothing was saved. Free some space (delete old files, move photos), "
              "then try again.",
    },
    "code.storage_read_only": {
        "id": "Folder data laptop hanya bisa dibaca; tidak ada yang tersimpan. Hubungi kecamatan.",
        "en": "The laptop's data folder is read-only; nothing was saved. Contact the sub-district.",
    },
    "code.storage_unreadable": {
        "id": "Folder data laptop tidak dapat dibaca atau ditulis; tidak ada yang tersimpan. Hubungi kecamatan.",
        "en": "The laptop's data folder cannot be read or written; nothing was saved. Contact the sub-district.",
    },
    "code.key_missing": {
        "id": "Kunci perangkat {path} tidak ada: pulihkan dari cadangan, jangan membuat kunci baru.",
        "en": "The device key {path} is missing: restore it from the backup, never make a new one.",
    },
    "code.no_list": {
        "id": "Laptop ini belum memegang daftar {programme}.",
        "en": "This laptop holds no {programme} list yet.",
    },
    "code.field_value": {"id": "{pair}: tulis ISIAN=NILAI.", "en": "{pair}: write FIELD=VALUE."},
    "code.unknown_fields": {
        "id": "Isian tidak dikenal: {fields}; gunakan {known}.",
        "en": "Unknown fields {fields}; use {known}.",
    },
    "code.hub_unreachable": {
        "id": "Relay kecamatan tidak dapat menghubungi hub; coba lagi nanti.",
        "en": "The sub-district relay cannot reach the hub; try again later.",
    },
    "code.not_found": {"id": "Alamat {path} tidak ada di laptop ini.", "en": "There is no {path} on this laptop."},
    "code.method_not_allowed": {
        "id": "Metode {method} tidak diizinkan untuk alamat ini.",
        "en": "Method {method} is not allowed here.",
    },
    "code.forbidden": {"id": "Anda tidak diizinkan melakukan ini.", "en": "You are not allowed to do this."},
    "code.csrf_failed": {
        "id": "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
        "en": "The form has expired or is not valid. Reload the page and try again.",
    },
    "code.http_error": {"id": "Permintaan ditolak (HTTP {status}).", "en": "Request refused (HTTP {status})."},
    "code.internal": {
        "id": "Terjadi kesalahan di laptop ini. Coba lagi; jika berulang, hubungi kecamatan.",
        "en": "Something went wrong on this laptop. Try again; if it happens again, contact the sub-district.",
    },
    # Beneficiary lists (the screens and the command line)
    "list.none": {
        "id": "Belum ada daftar penerima untuk desa ini.",
        "en": "No beneficiary lists for this village yet.",
    },
    "list.stale": {
        "id": "Ada versi daftar yang terlewat; minta daftar lengkap ke kecamatan.",
        "en": "Versions of this list were missed; ask the sub-district for a full list.",
    },
    "list.new": {"id": "baru", "en": "new"},
    # Memberships and payments held from the hub (village_client.memberships, /payments)
    "nav.payments": {"id": "Pembayaran", "en": "Payments"},
    "membership.enrolled": {"id": "terdaftar sejak {date}, no. kartu {number}",
                            "en": "enrolled since {date}, card no. {number}"},
    "membership.until": {"id": "sampai {date}", "en": "until {date}"},
    "hint.payment_membership": {"id": "Hanya untuk keterlambatan pembayaran: kepesertaan yang dimaksud.",
                                "en": "Payment delay only: the membership concerned."},
    "hint.payment_period": {"id": "Bulan yang dimaksud, tttt-bb (mis. 2026-03).",
                            "en": "The month concerned, yyyy-mm (e.g. 2026-03)."},
    "payments.help": {
        "id": "Per bulan: siapa dibayar berapa dan kapan, dan siapa yang seharusnya dibayar tetapi belum, "
              "menurut sinkronisasi terakhir.",
        "en": "Per month: who was paid what and when, and who was expected and not paid, as of the last sync.",
    },
    "payments.month": {"id": "Bulan (tttt-bb)", "en": "Month (yyyy-mm)"},
    "payments.month_invalid": {"id": "Bulan harus ditulis tttt-bb, misalnya 2026-03.",
                               "en": "The month must be written yyyy-mm, for example 2026-03."},
    "payments.all_programmes": {"id": "Semua program", "en": "All programmes"},
    "payments.flagged_only": {"id": "Hanya yang belum dibayar", "en": "Expected and not paid only"},
    "payments.show": {"id": "Tampilkan", "en": "Show"},
    "payments.card": {"id": "No. kartu", "en": "Card no."},
    "payments.due": {"id": "Seharusnya", "en": "Due"},
    "payments.paid": {"id": "Dibayar (tanggal)", "en": "Paid (day)"},
    "payments.kind_contribution": {"id": "iuran", "en": "contribution"},
    "payments.kind_benefit": {"id": "bantuan", "en": "benefit"},
    "payments.expected_unpaid": {"id": "seharusnya dibayar, belum", "en": "expected, not paid"},
    "payments.status_paid": {"id": "dibayar", "en": "paid"},
    "payments.status_partial": {"id": "dibayar sebagian", "en": "partly paid"},
    "payments.status_unpaid": {"id": "belum dibayar", "en": "not paid"},
    "payments.status_overpaid": {"id": "dibayar lebih", "en": "overpaid"},
    # Claims facilitated by the SWS (village_client.claims, /claims)
    "nav.claims": {"id": "Klaim", "en": "Claims"},
    "claims.title": {"id": "Klaim peserta", "en": "Members' claims"},
    "claims.help": {"id": "Klaim dicatat di desa, diteruskan kabupaten ke BPJS; hasilnya (dibayar atau ditolak "
                            "dengan alasannya) tampil di sini setelah sinkronisasi.",
                    "en": "Claims are recorded in the village and passed to BPJS by the district; the outcome "
                          "(paid, or refused with its reason) shows here after a sync."},
    "claims.new": {"id": "Catat klaim", "en": "Record a claim"},
    "claims.form_help": {"id": "Cari warga dengan NIK: hanya kepesertaan yang programnya membayar klaim yang "
                                 "ditawarkan, dengan daftar dokumennya.",
                         "en": "Find the person by NIK: only memberships of programmes that pay on claims are "
                               "offered, with their documents checklist."},
    "claims.nik_hint": {"id": "NIK peserta (16 angka)", "en": "The member's NIK (16 digits)"},
    "claims.find": {"id": "Cari kepesertaan", "en": "Find memberships"},
    "claims.card": {"id": "no. kartu", "en": "card no."},
    "claims.card_hint": {"id": "Kosongkan: nomor kartu kepesertaan dipakai.",
                         "en": "Leave blank: the membership's card number is used."},
    "claims.no_membership": {"id": "Laptop ini tidak memegang kepesertaan warga ini pada program yang membayar "
                                     "klaim.",
                             "en": "This laptop holds no membership of this person in a programme that pays on "
                                   "claims."},
    "claims.required_for": {"id": "wajib untuk", "en": "required for"},
    "claims.saved": {"id": "Klaim dicatat; akan dikirim ke kabupaten pada sinkronisasi berikutnya.",
                     "en": "Claim recorded; it goes to the district with the next sync."},
    "claims.member": {"id": "Peserta", "en": "Member"},
    "claims.programme": {"id": "Program", "en": "Programme"},
    "claims.status": {"id": "Status", "en": "Status"},
    "claims.answer": {"id": "Jawaban (jumlah, tanggal, alasan)", "en": "Answer (amount, day, reason)"},
    "claims.missing": {"id": "Dokumen wajib belum ada", "en": "Required documents missing"},
    "claims.none": {"id": "Belum ada klaim.", "en": "No claim yet."},
    "payments.none": {"id": "Tidak ada kepesertaan yang seharusnya dibayar bulan ini.",
                      "en": "No membership was expected to be paid this month."},
    "list.changed": {"id": "alasan berubah", "en": "reasons changed"},
    "list.removed_badge": {"id": "tidak lagi di daftar", "en": "no longer listed"},
    "list.left_died": {"id": "meninggal dunia", "en": "died"},
    "list.left_moved_out": {"id": "pindah keluar kabupaten", "en": "moved out of the district"},
    "list.left_moved_village": {"id": "pindah ke desa lain", "en": "moved to another village"},
    "list.empty": {"id": "Daftar ini kosong.", "en": "This list is empty."},
    "list.all": {"id": "Semua daftar", "en": "All lists"},
    "list.version": {"id": "Versi", "en": "Version"},
    "list.date": {"id": "Tanggal daftar", "en": "List date"},
    "list.count": {"id": "Jumlah di daftar", "en": "People listed"},
    "list.received": {"id": "Diterima laptop", "en": "Received"},
    "list.reasons": {"id": "Alasan masuk daftar", "en": "Why listed"},
    # A household programme lists the head for the household: its reasons may be another member's.
    "list.household_reasons": {"id": "Alasan keluarga masuk daftar", "en": "Why the household is listed"},
    "list.household_of": {"id": "keluarga {name}", "en": "{name}'s household"},
    "list.status": {"id": "Status permohonan", "en": "Application"},
    "list.apply": {"id": "Ajukan", "en": "Apply"},
    "list.applied": {
        "id": "Permohonan untuk {nik} tersimpan dan menunggu sinkronisasi.",
        "en": "Application for {nik} saved; waiting to sync.",
    },
    "list.removed_title": {
        "id": "Tidak lagi di daftar sejak versi terakhir",
        "en": "No longer listed since the last version",
    },
    "list.corrections": {"id": "Koreksi musyawarah desa", "en": "Community corrections (village meeting)"},
    "list.correction_add": {"id": "Simpan koreksi musyawarah", "en": "Save the community correction"},
    "list.correction_help": {
        "id": ("Keputusan musyawarah desa: \"Dimasukkan\" untuk warga yang layak tetapi tidak ada di daftar (NIK "
               "boleh di luar daftar), \"Dikeluarkan\" untuk warga di daftar yang tidak layak lagi."),
        "en": ("The village meeting's decision: \"Include\" someone eligible who is not on the list (any NIK), "
               "\"Exclude\" someone on the list who is no longer eligible."),
    },
    "list.reason_hint": {
        "id": "Paling sedikit 10 karakter: alasan yang dapat diperiksa kabupaten.",
        "en": "At least 10 characters: a reason the district can check.",
    },
    "list.correction_saved": {
        "id": "Koreksi tersimpan dan menunggu sinkronisasi.",
        "en": "Correction saved; waiting to sync.",
    },
    # Sync (the summary, the progress line and the sync screen)
    "sync.summary": {
        "id": ("Terkirim {sent}, diterima hub {acknowledged}, diterima dari hub {received}, konflik {conflicts}, "
               "ditolak {refused}, disimpan tetapi belum dihitung {not_counted}."),
        "en": ("Sent {sent}, acknowledged {acknowledged}, received {received}, conflicts {conflicts}, refused "
               "{refused}, kept but not counted {not_counted}."),
    },
    "sync.progress": {
        "id": "Putaran {round}: mengirim {sending} perubahan...",
        "en": "Round {round}: sending {sending} changes...",
    },
    "sync.device": {"id": "Laptop", "en": "Laptop"},
    "sync.hub": {"id": "Hub", "en": "Hub"},
    "sync.not_enrolled": {"id": "belum didaftarkan", "en": "not enrolled"},
    "sync.pending": {"id": "Menunggu dikirim", "en": "Waiting to be sent"},
    "sync.last_success": {"id": "Sinkronisasi terakhir berhasil", "en": "Last successful sync"},
    "sync.never": {"id": "belum pernah", "en": "never"},
    "sync.last_error": {"id": "Kesalahan terakhir", "en": "Last error"},
    "sync.now": {"id": "Sinkronkan sekarang", "en": "Sync now"},
    "sync.conflicts": {"id": "Konflik", "en": "Conflicts"},
    "sync.conflicts_help": {
        "id": ("Dua perubahan berbeda atas data yang sama. Hub memakai nilai terakhir yang disepakati sampai admin "
               "kabupaten memutuskan; keputusannya akan datang lewat sinkronisasi."),
        "en": ("Two different changes to the same data. The hub keeps the last agreed value until the district admin "
               "decides; the decision arrives through sync."),
    },
    "sync.refusals": {"id": "Ditolak hub", "en": "Refused by the hub"},
    "sync.refusals_help": {
        "id": ("Perubahan yang tidak dapat diterapkan hub, dengan alasannya. Data tetap tersimpan di hub dan "
               "tercatat untuk admin; perbaiki datanya lalu simpan lagi."),
        "en": ("Changes the hub could not apply, with the reason. They are kept at the hub and listed for the admin; "
               "correct the data and save again."),
    },
    "sync.record": {"id": "Data", "en": "Record"},
    "sync.field": {"id": "Kolom", "en": "Field"},
    "sync.sides": {"id": "Nilai yang bersaing", "en": "Competing values"},
    "sync.reason": {"id": "Alasan", "en": "Reason"},
    "sync.received": {"id": "Diterima", "en": "Received"},
    "sync.no_conflicts": {"id": "Tidak ada konflik.", "en": "No conflicts."},
    "sync.no_refusals": {"id": "Tidak ada penolakan.", "en": "No refusals."},
    "sync.not_counted": {"id": "Disimpan hub, belum dihitung", "en": "Kept by the hub, not counted yet"},
    "sync.not_counted_help": {
        "id": "Hub menyimpan data ini tetapi belum dapat menghitungnya. Alasannya dan cara menyelesaikannya ada di "
              "sini; data akan dihitung begitu penyebabnya selesai.",
        "en": "The hub keeps these records but cannot count them yet. Here is why, and what would resolve it; "
              "they count as soon as the cause is resolved."},
    "sync.kind": {"id": "Jenis data", "en": "Kind"},
    "sync.what_resolves": {"id": "Yang perlu dilakukan", "en": "What would resolve it"},
    "sync.all_counted": {"id": "Semua data dihitung hub.", "en": "The hub counts everything."},
    "record.person": {"id": "Pendaftaran warga", "en": "Resident registration"},
    "record.list_correction": {"id": "Koreksi musyawarah desa", "en": "Village meeting correction"},
    "record.application": {"id": "Permohonan", "en": "Application"},
    "hub.awaiting_verification": {"id": "menunggu verifikasi", "en": "awaiting verification"},
    "hub.proposed": {"id": "usulan, menunggu verifikasi", "en": "proposed, awaiting verification"},
    "hub.counted": {"id": "dihitung hub", "en": "counted at the hub"},
    "hub.not_counted": {"id": "belum dihitung", "en": "not counted yet"},
    "hub.column": {"id": "Di hub", "en": "At the hub"},
    "sync.pending_list": {"id": "Menunggu dikirim", "en": "Waiting to be sent"},
    "sync.officer": {"id": "Petugas", "en": "Officer"},
    "sync.saved_at": {"id": "Disimpan", "en": "Saved"},
    "sync.changes": {"id": "Perubahan", "en": "Changes"},
    "sync.nothing_pending": {"id": "Semua sudah terkirim.", "en": "Everything has been sent."},
    # Screens of the local web UI
    "app.name": {"id": "SWS Desa", "en": "SWS Village"},
    "nav.home": {"id": "Beranda", "en": "Home"},
    "nav.households": {"id": "Keluarga", "en": "Households"},
    "nav.register": {"id": "Daftarkan keluarga", "en": "Register a household"},
    "nav.complaints": {"id": "Pengaduan", "en": "Complaints"},
    "nav.programmes": {"id": "Program", "en": "Programmes"},
    "nav.lists": {"id": "Daftar penerima", "en": "Beneficiary lists"},
    "nav.applications": {"id": "Permohonan", "en": "Applications"},
    "nav.sync": {"id": "Sinkronisasi", "en": "Sync"},
    "nav.logout": {"id": "Keluar", "en": "Log out"},
    "login.title": {"id": "Masuk", "en": "Log in"},
    "login.username": {"id": "Nama pengguna", "en": "User name"},
    "login.pin": {"id": "PIN", "en": "PIN"},
    "login.submit": {"id": "Masuk", "en": "Log in"},
    "pin.title": {"id": "Ganti PIN", "en": "Change PIN"},
    "pin.help": {"id": "PIN baru berlaku untuk masuk di laptop ini, di layar dan di baris perintah.",
                 "en": "The new PIN is the one to log in with on this laptop, in the screens and on the command line."},
    "pin.current": {"id": "PIN sekarang", "en": "Current PIN"},
    "pin.new": {"id": "PIN baru", "en": "New PIN"},
    "pin.again": {"id": "Ulangi PIN baru", "en": "New PIN again"},
    "pin.submit": {"id": "Simpan PIN baru", "en": "Save the new PIN"},
    "pin.changed": {"id": "PIN sudah diganti.", "en": "The PIN is changed."},
    "home.title": {"id": "Selamat bekerja, {name}", "en": "Welcome, {name}"},
    "home.pending": {"id": "{count} menunggu", "en": "{count} pending"},
    "home.counts": {
        "id": "Tersimpan di laptop ini: {households} keluarga, {people} warga.",
        "en": "Held on this laptop: {households} households, {people} people.",
    },
    "error.title": {"id": "Permintaan tidak dapat dipenuhi", "en": "The request could not be completed"},
    "error.home": {"id": "Kembali ke beranda", "en": "Back to the home page"},
    "form.save": {"id": "Simpan", "en": "Save"},
    "form.has_errors": {
        "id": "Ada isian yang perlu diperbaiki; lihat pesan merah di bawah kolomnya. Belum ada yang disimpan.",
        "en": "Some entries need fixing; see the red message under each field. Nothing was saved yet.",
    },
    "households.search": {"id": "Nama kepala keluarga atau nomor KK", "en": "Head's name or KK number"},
    "households.find": {"id": "Cari", "en": "Find"},
    "households.none": {"id": "Belum ada keluarga.", "en": "No households yet."},
    "household.legend": {"id": "Keluarga (Kartu Keluarga)", "en": "Household (family card)"},
    "household.member": {"id": "Anggota {number}", "en": "Member {number}"},
    "household.add_member": {"id": "Tambah baris anggota", "en": "Add a member row"},
    "household.empty_rows": {
        "id": "Baris anggota yang dibiarkan kosong tidak disimpan.",
        "en": "Member rows left empty are not saved.",
    },
    "duplicate.nik_held": {
        "id": "Perhatian: NIK {nik} juga terdaftar atas nama {name}, lahir {born}, KK {kk}. Periksa apakah orang "
              "yang sama terdaftar dua kali; data tetap tersimpan, hub juga akan menandainya.",
        "en": "Note: NIK {nik} is also registered to {name}, born {born}, family card {kk}. Check whether one person "
              "is registered twice; the entry is saved, and the hub will flag it too.",
    },
    "household.saved": {
        "id": "Keluarga tersimpan dan menunggu sinkronisasi.",
        "en": "Household saved; waiting to sync.",
    },
    "household.head": {"id": "Kepala keluarga", "en": "Head of household"},
    "hint.sensitive_category": {
        "id": "Kekerasan terhadap perempuan dan anak dan perdagangan orang adalah kasus sensitif: hanya Anda yang "
              "melihatnya di laptop ini, dan tidak dikirim ke laptop lain di desa.",
        "en": "Violence against women and children and trafficking are sensitive cases: only you see them on this "
              "laptop, and they are not sent to the village's other laptops."},
    "hint.response": {
        "id": "Wajib bila pengadu sudah menerima tanggapan.",
        "en": "Required once the complainant has been answered.",
    },
    "complaint.acknowledged": {
        "id": "Pengadu telah menerima tanggapan dan menandatangani",
        "en": "The complainant received the response and signed",
    },
    "household.title": {"id": "Keluarga {name}", "en": "Household of {name}"},
    "person.edit": {"id": "Ubah", "en": "Edit"},
    "trouble.revoked": {
        "id": "Laptop ini dicabut oleh hub ({reason}): data baru tidak lagi diterima. Jangan mencatat di laptop ini; "
              "hubungi admin kabupaten untuk laptop pengganti.",
        "en": "The hub revoked this laptop ({reason}): it no longer takes what this laptop sends. Do not record "
              "on this laptop; ask the district admin for a replacement.",
    },
    "trouble.fork": {
        "id": "Riwayat laptop ini tidak cocok dengan hub (laptop dipulihkan dari cadangan lama?). Data baru belum "
              "bisa terkirim, tetapi tetap tersimpan di sini. Minta admin kabupaten menerima laptop ini kembali "
              "(token baru), lalu jalankan sws-village readmit: semua data yang belum terkirim ikut dikirim.",
        "en": "This laptop's history and the hub's part ways (restored from an old backup?). New work cannot be "
              "sent yet, but it is kept here. Ask the district admin to re-admit this laptop (a new token), then "
              "run sws-village readmit: everything unsent goes with it.",
    },
    "trouble.stale": {
        "id": "Sudah {days} hari tanpa sinkronisasi: data di sini mungkin usang dan catatan baru belum sampai di hub. "
              "Sinkronkan lewat jaringan atau flashdisk.",
        "en": "No sync for {days} days: what this laptop shows may be out of date and new work has not reached the "
              "hub. Sync over the network or by USB stick.",
    },
    "trouble.never": {
        "id": "Laptop ini belum pernah sinkron dengan hub: daftar penerima dan data penduduk belum ada.",
        "en": "This laptop has never synced with the hub: it holds no lists or residents yet.",
    },
    "worklist.title": {"id": "Daftar verifikasi kecamatan", "en": "Sub-district verification worklist"},
    "worklist.intro": {
        "id": "Yang perlu diperiksa di lapangan: ketidaksesuaian antar sumber data dan warga yang menunggu "
              "verifikasi, per desa, yang terlama lebih dulu.",
        "en": "What to check in the field: disagreements between the source databases and residents awaiting "
              "verification, per village, oldest first.",
    },
    "worklist.inconsistencies": {"id": "Ketidaksesuaian antar sumber", "en": "Inconsistencies between sources"},
    "worklist.residents": {"id": "Warga menunggu verifikasi", "en": "Residents awaiting verification"},
    "worklist.oldest": {"id": "Terlama sejak", "en": "Oldest since"},
    "worklist.since": {"id": "Sejak", "en": "Since"},
    "worklist.kind": {"id": "Jenis", "en": "Kind"},
    "worklist.sources": {"id": "Nilai per sumber (baris)", "en": "Value per source (line)"},
    "worklist.all": {"id": "Semua desa", "en": "All villages"},
    "worklist.empty": {"id": "Tidak ada.", "en": "None."},
    "worklist.check": {"id": "Cek lapangan", "en": "Field check"},
    "worklist.record_check": {"id": "Catat hasil cek lapangan", "en": "Record the field check"},
    "worklist.checked_on": {"id": "Dicek {day} oleh {officer}", "en": "Checked on {day} by {officer}"},
    "worklist.check_waiting": {"id": "menunggu sinkronisasi dan keputusan hub",
                               "en": "waiting for the sync and the hub's word"},
    "worklist.check_title": {"id": "Hasil cek lapangan", "en": "Outcome of the field check"},
    "worklist.check_intro": {
        "id": "Catat apa yang dilihat di lapangan: nilai yang benar, dokumen yang dilihat, dan alasannya. Hasil ini "
              "dikirim ke hub pada sinkronisasi berikutnya; hub menerapkannya pada basis data terpadu.",
        "en": "Record what you saw in the field: the right value, the document seen, and why. It goes to the hub "
              "at the next sync; the hub applies it to the synchronized population.",
    },
    "worklist.value_hint": {"id": "Salah satu nilai sumber, atau nilai yang sudah dikoreksi. Nilai sumber:",
                            "en": "One of the sources' values, or a corrected one. The sources say:"},
    "worklist.document_hint": {"id": "Dokumen asli yang diperlihatkan warga (tidak wajib untuk penolakan).",
                               "en": "The original document the resident showed (not needed to refuse)."},
    "worklist.reason_hint": {"id": "Paling sedikit 10 karakter; untuk penolakan, alasan ini dibaca desa.",
                             "en": "At least 10 characters; for a refusal, the village reads this reason."},
    "worklist.check_save": {"id": "Simpan hasil cek", "en": "Save the field check"},
    "worklist.check_saved": {"id": "Hasil cek lapangan disimpan; terkirim ke hub pada sinkronisasi berikutnya.",
                             "en": "Field check saved; it goes to the hub at the next sync."},
    "payments.showing": {"id": "Baris {first}–{last} dari {total}", "en": "Rows {first}–{last} of {total}"},
    "worklist.previous": {"id": "‹ Sebelumnya", "en": "‹ Previous"},
    "worklist.next": {"id": "Berikutnya ›", "en": "Next ›"},
    "worklist.kind_name_spelling": {"id": "Ejaan nama", "en": "Name spelling"},
    "worklist.kind_birth_date": {"id": "Tanggal lahir", "en": "Date of birth"},
    "worklist.kind_sex": {"id": "Jenis kelamin", "en": "Sex"},
    "worklist.kind_family_membership": {"id": "Keanggotaan keluarga", "en": "Family membership"},
    "worklist.kind_missing_from_source": {"id": "Tidak ada di salah satu sumber", "en": "Missing from a source"},
    "worklist.kind_duplicate": {"id": "Ganda", "en": "Duplicate"},
    "worklist.kind_moved_village": {"id": "Desa berbeda antar sumber", "en": "Different village in the sources"},
    "nav.worklist": {"id": "Verifikasi", "en": "Worklist"},
    "nav.cases": {"id": "Kasus", "en": "Cases"},
    "nav.taskforce": {"id": "Satgas desa", "en": "Task force"},
    "taskforce.about": {
        "id": "Satgas pekerja migran desa: sesi sosialisasi dan rujukan warga ke LTSA (layanan terpadu satu atap).",
        "en": "The village's migrant worker task force: outreach sessions and referrals of people to the LTSA "
              "(one-roof service)."},
    "taskforce.outreach_new": {"id": "Catat sesi sosialisasi", "en": "Record an outreach session"},
    "taskforce.outreach_hint": {
        "id": "Jumlah laki-laki dan perempuan yang diinformasikan; NIK peserta bila dicatat.",
        "en": "How many men and women were informed; the NIKs of people named, when taken."},
    "taskforce.saved": {"id": "Sesi sosialisasi tersimpan.", "en": "Outreach session saved."},
    "taskforce.none": {"id": "Belum ada sesi sosialisasi.", "en": "No outreach sessions yet."},
    "taskforce.refer": {"id": "Rujuk ke LTSA", "en": "Refer to the LTSA"},
    "taskforce.refer_hint": {
        "id": "Membuka kasus calon pekerja migran dengan rujukan ke LTSA. Jawaban LTSA tiba setelah sinkronisasi "
              "dan tampil di halaman kasus.",
        "en": "Opens a prospective migrant worker's case with a referral to the LTSA. The LTSA's answer arrives "
              "after a sync and shows on the case's page."},
    "taskforce.referred": {"id": "Rujukan ke LTSA tersimpan; menunggu jawaban.",
                           "en": "Referral to the LTSA saved; waiting for its answer."},
    "taskforce.village": {"id": "Desa", "en": "Village"},
    "taskforce.why": {"id": "Alasan rujukan", "en": "Why the referral"},
    "nav.referrals": {"id": "Rujukan", "en": "Referrals"},
    "referral.about": {
        "id": "Rujukan warga atau keluarga yang datang ke meja SWS ke layanan di direktori kabupaten. Jawaban "
              "layanan tiba setelah sinkronisasi.",
        "en": "Referrals of people or households met at the SWS desk to a service of the district's directory. "
              "The service's answer arrives after a sync."},
    "referral.new": {"id": "Buat rujukan", "en": "Make a referral"},
    "referral.new_hint": {
        "id": "Isi NIK untuk merujuk seseorang, atau nomor KK untuk merujuk satu keluarga. Tersimpan di laptop dan "
              "terkirim ke kabupaten saat sinkronisasi.",
        "en": "Give a NIK to refer a person, or a family card number to refer a household. Saved on the laptop and "
              "sent to the district at the next sync."},
    "referral.make": {"id": "Simpan rujukan", "en": "Save the referral"},
    "referral.saved": {"id": "Rujukan tersimpan; menunggu jawaban layanan.",
                       "en": "Referral saved; waiting for the service's answer."},
    "referral.none": {"id": "Belum ada rujukan dari meja SWS.", "en": "No referrals from the SWS desk yet."},
    "referral.service": {"id": "Layanan tujuan", "en": "Service referred to"},
    "referral.why": {"id": "Alasan rujukan", "en": "Reason for the referral"},
    "referral.answer": {"id": "Jawaban", "en": "Answer"},
    "referral.date": {"id": "Tanggal rujukan", "en": "Referred on"},
    "referral.subject_hint": {"id": "NIK seseorang, atau kosongkan dan isi nomor KK untuk satu keluarga.",
                              "en": "A person's NIK, or leave it empty and give the family card for a household."},
    "hint.niks": {"id": "Pisahkan dengan koma; tidak lebih dari jumlah orang yang diinformasikan.",
                  "en": "Separated by commas; no more than the people informed."},
    "hint.ltsa_service": {"id": "Kode LTSA di direktori layanan kabupaten, mis. LTSA-MALANG.",
                          "en": "The LTSA's code in the district's directory of services, e.g. LTSA-MALANG."},
    "case.new": {"id": "Buka kasus baru", "en": "Open a new case"},
    "case.new_hint": {
        "id": "Kasus untuk seorang warga (dengan NIK) atau satu keluarga (dengan nomor KK). Kasus krisis hanya "
              "terlihat oleh Anda dan tidak dikirim ke laptop lain di desa.",
        "en": "A case for a person (by NIK) or a household (by family card number). A crisis case is seen by you "
              "only and is not sent to the village's other laptops."},
    "case.saved": {"id": "Kasus dibuka.", "en": "Case opened."},
    "case.withheld": {"id": "{count} kasus krisis dipegang pendamping lain dan tidak ditampilkan.",
                      "en": "{count} crisis cases are held by another case worker and are not shown."},
    "case.none": {"id": "Belum ada kasus.", "en": "No cases yet."},
    "case.status": {"id": "Status", "en": "Status"},
    "case.progress": {"id": "Tindakan, sesi, rujukan menunggu", "en": "Actions, sessions, referrals waiting"},
    "case.progress_counts": {"id": "{actions} tindakan · {sessions} sesi · {waiting} rujukan menunggu",
                             "en": "{actions} actions · {sessions} sessions · {waiting} referrals waiting"},
    "case.flagged": {"id": "Ada langkah yang tidak diterapkan", "en": "A step did not apply"},
    "case.title": {"id": "Kasus: {name}", "en": "Case: {name}"},
    "case.crisis_notice": {
        "id": "Kasus krisis: hanya Anda dan admin kabupaten yang melihatnya; tidak dikirim ke laptop lain di desa.",
        "en": "Crisis case: only you and the district admins see it; it is not sent to the village's other laptops."},
    "case.assessment": {"id": "Penilaian kebutuhan terakhir", "en": "Latest needs assessment"},
    "case.plan": {"id": "Rencana", "en": "Plan"},
    "case.referrals": {"id": "Rujukan", "en": "Referrals"},
    "case.waiting": {"id": "Menunggu jawaban", "en": "Waiting for an answer"},
    "case.migrant": {"id": "Pekerja migran", "en": "Migrant worker"},
    "case.history": {"id": "Riwayat", "en": "Timeline"},
    "case.notes_withheld": {"id": "{count} catatan konseling hanya untuk pendamping yang menangani.",
                            "en": "{count} counselling notes are for the case worker in charge only."},
    "case.none_yet": {"id": "Belum ada.", "en": "Nothing yet."},
    "case.next_step": {"id": "Langkah berikutnya", "en": "Next step"},
    "case.assess": {"id": "Penilaian kebutuhan", "en": "Needs assessment"},
    "case.add_action": {"id": "Tambah tindakan rencana", "en": "Add a plan action"},
    "case.add_session": {"id": "Catat sesi pendampingan", "en": "Record a follow-up session"},
    "case.refer": {"id": "Rujuk ke layanan", "en": "Refer to a service"},
    "case.answer": {"id": "Jawaban rujukan ke {service}", "en": "Answer of the referral to {service}"},
    "case.migrant_step": {"id": "Data pekerja migran", "en": "Migrant worker record"},
    "case.close": {"id": "Tutup kasus", "en": "Close the case"},
    "case.note": {"id": "Catatan", "en": "Note"},
    "hint.case_kind": {"id": "Krisis: kekerasan terhadap perempuan atau anak, perdagangan orang.",
                       "en": "Crisis: violence against women or children, trafficking."},
    "hint.case_nik": {"id": "Untuk kasus seorang warga.", "en": "For a case of one person."},
    "hint.case_kk": {"id": "Untuk rencana keluarga dan keluarga pekerja migran.",
                     "en": "For a household plan and a migrant worker's family."},
    "hint.service_code": {"id": "Kode layanan dari direktori, mis. BLK-KEPANJEN, PKM-TUREN, UPTD-PPA.",
                          "en": "A service code of the directory, e.g. BLK-KEPANJEN, PKM-TUREN, UPTD-PPA."},
    "hint.counselling": {"id": "Catatan konseling hanya terlihat oleh pendamping yang menangani.",
                         "en": "Counselling notes are seen by the case worker in charge only."},
    "usb.title": {"id": "Flashdisk dan relay", "en": "USB stick and relay"},
    "usb.intro": {
        "id": "Tanpa sinyal, data berpindah dengan flashdisk: simpan berkas kiriman laptop ini, bawa ke "
              "kecamatan, lalu buka berkas balasan yang dibawa pulang.",
        "en": "Without a signal, work travels on a USB stick: save this laptop's bundle, take it to the "
              "sub-district, then open the return bundle brought back.",
    },
    "usb.own": {"id": "Laptop ini", "en": "This laptop"},
    "usb.export": {"id": "Simpan kiriman ke flashdisk", "en": "Save unsynced work for the stick"},
    "usb.import": {"id": "Berkas balasan dari kecamatan", "en": "Return bundle from the sub-district"},
    "usb.import_button": {"id": "Buka balasan", "en": "Apply the return bundle"},
    "usb.relay": {"id": "Relay kecamatan", "en": "Sub-district relay"},
    "usb.last_forward": {"id": "Terakhir diteruskan ke hub", "en": "Last forwarded to the hub"},
    "usb.never": {"id": "belum pernah", "en": "never"},
    "usb.relay_choose": {"id": "Berkas kiriman dari desa", "en": "A village's bundle"},
    "usb.relay_button": {"id": "Teruskan ke hub dan simpan balasan", "en": "Forward to the hub and save the return"},
    "usb.served": {"id": "Desa yang dilayani", "en": "Villages served"},
    "usb.village": {"id": "Desa", "en": "Village"},
    "usb.laptop": {"id": "Laptop", "en": "Laptop"},
    "usb.last": {"id": "Terakhir", "en": "Last"},
    "usb.forwarded": {"id": "diteruskan", "en": "forwarded"},
    "usb.refused": {"id": "ditolak", "en": "refused"},
    "usb.latest": {"id": "Kiriman terakhir", "en": "Latest requests carried"},
    "usb.when": {"id": "Waktu", "en": "When"},
    "usb.via": {"id": "Lewat", "en": "Via"},
    "usb.via_usb": {"id": "flashdisk", "en": "USB stick"},
    "usb.via_network": {"id": "jaringan kecamatan", "en": "local network"},
    "usb.none": {"id": "Belum ada.", "en": "Nothing yet."},
    "usb.outcome": {"id": "Hasil", "en": "Outcome"},
    "nav.usb": {"id": "Flashdisk", "en": "USB"},
    "code.bundle_missing": {"id": "Pilih berkas dulu.", "en": "Choose a file first."},
    "growth.title": {"id": "Tumbuh kembang dan imunisasi anak", "en": "Child growth and vaccines"},
    "growth.new": {"id": "Catat penimbangan", "en": "Record a measurement"},
    "growth.none": {"id": "Belum ada penimbangan tercatat.", "en": "No measurement recorded yet."},
    "growth.saved": {"id": "Penimbangan tersimpan.", "en": "Measurement saved."},
    "visits.title": {"id": "Kunjungan ibu hamil (ANC)", "en": "Antenatal visits"},
    "visits.new": {"id": "Catat kunjungan", "en": "Record a visit"},
    "visits.none": {"id": "Belum ada kunjungan tercatat.", "en": "No visit recorded yet."},
    "visits.by": {"id": "Dicatat oleh", "en": "Recorded by"},
    "visits.kek": {"id": "KEK", "en": "chronic energy deficiency"},
    "visits.muac_hint": {"id": "Lingkar lengan atas dalam milimeter; di bawah 235 berarti KEK.",
                         "en": "Mid-upper arm circumference in millimetres; under 235: chronic energy deficiency."},
    "visits.saved": {"id": "Kunjungan tersimpan.", "en": "Visit saved."},
    "residents.title": {"id": "Penduduk menurut data kabupaten", "en": "Residents in the district's data"},
    "residents.intro": {
        "id": "Warga yang sudah ada di data terpadu kabupaten: perbarui datanya, jangan daftarkan lagi.",
        "en": "People the district's synchronized data already hold: update them rather than registering again.",
    },
    "residents.more": {"id": "Ditampilkan {shown} dari {total}; persempit pencarian.",
                       "en": "Showing {shown} of {total}; narrow the search."},
    "residents.village": {"id": "Desa", "en": "Village"},
    "residents.awaiting": {"id": "menunggu verifikasi", "en": "awaiting verification"},
    "residents.update": {"id": "Perbarui data", "en": "Update"},
    "residents.none": {"id": "Tidak ada penduduk dengan nama atau NIK itu di data kabupaten.",
                       "en": "No one with that name or NIK in the district's data."},
    "move.action": {"id": "Catat pindah", "en": "Record a move"},
    "move.title": {"id": "Catat pindah", "en": "Record a move"},
    "move.intro": {
        "id": "Pindah ke desa lain di kabupaten ini: datanya ikut pindah ke laptop desa tujuan. Pindah keluar "
              "kabupaten: datanya tetap di sini sebagai arsip. Keduanya keluar dari daftar penerima desa ini.",
        "en": "A move to another village of this district: the records go to that village's laptops. A move out "
              "of the district: the records stay here, archived. Either way they leave this village's lists.",
    },
    "move.members": {"id": "Anggota yang pindah", "en": "Members who moved"},
    "move.date": {"id": "Tanggal pindah", "en": "Date of the move"},
    "move.within": {"id": "Ke desa lain di kabupaten ini", "en": "To another village of this district"},
    "move.to_village": {"id": "Desa tujuan", "en": "Village moved to"},
    "move.within_hint": {"id": "Desa — kecamatan.", "en": "Village — sub-district."},
    "move.out": {"id": "Ke luar kabupaten", "en": "Out of the district"},
    "move.out_hint": {"id": "Mis. Kota Surabaya, Jawa Timur; atau luar negeri.",
                      "en": "E.g. Kota Surabaya, Jawa Timur; or abroad."},
    "move.save": {"id": "Simpan pindah", "en": "Save the move"},
    "move.back": {"id": "Kembali", "en": "Back"},
    "move.saved": {"id": "Pindah tersimpan; terkirim ke hub pada sinkronisasi berikutnya.",
                   "en": "Move saved; it goes to the hub at the next sync."},
    "move.moved_out": {"id": "pindah keluar kabupaten ke {place} ({date})",
                       "en": "moved out of the district to {place} ({date})"},
    "move.household_moved": {
        "id": "Keluarga ini pindah ke {village}: kini diurus laptop desa itu; data di sini hanya untuk dibaca.",
        "en": "This household moved to {village}: that village's laptops look after it now; here it is read-only.",
    },
    "person.edit_title": {"id": "Ubah data {name}", "en": "Edit {name}"},
    "person.no_nik": {"id": "belum ada NIK", "en": "no NIK yet"},
    "person.saved": {"id": "Perubahan tersimpan dan menunggu sinkronisasi.", "en": "Change saved; waiting to sync."},
    "person.unchanged": {"id": "Tidak ada yang diubah.", "en": "Nothing was changed."},
    "hint.kk_number": {"id": "16 angka, seperti di Kartu Keluarga.", "en": "16 digits, as on the family card."},
    "hint.nik": {
        "id": "16 angka dari KTP. Bila belum punya (bayi, belum terdaftar), kosongkan dan pilih Status NIK.",
        "en": ("16 digits from the ID card. If none yet (newborn, not registered), leave empty and choose the NIK "
               "status."),
    },
    "hint.village_code": {
        "id": "Kode Kemendagri, misalnya 35.07.01.2001.",
        "en": "Kemendagri code, e.g. 35.07.01.2001.",
    },
    "hint.welfare_decile": {"id": "1-10 dari DTSEN, bila diketahui.", "en": "1-10 from DTSEN, if known."},
    "hint.death_date": {"id": "Diisi bila warga meninggal: ia keluar dari daftar penerima, datanya tetap tersimpan.",
                        "en": "Filled in when the resident died: they leave the beneficiary lists, the record stays."},
    "hint.monthly_income": {"id": "Rupiah, tanpa titik.", "en": "Rupiah, whole number."},
    "choice.yes": {"id": "Ya", "en": "Yes"},
    "choice.no": {"id": "Tidak", "en": "No"},
    "event.add": {"id": "Tambah kejadian", "en": "Add an event"},
    "event.kind": {"id": "Kejadian", "en": "Event"},
    "event.saved": {"id": "Kejadian tersimpan.", "en": "Event saved."},
    "complaint.new": {"id": "Catat pengaduan", "en": "Record a complaint"},
    "complaint.none": {"id": "Belum ada pengaduan.", "en": "No complaints yet."},
    "complaint.withheld": {
        "id": "{count} kasus sensitif dicatat oleh petugas lain di laptop ini dan hanya dapat dibuka oleh petugas "
              "yang mencatatnya.",
        "en": "{count} sensitive case(s) were recorded by another officer on this laptop and can be opened only by "
              "the officer who recorded them."},
    "complaint.sensitive": {"id": "Kasus sensitif", "en": "Sensitive case"},
    "complaint.sensitive_notice": {
        "id": "Kasus sensitif: di laptop ini hanya Anda, petugas yang mencatatnya, yang melihatnya. Kasus ini tidak "
              "dikirim ke laptop lain di desa atau kecamatan; di kabupaten hanya admin dan unit perlindungan "
              "perempuan dan anak (UPTD PPA) yang melihatnya. Tanggapan mereka kembali ke laptop ini. Catat "
              "rujukan ke unit perlindungan di bawah.",
        "en": "Sensitive case: on this laptop only you, the officer who recorded it, see it. It is not sent to the "
              "village's or the sub-district's other laptops; at the district only the admins and the women's and "
              "children's protection unit (UPTD PPA) see it. Their response comes back to this laptop. Record the "
              "referral to the protection unit below."},
    "complaint.refer": {"id": "Rujuk ke unit perlindungan perempuan dan anak",
                        "en": "Refer to the women's and children's protection unit"},
    "complaint.not_referred": {"id": "Belum dirujuk", "en": "Not referred yet"},
    "complaint.due": {"id": "Jatuh tempo", "en": "Due"},
    "complaint.age": {"id": "Umur", "en": "Age"},
    "complaint.days": {"id": "{days} hari", "en": "{days} days"},
    "complaint.overdue": {"id": "Lewat tempo {days} hari", "en": "Overdue by {days} days"},
    "complaint.standard": {"id": "standar tingkat {level}: {days} hari",
                           "en": "standard at the {level} level: {days} days"},
    "complaint.reference": {"id": "Nomor", "en": "Reference"},
    "complaint.status": {"id": "Status", "en": "Status"},
    "complaint.level": {"id": "Tingkat", "en": "Level"},
    "complaint.title": {"id": "Pengaduan {reference}", "en": "Complaint {reference}"},
    "complaint.history": {"id": "Riwayat", "en": "History"},
    "complaint.saved": {
        "id": "Pengaduan tersimpan dan menunggu sinkronisasi.",
        "en": "Complaint saved; waiting to sync.",
    },
    "complaint.reference_hint": {
        "id": "Nomor registrasi dibuat laptop saat disimpan (ADU/kode desa/laptop/nomor urut) dan tercetak di tanda "
              "terima.",
        "en": "The laptop makes the reference number when saving (ADU/village code/laptop/number); it is printed on "
              "the receipt.",
    },
    "complaint.complainant": {"id": "Pelapor", "en": "Complainant"},
    "complaint.what": {"id": "Pengaduan", "en": "The complaint"},
    "complaint.settled_at_once": {"id": "Bila langsung dijawab", "en": "If answered at once"},
    "hint.complainant_nik": {"id": "Bila diketahui: 16 angka dari KTP.",
                             "en": "When known: 16 digits from the ID card."},
    "complaint.flagged": {"id": "Ada kejadian yang tidak diterapkan; lihat riwayat.",
                          "en": "An event was not applied; see the history."},
    "complaint.receipt": {"id": "Cetak tanda terima", "en": "Print the receipt"},
    "complaint.now": {"id": "Keadaan sekarang", "en": "Where it stands"},
    "complaint.form": {"id": "Formulir pengaduan", "en": "Action form"},
    "complaint.recorded_at": {"id": "dicatat", "en": "recorded"},
    "complaint.not_applied": {"id": "Tidak diterapkan:", "en": "Not applied:"},
    "complaint.no_events": {"id": "Belum ada tindak lanjut.", "en": "Nothing done yet."},
    "complaint.escalate": {"id": "Teruskan ke {level}", "en": "Escalate to {level}"},
    "complaint.assign": {"id": "Tunjuk petugas penanggung jawab", "en": "Assign the officer in charge"},
    "complaint.respond": {"id": "Catat tanggapan kepada pelapor", "en": "Record the response given"},
    "complaint.acknowledge": {"id": "Tanda terima pelapor", "en": "Complainant's acknowledgement"},
    "hint.acknowledge": {"id": "Pelapor menerima tanggapan dan menandatangani.",
                         "en": "The complainant received the response and signed."},
    "complaint.close": {"id": "Tutup pengaduan", "en": "Close the complaint"},
    "complaint.reopen": {"id": "Buka kembali (diproses)", "en": "Reopen (in progress)"},
    "complaint.note": {"id": "Tambah catatan", "en": "Add a note"},
    "receipt.title": {"id": "Tanda Terima Pengaduan", "en": "Complaint Receipt"},
    "receipt.back": {"id": "Kembali ke pengaduan", "en": "Back to the complaint"},
    "receipt.print_hint": {"id": "Cetak dengan menu Cetak pada peramban (Ctrl+P).",
                           "en": "Print with the browser's Print menu (Ctrl+P)."},
    "receipt.issuer": {"id": "Layanan Satu Pintu (SWS) — Pemerintah Desa",
                       "en": "Single Window Service (SWS) — village"},
    "receipt.keep": {
        "id": "Simpan tanda terima ini. Sebutkan nomor {reference} untuk menanyakan perkembangan pengaduan Anda di "
              "kantor desa, kecamatan atau call centre.",
        "en": "Keep this receipt. Quote the number {reference} to ask how your complaint stands at the village "
              "office, the sub-district or the call centre.",
    },
    "receipt.officer": {"id": "Petugas", "en": "Officer"},
    "receipt.complainant": {"id": "Pelapor", "en": "Complainant"},
    "receipt.printed": {"id": "Dicetak dari laptop {device}.", "en": "Printed from laptop {device}."},
    "programme.none": {
        "id": "Katalog program belum diterima; lakukan sinkronisasi.",
        "en": "No programme catalogue yet; sync to receive it.",
    },
    "programme.benefit": {"id": "Manfaat", "en": "Benefit"},
    "programme.reasons": {"id": "Alasan masuk daftar", "en": "Why people are listed"},
    "programme.description": {"id": "Keterangan", "en": "Description"},
    "programme.list": {"id": "Lihat daftar penerima desa", "en": "See the village's beneficiary list"},
    "programme.documents": {"id": "Dokumen yang diperlukan", "en": "Required documents"},
    "programme.level": {"id": "Tingkat", "en": "Level"},
    "programme.guarantee": {"id": "Jaminan", "en": "Guarantee"},
    "programme.quota": {"id": "Kuota", "en": "Quota"},
    "programme.eligible": {"id": "Siapa yang berhak", "en": "Who is eligible"},
    "programme.bring": {"id": "Dokumen yang dibawa", "en": "Documents to bring"},
    "programme.procedure": {"id": "Cara mendaftar", "en": "How to apply"},
    "programme.where": {"id": "Tempat mendaftar", "en": "Where to apply"},
    "programme.focal_point": {"id": "Petugas penghubung", "en": "Focal point"},
    "programme.leaflet": {"id": "Cetak leaflet untuk warga", "en": "Print a leaflet for a citizen"},
    "programme.leaflet_note": {
        "id": "Keterangan dari katalog program kabupaten. Tanyakan kepada sekretaris desa bila ada yang kurang jelas.",
        "en": "Information from the district's programme catalogue. Ask the village secretary if anything is unclear.",
    },
    "programme.overviews": {"id": "Ringkasan satu halaman per jaminan", "en": "One-page overview per guarantee"},
    "programme.overview_title": {"id": "Program perlindungan sosial — jaminan",
                                 "en": "Social protection programmes — guarantee"},
    "programme.overview_empty": {"id": "Belum ada program untuk jaminan ini.",
                                 "en": "No programme under this guarantee yet."},
    "applications.none": {"id": "Belum ada permohonan.", "en": "No applications yet."},
    "applications.pending": {"id": "menunggu dikirim", "en": "waiting to be sent"},
    "applications.help": {
        "id": ("Status diperbarui oleh kabupaten dan datang lewat sinkronisasi. Permohonan yang ditolak selalu "
               "disertai alasannya."),
        "en": "The district updates each status; it arrives through sync. A rejection always comes with its reason.",
    },
    "conflict.open": {"id": "Menunggu keputusan", "en": "Awaiting decision"},
    "conflict.resolved": {"id": "Sudah diputuskan", "en": "Decided"},
    # Papers printed offline (village_client.printables): the village meeting's list and decision letters.
    "print.meeting_title": {
        "id": "Daftar calon penerima untuk musyawarah desa",
        "en": "Beneficiary list for the village meeting (musyawarah desa)"},
    "print.programme": {"id": "Program", "en": "Programme"},
    "print.village": {"id": "Desa/kelurahan", "en": "Village"},
    "print.meeting_date": {"id": "Tanggal musyawarah", "en": "Date of the meeting"},
    "print.no": {"id": "No.", "en": "No."},
    "print.household": {"id": "Keluarga (No. KK, alamat)", "en": "Household (family card, address)"},
    "print.keep_remove": {"id": "Tetap / Dicoret", "en": "Keep / Remove"},
    "print.correction": {"id": "Koreksi dan alasannya", "en": "Correction and its reason"},
    "print.additions": {"id": "Usulan tambahan dari musyawarah", "en": "Additions the meeting proposes"},
    "print.reason_added": {"id": "Alasan diusulkan", "en": "Why proposed"},
    "print.sign.village_head": {"id": "Kepala Desa", "en": "Village head"},
    "print.sign.secretary": {"id": "Sekretaris Desa", "en": "Village secretary"},
    "print.sign.bpd_chair": {"id": "Ketua BPD", "en": "Chair of the village council (BPD)"},
    "print.sign.witness_1": {"id": "Saksi 1", "en": "Witness 1"},
    "print.sign.witness_2": {"id": "Saksi 2", "en": "Witness 2"},
    "print.letter_title": {
        "id": "Surat pemberitahuan keputusan permohonan",
        "en": "Notice of the decision on an application"},
    "print.letter_number": {"id": "Nomor", "en": "Number"},
    "print.letter_date": {"id": "Tanggal", "en": "Date"},
    "print.letter_subject": {"id": "Perihal", "en": "Subject"},
    "print.letter_subject_text": {
        "id": "Keputusan permohonan {programme}",
        "en": "Decision on the application for {programme}"},
    "print.letter_to": {"id": "Kepada Yth.", "en": "To"},
    "print.letter_opening": {
        "id": "Permohonan Saudara/i untuk program {programme} ({code}) telah diperiksa.",
        "en": "Your application for the programme {programme} ({code}) has been examined."},
    "print.decision.approved": {"id": "Permohonan Saudara/i DISETUJUI.", "en": "Your application is APPROVED."},
    "print.decision.rejected": {
        "id": "Permohonan Saudara/i TIDAK DAPAT DISETUJUI.",
        "en": "Your application could NOT be approved."},
    "print.letter_benefit": {"id": "Manfaat program:", "en": "The programme's benefit:"},
    "print.letter_approved_next": {
        "id": "Manfaat diberikan sesuai ketentuan program. Simpan surat ini dan bawa bila diminta petugas.",
        "en": "The benefit is given under the programme's terms. Keep this letter and bring it when an officer "
              "asks."},
    "print.letter_reason": {"id": "Alasannya:", "en": "The reason:"},
    "print.letter_rejected_next": {
        "id": "Bila Saudara/i tidak sepakat, Saudara/i dapat mengajukan pengaduan di kantor desa, kecamatan "
              "atau layanan pengaduan SWS dengan menyebut nomor surat {number}.",
        "en": "If you disagree, you may lodge a complaint at the village office, the sub-district or the SWS "
              "complaints service, quoting the letter number {number}."},
    "print.letter_link": {"id": "Surat keputusan", "en": "Decision letter"},
    "print.meeting_note": {
        "id": "Koreksi yang disepakati dicatat di halaman ini (Koreksi musyawarah) dengan tanggal musyawarah dan "
              "alasannya; kabupaten menerimanya saat sinkronisasi.",
        "en": "Corrections agreed are recorded on this page (Village meeting correction) with the meeting's date and "
              "reason; the district receives them at the next sync."},
    "print.print_list": {"id": "Cetak untuk musyawarah desa", "en": "Print for the village meeting"},
    "code.list_not_held": {"id": "Laptop ini tidak menyimpan daftar {programme} untuk desa {village}.",
                           "en": "This laptop holds no {programme} list for village {village}."},
    "code.application_unknown": {"id": "Permohonan {id} tidak ada di laptop ini.",
                                 "en": "Application {id} is not on this laptop."},
    "code.application_undecided": {
        "id": "Permohonan {id} belum diputuskan kabupaten: suratnya dapat dicetak setelah keputusan datang lewat "
              "sinkronisasi.",
        "en": "The district has not decided application {id} yet: its letter prints once the decision arrives "
              "through sync."},

}


def text(key: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The text of `key` in `lang` (Indonesian for a language we do not have), placeholders filled."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    template = entry[lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


class _Blank(dict):
    """Format parameters where every name is missing: a placeholder shows as an ellipsis."""

    def __missing__(self, key):
        return "…"


def code_words(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An error code in words with no details filled in ("The hub asked to resend from number …"), for a code
    someone claims without proof; "?" when the catalogue does not know it."""
    entry = CATALOGUE.get(f"code.{code}")
    if entry is None:
        return "?"
    return entry[lang if lang in LANGUAGES else DEFAULT_LANGUAGE].format_map(_Blank()).rstrip(".")


def error_text(code: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The officer's message for an error code; the code itself when none is known."""
    return text(f"code.{code}", lang, **fields) if f"code.{code}" in CATALOGUE else code
