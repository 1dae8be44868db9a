"""Error codes and broken rules, as the hub's API, admin UI and command line say them.

    code.<code>        an error's code (`hub_server.errors`, `sync_protocol.errors`, an import refused),
                       its `{placeholders}` filled from the error's fields
    rule.<rule>        a field rule of the hub's own, said beside the field's name (envelope, forms)
    field_rule.<rule>  a rule the hub adds to those of `schemas` for an extract's rows and the programme
                       catalogue, said with the field's label in it like the shared catalogue's rules
"""

ERRORS = {
    "code.internal": {
        "id": "Terjadi kesalahan di server hub. Coba lagi nanti; jika berulang, hubungi admin kabupaten.",
        "en": "Something went wrong on the hub. Try again later; if it happens again, contact the district admin.",
    },
    "code.http_error": {"id": "Permintaan ditolak (HTTP {status}).", "en": "Request refused (HTTP {status})."},
    "code.malformed": {
        "id": "Isi permintaan tidak dapat dibaca: {detail}.",
        "en": "The request body cannot be read: {detail}.",
    },
    "code.invalid": {"id": "Ada isian yang tidak valid.", "en": "Some fields are not valid."},
    "code.conflict_not_found": {
        "id": "Konflik #{conflict_id} tidak ada atau sudah diputuskan.",
        "en": "Conflict #{conflict_id} does not exist or has already been decided.",
    },
    "code.application_not_found": {
        "id": "Permohonan {record_id} tidak ada (atau di luar wilayah Anda).",
        "en": "Application {record_id} does not exist (or lies outside your area).",
    },
    "code.application_not_counted": {
        "id": "Permohonan {record_id} belum dapat diputuskan ({problem}): periksa data warga atau permohonan lainnya.",
        "en": ("Application {record_id} cannot be decided yet ({problem}): check the person's data or other "
               "applications."),
    },
    "code.application_not_approved": {
        "id": "Permohonan {record_id} belum disetujui (atau warganya belum dikenal): belum dapat didaftarkan.",
        "en": "Application {record_id} is not approved (or its person is not known yet): it cannot be enrolled.",
    },
    "code.already_enrolled": {"id": "Permohonan {record_id} sudah terdaftar sebagai kepesertaan.",
                              "en": "Application {record_id} is already enrolled."},
    "code.payment_file_columns": {"id": "Berkas pembayaran tidak memiliki kolom: {columns}. Tidak ada yang berubah.",
                                  "en": "The payment file lacks the columns: {columns}. Nothing changed."},
    "code.payment_file_unreadable": {"id": "Berkas pembayaran tidak dapat dibaca sebagai teks UTF-8 ({detail}).",
                                     "en": "The payment file cannot be read as UTF-8 text ({detail})."},
    "code.payment_kind_unknown": {"id": "Jenis berkas pembayaran {kind} tidak dikenal; pilih: {kinds}.",
                                  "en": "Unknown payment file kind {kind}; choose: {kinds}."},
    "code.inconsistency_not_open": {"id": "Ketidaksesuaian ini sudah ditutup atau tidak ada.",
                                    "en": "This inconsistency is closed already, or does not exist."},
    "code.verification_not_open": {
        "id": "Warga {person_id} tidak sedang menunggu verifikasi (sudah diputuskan, atau tidak didaftarkan desa).",
        "en": "Resident {person_id} is not awaiting verification (already decided, or not registered by a village).",
    },
    "code.person_not_found": {
        "id": "Tidak ada warga dengan NIK {nik} di basis data terpadu.",
        "en": "No one with the NIK {nik} is in the synchronized population.",
    },
    "code.reason_required": {
        "id": "Tuliskan alasan keputusan: alasan itu dikirim ke setiap laptop bersama keputusannya.",
        "en": "Write the reason for the decision: it goes to every laptop with the decision.",
    },
    "code.login_required": {"id": "Silakan masuk terlebih dahulu.", "en": "Please log in first."},
    "code.login_failed": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "code.login_locked": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        "en": "Too many failed logins. Try again in {minutes} minutes.",
    },
    "code.forbidden": {
        "id": "Peran atau wilayah Anda tidak mengizinkan tindakan ini.",
        "en": "Your role or area does not allow this.",
    },
    "code.csrf_failed": {
        "id": "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi.",
        "en": "The form has expired or is not valid. Reload the page and try again.",
    },
    "code.not_found": {"id": "Alamat {path} tidak ada di hub ini.", "en": "There is no {path} on this hub."},
    "code.method_not_allowed": {
        "id": "Metode {method} tidak diizinkan untuk alamat ini.",
        "en": "Method {method} is not allowed here.",
    },
    "code.body_too_large": {
        "id": "Isi permintaan terlalu besar (maksimum {limit} byte). Kirim dalam beberapa bagian.",
        "en": "The request body is too large (at most {limit} bytes). Send it in parts.",
    },
    "code.hub_not_initialised": {
        "id": "Hub belum disiapkan: jalankan `sws-hub init` di server.",
        "en": "The hub is not set up yet: run `sws-hub init` on the server.",
    },
    "code.enrollment_refused": {"id": "Pendaftaran perangkat ditolak.", "en": "Device enrollment refused."},
    "code.token_unknown": {
        "id": "Token pendaftaran tidak dikenal. Periksa ketikan token atau minta token baru ke admin kabupaten.",
        "en": "Unknown enrollment token. Check how it was typed, or ask the district admin for a new one.",
    },
    "code.token_used": {
        "id": "Token pendaftaran ini sudah dipakai. Minta token baru ke admin kabupaten.",
        "en": "This enrollment token has already been used. Ask the district admin for a new one.",
    },
    "code.token_expired": {
        "id": "Token pendaftaran ini sudah kedaluwarsa ({expires_at}). Minta token baru ke admin kabupaten.",
        "en": "This enrollment token expired ({expires_at}). Ask the district admin for a new one.",
    },
    "code.token_cancelled": {
        "id": "Token pendaftaran ini sudah dibatalkan oleh admin.",
        "en": "This enrollment token was cancelled by an admin.",
    },
    "code.token_wrong_hub": {
        "id": "Token ini diterbitkan oleh hub lain. Periksa alamat hub di laptop.",
        "en": "This token was issued by another hub. Check the hub address on the laptop.",
    },
    "code.revoked_device": {
        "id": "Perangkat {device_id} telah dicabut: {reason}.",
        "en": "Device {device_id} has been revoked: {reason}.",
    },
    "code.device_not_found": {
        "id": "Perangkat {device_id} tidak terdaftar di hub ini.",
        "en": "No device {device_id} is enrolled on this hub.",
    },
    "code.already_revoked": {
        "id": "Perangkat {device_id} sudah dicabut sebelumnya.",
        "en": "Device {device_id} was already revoked.",
    },
    "code.token_not_found": {"id": "Token nomor {token_id} tidak ada.", "en": "There is no token number {token_id}."},
    "code.token_not_open": {
        "id": "Token nomor {token_id} tidak dapat dibatalkan karena sudah {state}.",
        "en": "Token number {token_id} cannot be cancelled: it is {state}.",
    },
    "code.user_not_found": {"id": "Pengguna {username} tidak ada.", "en": "There is no user {username}."},
    "code.user_exists": {"id": "Pengguna {username} sudah ada.", "en": "User {username} already exists."},
    # sync_protocol error codes
    "code.protocol_error": {"id": "Pesan sinkronisasi ditolak.", "en": "The sync message was refused."},
    "code.unsupported_version": {
        "id": "Versi protokol {got} tidak didukung hub ini (didukung: {supported}). Perbarui aplikasi laptop.",
        "en": "Protocol version {got} is not supported by this hub (supported: {supported}). Update the laptop.",
    },
    "code.bad_signature": {
        "id": "Tanda tangan digital tidak valid ({what}).",
        "en": "The digital signature does not verify ({what}).",
    },
    "code.unknown_device": {
        "id": "Perangkat {device_id} belum terdaftar di hub ini.",
        "en": "Device {device_id} is not enrolled on this hub.",
    },
    "code.sequence_gap": {
        "id": "Ada paket perubahan yang terlewat: hub menunggu nomor {expected}, tetapi menerima {got}.",
        "en": "A change-set is missing: the hub expects number {expected} but got {got}.",
    },
    "code.fork": {
        "id": "Riwayat perubahan perangkat {device_id} bercabang pada nomor {seq} (laptop dipulihkan dari "
              "cadangan?). Hubungi admin kabupaten.",
        "en": "The change history of device {device_id} forks at number {seq} (a laptop restored from a "
              "backup?). Contact the district admin.",
    },
    "code.broken_chain": {
        "id": "Rantai paket perubahan perangkat {device_id} terputus pada nomor {seq}.",
        "en": "The chain of change-sets of device {device_id} is broken at number {seq}.",
    },
    "code.out_of_scope": {
        "id": "Data {record} berada di wilayah {region}, di luar wilayah perangkat {device_id}.",
        "en": "Record {record} lies in region {region}, outside the area of device {device_id}.",
    },
    "code.bundle_corrupt": {"id": "Berkas bundel rusak: {detail}.", "en": "The bundle file is damaged: {detail}."},
    "code.untrusted_reply": {
        "id": "Jawaban tidak ditandatangani oleh hub ini, untuk perangkat lain, atau untuk permintaan yang tidak "
              "pernah dibuat ({detail}).",
        "en": "An answer not signed by this hub, for another device, or for a request never made ({detail}).",
    },
    "code.replayed_request": {
        "id": "Permintaan nomor {counter} dari perangkat {device_id} sudah pernah diterima: permintaan yang diulang "
              "ditolak (berikutnya nomor {expected} atau lebih).",
        "en": "Request number {counter} of device {device_id} was already received: a repeated request is refused "
              "(the next is number {expected} or above).",
    },
    # field rules
    "rule.required": {"id": "Wajib diisi.", "en": "Required."},
    "rule.date": {"id": "Harus tanggal yang ada (tttt-bb-hh).", "en": "Must be a real date (yyyy-mm-dd)."},
    "rule.claim_unknown": {"id": "Klaim {claim_id} tidak ada di hub ini atau di luar wilayah Anda.",
                           "en": "Claim {claim_id} is not on this hub or not in your area."},
    "rule.membership_number": {"id": "Nomor kartu: 1-32 huruf, angka, titik, / atau -.",
                               "en": "Card number: 1-32 letters, digits, full stops, / or -."},
    "rule.membership_number_used": {"id": "Nomor kartu {number} sudah dipakai peserta lain program ini.",
                                    "en": "Card number {number} is already another member's in this programme."},
    "rule.payment_reference": {"id": "Referensi: 4-64 huruf, angka, /, ., _ atau -.",
                               "en": "Reference: 4-64 letters, digits, /, ., _ or -."},
    "rule.reference_repeated": {"id": "Referensi ini sudah ada di baris sebelumnya berkas ini.",
                                "en": "This reference is on an earlier line of the file already."},
    "rule.payment_period": {"id": "Bulan pembayaran: tttt-bb (mis. 2026-03).",
                            "en": "Month paid for: yyyy-mm (e.g. 2026-03)."},
    "rule.payment_amount": {"id": "Jumlah: rupiah bulat lebih dari 0, hanya angka.",
                            "en": "Amount: whole rupiah above 0, digits only."},
    "rule.end_before_start": {"id": "Tanggal berakhir sebelum tanggal mulai.",
                              "en": "The end date is before the start date."},
    "rule.call_needs": {"id": "Wajib diisi untuk hasil panggilan yang dipilih.",
                        "en": "Required for the outcome chosen."},
    "rule.call_service": {"id": "Bukan layanan aktif di direktori: {value}.",
                          "en": "Not an active service of the directory: {value}."},
    "rule.directory_file": {"id": "Berkas tidak dapat dibaca sebagai JSON: {path}.",
                            "en": "The file cannot be read as JSON: {path}."},
    "rule.directory_format": {"id": "Bukan berkas direktori: format harus \"{format}\", versi {version}.",
                              "en": "Not a directory file: the format must be \"{format}\", version {version}."},
    "rule.directory_entry": {"id": "Setiap layanan harus berupa objek JSON.",
                             "en": "Each service must be a JSON object."},
    "rule.directory_duplicate": {"id": "Kode {code} dipakai lebih dari sekali.",
                                 "en": "Code {code} is used more than once."},
    "rule.directory_code": {"id": "Kode: 2-40 huruf besar, angka atau tanda -.",
                            "en": "Code: 2 to 40 capital letters, digits or -."},
    "rule.directory_phone": {"id": "Nomor telepon: angka, spasi, tanda kurung atau -, 6-20 karakter.",
                             "en": "Telephone: digits, spaces, brackets or -, 6 to 20 characters."},
    "rule.directory_region": {"id": "Bukan kode desa atau kecamatan yang dikenal: {value}.",
                              "en": "Not a known village or sub-district code: {value}."},
    "rule.stats_period": {"id": "Tanggal awal sesudah tanggal akhir.", "en": "The start date is after the end date."},
    "rule.programmes_unused": {"id": "Hanya unit teknis (SKPD) yang dibatasi pada program.",
                               "en": "Only a technical unit (SKPD) is limited to programmes."},
    "rule.unknown_programme": {"id": "Program tidak ada di katalog: {codes}.",
                               "en": "Not a programme of the catalogue: {codes}."},
    "rule.rule_programme_cycle": {
        "id": "Aturan program saling bergantung ({cycle}).",
        "en": "Programme rules depend on each other in a circle ({cycle}).",
    },
    "rule.reasons_count": {
        "id": "Harus berisi {count} alasan, satu untuk tiap bagian aturan.",
        "en": "Must hold {count} reasons, one for each part of the rule.",
    },
    "rule.reason_shape": {
        "id": "Harus berupa objek dengan code, id dan en.", "en": "Must be an object with code, id and en.",
    },
    "rule.string": {"id": "Harus berupa teks.", "en": "Must be text."},
    "rule.range": {"id": "Harus antara {min} dan {max}.", "en": "Must be between {min} and {max}."},
    "rule.max_length": {"id": "Paling banyak {max} karakter.", "en": "At most {max} characters."},
    "rule.min_length": {"id": "Paling sedikit {min} karakter.", "en": "At least {min} characters."},
    "rule.choice": {"id": "Harus salah satu dari: {choices}.", "en": "Must be one of: {choices}."},
    "rule.base64": {"id": "Harus berupa teks base64 yang valid.", "en": "Must be valid base64 text."},
    "rule.key_length": {
        "id": "Kunci publik Ed25519 harus {length} byte.",
        "en": "An Ed25519 public key is {length} bytes.",
    },
    "rule.key_in_use": {
        "id": "Nomor perangkat dari kunci ini sudah dipakai kunci lain: buat pasangan kunci baru di laptop.",
        "en": "This key's device number is taken by another key: make a new key pair on the laptop.",
    },
    "rule.token_format": {
        "id": "Token berbentuk xxxx-xxxx-xxxx.xxxx-xxxx-xxxx-xxxx (huruf a-z dan angka 2-7).",
        "en": "A token looks like xxxx-xxxx-xxxx.xxxx-xxxx-xxxx-xxxx (letters a-z and digits 2-7).",
    },
    "rule.username": {
        "id": "3 sampai 64 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
        "en": "3 to 64 lower-case letters, digits, dots, underscores or dashes.",
    },
    "rule.region_code": {
        "id": "Kode wilayah {value} tidak dikenal (contoh: 35.07.01.2001).",
        "en": "Unknown region code {value} (example: 35.07.01.2001).",
    },
    "rule.village_code": {
        "id": "{value} bukan kode desa/kelurahan (contoh: 35.07.01.2001).",
        "en": "{value} is not a village code (example: 35.07.01.2001).",
    },
    "rule.area_code": {
        "id": "{value} bukan kode kecamatan atau desa/kelurahan (contoh: 35.07.01).",
        "en": "{value} is not a sub-district or village code (example: 35.07.01).",
    },
    "rule.sub_district_code": {
        "id": "{value} bukan kode kecamatan (contoh: 35.07.01).",
        "en": "{value} is not a sub-district code (example: 35.07.01).",
    },
    "rule.outside_district": {
        "id": "{value} berada di luar kabupaten/kota {district} yang dilayani hub ini.",
        "en": "{value} lies outside district {district}, which this hub serves.",
    },
    # import refusals (`services.imports.ImportRefused`)
    "code.import_source_unknown": {"id": "Sumber {source} tidak dikenal; pilih dari: {sources}.",
                                   "en": "Unknown source {source}; choose from: {sources}."},
    "code.import_columns_missing": {"id": "Berkas {file} tidak punya kolom: {columns}. Tidak ada yang dimuat.",
                                    "en": "The file {file} lacks the columns: {columns}. Nothing was loaded."},
    "code.import_file_unreadable": {"id": "Berkas {file} tidak dapat dibaca: {detail}.",
                                    "en": "The file {file} cannot be read: {detail}."},
    "code.import_crosswalk_empty": {"id": "Tabel padanan kode BPS masih kosong: impor crosswalk terlebih dahulu.",
                                    "en": "The BPS code crosswalk is empty: import the crosswalk first."},
    # rules of an extract's rows and of the programme catalogue, beyond those of `schemas`
    "field_rule.not_utf8": {"id": "{field}: baris ini bukan teks UTF-8 (mungkin disimpan sebagai Latin-1/ANSI); "
                                  "simpan berkas sebagai UTF-8 lalu impor lagi.",
                            "en": "{field}: this row is not UTF-8 text (saved as Latin-1/ANSI?); save the file as "
                                  "UTF-8 and import it again."},
    "field_rule.bps_code_unmapped": {"id": "{field}: kode BPS {code} tidak ada di tabel padanan.",
                                     "en": "{field}: the BPS code {code} is not in the crosswalk."},
    "field_rule.rule_programme_cycle": {"id": "{field}: aturan program saling bergantung ({cycle}).",
                                        "en": "{field}: programme rules depend on each other in a circle ({cycle})."},
    "field_rule.reasons_count": {"id": "{field} harus berisi {count} alasan, satu untuk tiap bagian aturan.",
                                 "en": "{field} must hold {count} reasons, one for each part of the rule."},
    "field_rule.reason_shape": {"id": "{field} harus objek dengan code, id dan en.",
                                "en": "{field} must be an object with code, id and en."},
}
