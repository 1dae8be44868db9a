"""The one bilingual message catalogue: every rule a record can break, in Bahasa Indonesia and English.

`CATALOGUE` maps a rule code to its message in each language; a message may use `{placeholders}`,
filled from the error's parameters. `{field}` is always the field's label in the same language
(`LABELS`). A parameter may itself be bilingual (`{"id": ..., "en": ...}`): the message takes the
text in its own language. Rule codes are stable: clients and the hub API match on them.
"""

import re
import string

from schemas.local_time import day_text

LANGUAGES = ("id", "en")  # the one definition: the hub, the village client and the importers import it
DEFAULT_LANGUAGE = "id"

CATALOGUE: dict[str, dict[str, str]] = {
    # Any field
    "required": {"id": "{field} wajib diisi.", "en": "{field} is required."},
    "null": {"id": "{field} tidak boleh kosong.", "en": "{field} may not be empty."},
    "invalid": {"id": "{field} tidak valid.", "en": "{field} is not valid."},
    "unknown_field": {"id": "{field} bukan isian yang dikenal untuk data ini.",
                      "en": "{field} is not a known field of this record."},
    "record_type": {"id": "{field} harus berupa objek berisi isian (JSON object).",
                    "en": "{field} must be an object of fields (JSON object)."},
    "record_invalid": {"id": "Data tidak dapat disimpan: {count} isian perlu diperbaiki.",
                       "en": "The record cannot be saved: {count} field(s) need correcting."},
    "record_kind_unknown": {"id": "Jenis data {kind} tidak dikenal.", "en": "Unknown record kind {kind}."},
    # Text, choices, numbers, lists
    "text_type": {"id": "{field} harus berupa teks.", "en": "{field} must be text."},
    "text_too_long": {"id": "{field} paling banyak {max} karakter (sekarang {length}).",
                      "en": "{field} may have at most {max} characters (it has {length})."},
    "bilingual_text": {"id": "{field} harus berisi teks dalam kedua bahasa (id dan en).",
                       "en": "{field} must hold text in both languages (id and en)."},
    "text_too_short": {"id": "{field} paling sedikit {min} karakter.",
                       "en": "{field} needs at least {min} characters."},
    "name_characters": {"id": "{field} hanya boleh berisi huruf, spasi, titik, koma, petik dan tanda hubung.",
                        "en": "{field} may contain only letters, spaces, full stops, commas, apostrophes and hyphens."},
    "choice": {"id": "{field} harus salah satu dari: {choices}.", "en": "{field} must be one of: {choices}."},
    "boolean_invalid": {"id": "{field} harus ya atau tidak (true/false).",
                        "en": "{field} must be yes or no (true/false)."},
    "integer_invalid": {"id": "{field} harus bilangan bulat.", "en": "{field} must be a whole number."},
    "integer_min": {"id": "{field} tidak boleh kurang dari {min}.", "en": "{field} may not be less than {min}."},
    "integer_range": {"id": "{field} harus antara {min} dan {max}.", "en": "{field} must be between {min} and {max}."},
    "list_invalid": {"id": "{field} harus berupa daftar.", "en": "{field} must be a list."},
    "list_too_long": {"id": "{field} paling banyak {max} butir.", "en": "{field} may have at most {max} items."},
    "list_duplicate": {"id": "{field} berisi {value} lebih dari sekali.",
                       "en": "{field} contains {value} more than once."},
    # Identifiers
    "record_id_format": {
        "id": "{field} harus id data buatan perangkat (mis. g7nsjwgg34-17) atau UUID; NIK tidak dipakai sebagai id.",
        "en": "{field} must be a record id made on the device (e.g. g7nsjwgg34-17) or a UUID; a NIK is never an id."},
    "programme_code_format": {
        "id": "{field} harus kode program dari huruf besar, angka dan tanda hubung (mis. PKH, PMT-KEK).",
        "en": "{field} must be a programme code of capital letters, digits and hyphens (e.g. PKH, PMT-KEK)."},
    "payment_membership_format": {
        "id": "{field} harus nomor kepesertaan seperti yang dikirim kabupaten (angka saja).",
        "en": "{field} must be a membership number as the district sends it (digits only)."},
    "payment_period_format": {"id": "{field} harus bulan tttt-bb (mis. 2026-03).",
                              "en": "{field} must be a month written yyyy-mm (e.g. 2026-03)."},
    "payment_only_for_delay": {"id": "{field} hanya diisi untuk pengaduan keterlambatan pembayaran.",
                               "en": "{field} is given only for a complaint of category payment delay."},
    "payment_link_incomplete": {"id": "{field} wajib diisi bila pembayaran yang dimaksud disebut.",
                                "en": "{field} is required when the payment concerned is named."},
    "reference_format": {
        "id": "{field} harus 4-40 huruf besar, angka, /, . atau - (mis. ADU/3507/2026/00017).",
        "en": "{field} must be 4-40 capital letters, digits, /, . or - (e.g. ADU/3507/2026/00017)."},
    "officer_format": {"id": "{field} harus nama pengguna petugas tanpa spasi (mis. siti.aminah).",
                       "en": "{field} must be an officer's user name without spaces (e.g. siti.aminah)."},
    # NIK and family card (KK) numbers
    "id_format": {"id": "{field} hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan).",
                  "en": "{field} may contain only digits (spaces, full stops and hyphens are ignored)."},
    "id_length": {"id": "{field} harus 16 digit, bukan {length}.", "en": "{field} must have 16 digits, not {length}."},
    "id_province_unknown": {"id": "Kode provinsi {code} pada {field} tidak ada.",
                            "en": "Province code {code} in {field} does not exist."},
    "id_region_zero": {"id": "Kode kabupaten/kota dan kecamatan pada {field} tidak boleh 00 ({code}).",
                       "en": "The regency and sub-district codes in {field} may not be 00 ({code})."},
    "id_region_unknown": {
        "id": "Kode wilayah {code} pada {field} tidak ada di daftar Kemendagri 2025; mungkin kode lama sebelum "
              "pemekaran. Data tetap disimpan dan ditandai untuk diperiksa.",
        "en": "Region code {code} in {field} is not in the 2025 Kemendagri list; it may be a code from before a "
              "region split. The record is saved and flagged for review."},
    "id_serial_zero": {"id": "Nomor urut (4 digit terakhir) {field} tidak boleh 0000.",
                       "en": "The serial number (last 4 digits) of {field} may not be 0000."},
    "nik_date_invalid": {
        "id": "Digit 7-12 {field} harus tanggal lahir HHBBTT (perempuan: tanggal + 40); "
              "{digits} bukan tanggal yang ada.",
        "en": "Digits 7-12 of {field} must be the birth date DDMMYY (women: day + 40); {digits} is not a real date."},
    "nik_sex_mismatch": {
        "id": "{field} menunjukkan {nik_sex} (hari lahir {nik_day}; perempuan + 40), "
              "tetapi jenis kelamin tercatat {sex}.",
        "en": "{field} says {nik_sex} (birth day {nik_day}; women + 40), but the recorded sex is {sex}."},
    "nik_birth_date_mismatch": {
        "id": "{field} berisi tanggal lahir {nik_date}, tetapi tanggal lahir tercatat {birth_date}.",
        "en": "{field} holds the birth date {nik_date}, but the recorded date of birth is {birth_date}."},
    "kk_date_invalid": {"id": "Digit 7-12 {field} harus tanggal terbit HHBBTT; {digits} bukan tanggal yang ada.",
                        "en": "Digits 7-12 of {field} must be the issue date DDMMYY; {digits} is not a real date."},
    # Region codes
    "region_format": {"id": "{field} harus kode wilayah Kemendagri, mis. 35.07.01.2001 atau 3507012001.",
                      "en": "{field} must be a Kemendagri region code, e.g. 35.07.01.2001 or 3507012001."},
    "region_level": {"id": "{field} harus kode {expected}, bukan kode {got} ({code}).",
                     "en": "{field} must be a {expected} code, not a {got} code ({code})."},
    "region_unknown": {"id": "Kode wilayah {code} ({field}) tidak ada di daftar Kemendagri 2025.",
                       "en": "Region code {code} ({field}) is not in the 2025 Kemendagri list."},
    "region_not_listed": {"id": "Kode wilayah {code} ({field}) belum ada di daftar Kemendagri 2025; "
                                "ditandai untuk diperiksa.",
                          "en": "Region code {code} ({field}) is not in the 2025 Kemendagri list; flagged for review."},
    "region_parent": {"id": "{field} harus {expected}, wilayah induk dari {code}.",
                      "en": "{field} must be {expected}, the parent region of {code}."},
    "region_level_mismatch": {"id": "{field} tidak sesuai dengan kode {code}, yang merupakan kode {expected}.",
                              "en": "{field} does not match code {code}, which is a {expected} code."},
    "bps_code_format": {"id": "{field} harus kode BPS dari 2, 4, 7 atau 10 digit.",
                        "en": "{field} must be a BPS code of 2, 4, 7 or 10 digits."},
    # Money, phone, dates, RT/RW
    "money_not_integer": {"id": "{field} harus rupiah bulat tanpa sen (mis. 1500000 atau \"1.500.000\").",
                          "en": "{field} must be whole rupiah without cents (e.g. 1500000 or \"1.500.000\")."},
    "money_format": {"id": "{field} tidak terbaca sebagai rupiah: tulis angka saja, "
                           "boleh dengan titik ribuan (1.500.000).",
                     "en": "{field} is not a rupiah amount: write digits, optionally with dots between thousands "
                           "(1.500.000)."},
    "money_negative": {"id": "{field} tidak boleh negatif.", "en": "{field} may not be negative."},
    "money_too_large": {"id": "{field} terlalu besar (paling banyak {max}).",
                        "en": "{field} is too large (at most {max})."},
    "phone_format": {"id": "{field} harus nomor HP Indonesia: 08..., 628... atau +628....",
                     "en": "{field} must be an Indonesian mobile number: 08..., 628... or +628...."},
    "phone_length": {"id": "{field} harus 10-13 digit termasuk 0 di depan (sekarang {length}).",
                     "en": "{field} must have 10-13 digits counting the leading 0 (it has {length})."},
    "date_format": {"id": "{field} harus tanggal berformat TTTT-BB-HH (mis. 1990-05-15).",
                    "en": "{field} must be a date written YYYY-MM-DD (e.g. 1990-05-15)."},
    "date_invalid": {"id": "{field}: {value} bukan tanggal yang ada.", "en": "{field}: {value} is not a real date."},
    "date_future": {"id": "{field} tidak boleh setelah hari ini ({today}).",
                    "en": "{field} may not be after today ({today})."},
    "date_too_old": {"id": "{field} tidak boleh sebelum {min}.", "en": "{field} may not be before {min}."},
    "date_order": {"id": "{field} tidak boleh sebelum {other}.", "en": "{field} may not be before {other}."},
    "datetime_format": {"id": "{field} harus waktu ISO 8601 dengan zona waktu, mis. 2026-11-23T08:30:00Z.",
                        "en": "{field} must be an ISO 8601 time with a time zone, e.g. 2026-11-23T08:30:00Z."},
    "rtrw_format": {"id": "{field} harus angka 1-999 (mis. 3 atau \"003\").",
                    "en": "{field} must be a number 1-999 (e.g. 3 or \"003\")."},
    "rtrw_range": {"id": "{field} harus antara 1 dan 999.", "en": "{field} must be between 1 and 999."},
    # Person
    "nik_missing": {"id": "{field} wajib diisi; untuk bayi atau warga yang belum punya NIK, "
                          "pilih status NIK sementara.",
                    "en": "{field} is required; for a newborn or a resident without one yet, choose a provisional "
                          "NIK status."},
    "nik_status_conflict": {"id": "{field} tidak boleh {status} karena NIK sudah diisi.",
                            "en": "{field} cannot be {status} when a NIK is given."},
    "pregnant_not_female": {"id": "{field}: hanya perempuan yang dapat dicatat hamil.",
                            "en": "{field}: only women can be recorded as pregnant."},
    "pregnant_age": {"id": "{field}: usia {age} tahun tidak lazim untuk kehamilan; periksa tanggal lahir.",
                     "en": "{field}: age {age} is unusual for a pregnancy; check the date of birth."},
    "disability_severe_without": {"id": "{field} hanya diisi bila ada jenis disabilitas.",
                                  "en": "{field} applies only when a kind of disability is recorded."},
    "migration_date_without": {"id": "{field} hanya diisi bila ada pindah datang atau pindah keluar.",
                               "en": "{field} applies only to someone who moved in or out."},
    "expected_delivery_without": {"id": "{field} hanya diisi untuk ibu hamil.",
                                  "en": "{field} applies only to a pregnant woman."},
    "role_not_allowed": {"id": "{field}: {role} tidak boleh mencatatnya.",
                         "en": "{field}: a {role} may not record this."},
    "moved_to_without": {"id": "{field} hanya diisi bila warga pindah keluar kabupaten.",
                         "en": "{field} applies only to someone who moved out of the district."},
    # Household
    "kk_history_current": {"id": "{field} harus sama dengan nomor KK terakhir di riwayat ({last}).",
                           "en": "{field} must equal the latest family card number in the history ({last})."},
    "kk_history_order": {"id": "{field}: riwayat KK harus berurutan dari yang lama ke yang baru.",
                         "en": "{field}: the family card history must run from oldest to newest."},
    "claim_kind_twice": {"id": "{field}: jenis klaim {value} disebut dua kali.",
                         "en": "{field}: the claim kind {value} is listed twice."},
    "claim_document_both": {"id": "{field}: {value} sudah ada di dokumen wajib.",
                            "en": "{field}: {value} is already among the required documents."},
    "card_number_format": {
        "id": "{field} harus nomor kartu kepesertaan: huruf, angka, titik, garis miring, tanda hubung; maks. 32.",
        "en": "{field} must be a membership card number: letters, digits, full stops, slashes or hyphens, at most 32."},
    "claim_kind_not_paid": {"id": "{field}: program {programme} tidak membayar klaim {kind}.",
                            "en": "{field}: {programme} pays no claim of kind {kind}."},
    "claim_document_unknown": {"id": "{field}: {value} bukan dokumen dalam daftar klaim {kind}.",
                               "en": "{field}: {value} is not on the documents checklist of a {kind} claim."},
    "claim_settled": {"id": "{field}: klaim sudah {status} ({date}); hanya catatan yang dapat ditambahkan.",
                      "en": "{field}: the claim is {status} already ({date}); only a note can be added."},
    "claim_not_passed": {"id": "{field}: klaim belum diteruskan ke instansi.",
                         "en": "{field}: the claim has not been passed to the agency yet."},
    "claim_passed_already": {"id": "{field}: klaim sudah diteruskan ke instansi pada {date}.",
                             "en": "{field}: the claim was passed to the agency on {date}."},
    "claim_no_membership": {"id": "{field}: {nik} bukan peserta {programme}; klaim hanya untuk peserta.",
                            "en": "{field}: {nik} is not a member of {programme}; a claim is for members only."},
    "claim_card_mismatch": {"id": "{field}: nomor kartu kepesertaan ini {number}.",
                            "en": "{field}: the card number of this membership is {number}."},
    # Programme and eligibility rules
    "benefit_period_required": {"id": "{field} wajib diisi bila besaran manfaat diisi.",
                                "en": "{field} is required when a benefit amount is given."},
    "programme_region_required": {"id": "{field} wajib diisi untuk program tingkat {level}.",
                                  "en": "{field} is required for a {level} programme."},
    "programme_region_national": {"id": "{field} tidak diisi untuk program nasional.",
                                  "en": "{field} must be empty for a national programme."},
    "rule_shape": {"id": "{field}: aturan harus objek dengan salah satu kunci all, any, not atau fact.",
                   "en": "{field}: a rule must be an object with one of the keys all, any, not or fact."},
    "rule_group_empty": {"id": "{field}: daftar aturan tidak boleh kosong.",
                         "en": "{field}: a rule list may not be empty."},
    "rule_fact_unknown": {"id": "{field}: fakta {fact} tidak dikenal; pilih dari: {facts}.",
                          "en": "{field}: unknown fact {fact}; choose from: {facts}."},
    "rule_op_unknown": {"id": "{field}: operator {op} tidak berlaku untuk {fact}; pilih dari: {ops}.",
                        "en": "{field}: operator {op} does not apply to {fact}; choose from: {ops}."},
    "rule_value_type": {"id": "{field}: nilai untuk {fact} harus {expected}.",
                        "en": "{field}: the value for {fact} must be {expected}."},
    "rule_too_deep": {"id": "{field}: aturan terlalu bertingkat (paling dalam {max}).",
                      "en": "{field}: the rule is nested too deeply (at most {max} levels)."},
    "rule_too_large": {"id": "{field}: aturan terlalu besar (paling banyak {max} bagian).",
                       "en": "{field}: the rule is too large (at most {max} parts)."},
    # Application
    "justification_required": {"id": "{field} wajib diisi bila permohonan ditolak.",
                               "en": "{field} is required when an application is rejected."},
    "person_or_nik_required": {"id": "Isi {field} atau pilih warga dari daftar.",
                               "en": "Fill in {field} or choose the resident from the list."},
    "village_required_with_nik": {"id": "{field} wajib diisi bila permohonan memakai NIK saja.",
                                  "en": "{field} is required when an application names a NIK only."},
    "status_transition": {"id": "{field} tidak dapat berubah dari {old} menjadi {new}.",
                          "en": "{field} cannot change from {old} to {new}."},
    # Complaint and its events
    "complainant_required": {"id": "Isi {field} atau pilih warga pelapor.",
                             "en": "Fill in {field} or choose the complainant from the residents."},
    "response_required": {"id": "{field} wajib diisi bila pengaduan selesai atau sudah ditandatangani pelapor.",
                          "en": "{field} is required once a complaint is resolved or acknowledged by the complainant."},
    "resolved_date_required": {"id": "{field} wajib diisi untuk pengaduan berstatus {status}.",
                               "en": "{field} is required for a complaint with status {status}."},
    "escalation_backwards": {"id": "{field} hanya dapat naik dari {old}; {new} bukan tingkat di atasnya.",
                             "en": "{field} can only go up from {old}; {new} is not a higher level."},
    "event_field_required": {"id": "{field} wajib diisi untuk catatan jenis {kind}.",
                             "en": "{field} is required for an event of kind {kind}."},
    "anonymous_identified": {"id": "{field} dikosongkan untuk pengaduan tanpa nama (anonim).",
                             "en": "{field} must stay empty for an anonymous complaint."},
    "referral_not_sensitive": {"id": "{field}: hanya kasus sensitif (kekerasan terhadap perempuan dan anak, "
                                     "perdagangan orang) yang dirujuk ke unit perlindungan perempuan dan anak.",
                               "en": "{field}: only a sensitive case (violence against women and children, "
                                     "trafficking) is referred to the women's and children's protection unit."},
    "handover_level": {"id": "{field} hanya dapat dicatat di tingkat {level}; pengaduan ini masih di tingkat {now}.",
                       "en": "{field} can only be recorded at the {level} level; this complaint is at {now}."},
    "escalation_skip": {"id": "{field} naik satu tingkat sekali jalan: dari {old} berikutnya {next}, bukan {new}.",
                        "en": "{field} goes up one level at a time: after {old} comes {next}, not {new}."},
    "complaint_closed": {"id": "{field} tidak dapat dicatat: pengaduan sudah ditutup pada {date}; hanya catatan "
                               "yang dapat ditambahkan.",
                         "en": "{field} cannot be recorded: the complaint was closed on {date}; only notes can be "
                               "added."},
    "response_needed": {"id": "{field} {status} memerlukan tanggapan di tingkat {level} lebih dahulu.",
                        "en": "{field} {status} needs a response at the {level} level first."},
    "acknowledgement_needs_response": {"id": "{field} hanya setelah pelapor menerima tanggapan di tingkat {level}.",
                                       "en": "{field} comes only after the complainant was given a response "
                                             "at the {level} level."},
    "status_reopen_only": {"id": "{field} tidak dapat kembali menjadi {new}; pengaduan yang selesai dapat dibuka "
                                 "lagi sebagai {reopen}.",
                           "en": "{field} cannot go back to {new}; a resolved complaint can be reopened as "
                                 "{reopen}."},
    "field_check_subject": {"id": "{field}: hasil cek lapangan menyebut satu hal saja, sebuah inkonsistensi atau "
                                  "seorang warga yang menunggu verifikasi.",
                            "en": "{field}: a field check's outcome names one thing, an inconsistency or a "
                                  "resident awaiting verification."},
    "field_check_outcome": {"id": "{field} untuk hal ini harus salah satu dari: {outcomes}.",
                            "en": "{field} for this item must be one of: {outcomes}."},
    "case_subject_required": {"id": "{field} wajib diisi untuk kasus jenis {kind}.",
                              "en": "{field} is required for a case of kind {kind}."},
    "case_closed": {"id": "{field} tidak dapat dicatat: kasus sudah ditutup pada {date}; hanya catatan yang dapat "
                          "ditambahkan.",
                    "en": "{field} cannot be recorded: the case was closed on {date}; only notes can be added."},
    "case_not_migrant": {"id": "{field}: data pekerja migran hanya untuk kasus pekerja migran, bukan {kind}.",
                         "en": "{field}: a migrant worker record belongs to a migrant worker's case, not {kind}."},
    "referral_unknown": {"id": "{field}: rujukan ini tidak ada dalam kasus ini.",
                         "en": "{field}: this referral is not one of this case's."},
    "referral_answered": {"id": "{field}: rujukan ini sudah dijawab ({answer}).",
                          "en": "{field}: this referral was already answered ({answer})."},
    "service_code_format": {"id": "{field} harus kode layanan dari direktori (huruf besar, angka, tanda -).",
                            "en": "{field} must be a service code of the directory (capitals, digits, -)."},
    "outreach_nobody_informed": {"id": "{field}: sosialisasi menginformasikan setidaknya satu orang (laki-laki "
                                        "atau perempuan).",
                                  "en": "{field}: an outreach session informs at least one person (men or women)."},
    "outreach_named_exceed": {"id": "{field}: lebih banyak NIK daripada orang yang diinformasikan ({count}).",
                              "en": "{field}: more NIKs than people informed ({count})."},
    "answers_invalid": {"id": "{field} harus berisi jawaban per pertanyaan.",
                        "en": "{field} must hold one answer per question."},
    "answer_unknown": {"id": "{field}: pertanyaan {question} tidak ada dalam formulir penilaian.",
                       "en": "{field}: question {question} is not on the assessment form."},
    "answer_required": {"id": "{field}: {question} wajib dijawab.", "en": "{field}: {question} must be answered."},
    "answer_choice": {"id": "{field}: jawaban {question} harus salah satu dari: {choices}.",
                      "en": "{field}: the answer to {question} must be one of: {choices}."},
    "answer_boolean": {"id": "{field}: jawaban {question} adalah ya atau tidak.",
                       "en": "{field}: the answer to {question} is yes or no."},
    "answer_number": {"id": "{field}: jawaban {question} harus bilangan bulat {min} sampai {max}.",
                      "en": "{field}: the answer to {question} must be a whole number from {min} to {max}."},
    "answer_text": {"id": "{field}: jawaban {question} paling banyak {max} karakter.",
                    "en": "{field}: the answer to {question} may have at most {max} characters."},
}

# The label of every field, as a message names it.
LABELS: dict[str, dict[str, str]] = {
    "record": {"id": "Data", "en": "Record"},
    "id": {"id": "Id data", "en": "Record id"},
    "nik": {"id": "NIK", "en": "NIK"},
    "nik_status": {"id": "Status NIK", "en": "NIK status"},
    "nik_mismatch_confirmed": {"id": "Konfirmasi beda data NIK", "en": "NIK mismatch confirmed"},
    "kk_number": {"id": "Nomor KK", "en": "Family card (KK) number"},
    "household_id": {"id": "Id keluarga", "en": "Household id"},
    "name": {"id": "Nama", "en": "Name"},
    "name_en": {"id": "Nama (bahasa Inggris)", "en": "Name (English)"},
    "birth_place": {"id": "Tempat lahir", "en": "Place of birth"},
    "birth_date": {"id": "Tanggal lahir", "en": "Date of birth"},
    "sex": {"id": "Jenis kelamin", "en": "Sex"},
    "marital_status": {"id": "Status perkawinan", "en": "Marital status"},
    "address": {"id": "Alamat", "en": "Address"},
    "address_rt": {"id": "RT", "en": "RT (neighbourhood)"},
    "address_rw": {"id": "RW", "en": "RW (hamlet)"},
    "village_code": {"id": "Kode desa/kelurahan", "en": "Village code"},
    "occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "education": {"id": "Pendidikan", "en": "Education"},
    "disability": {"id": "Disabilitas", "en": "Disability"},
    "disability_severe": {"id": "Disabilitas berat", "en": "Severe disability"},
    "monthly_income": {"id": "Penghasilan per bulan", "en": "Monthly income"},
    "pregnant": {"id": "Hamil", "en": "Pregnant"},
    "phone": {"id": "Nomor HP", "en": "Mobile number"},
    "migration": {"id": "Mutasi (pindah)", "en": "Migration"},
    "migration_date": {"id": "Tanggal pindah", "en": "Migration date"},
    "death_date": {"id": "Tanggal meninggal", "en": "Date of death"},
    "moved_to": {"id": "Pindah ke (di luar kabupaten)", "en": "Moved to (outside the district)"},
    "expected_delivery_date": {"id": "Hari perkiraan lahir", "en": "Expected delivery date"},
    "visit_date": {"id": "Tanggal kunjungan", "en": "Date of the visit"},
    "pregnancy_week": {"id": "Usia kehamilan (minggu)", "en": "Weeks of pregnancy"},
    "muac_mm": {"id": "Lingkar lengan atas (mm)", "en": "Mid-upper arm circumference (mm)"},
    "notes": {"id": "Catatan", "en": "Notes"},
    "measured_on": {"id": "Tanggal penimbangan", "en": "Date measured"},
    "weight_g": {"id": "Berat badan (gram)", "en": "Weight (grams)"},
    "height_mm": {"id": "Panjang/tinggi badan (mm)", "en": "Length or height (mm)"},
    "vaccines": {"id": "Imunisasi yang diberikan", "en": "Vaccines given"},
    "username": {"id": "Nama pengguna", "en": "User name"},
    "full_name": {"id": "Nama lengkap", "en": "Full name"},
    "role": {"id": "Peran", "en": "Role"},
    "relationship": {"id": "Hubungan dalam keluarga", "en": "Relationship to the head"},
    "kk_history": {"id": "Riwayat KK", "en": "Family card history"},
    "since": {"id": "Berlaku sejak", "en": "Valid since"},
    "reason": {"id": "Alasan", "en": "Reason"},
    "head_person_id": {"id": "Kepala keluarga", "en": "Head of household"},
    "welfare_decile": {"id": "Desil kesejahteraan", "en": "Welfare decile"},
    "decile_source": {"id": "Sumber desil", "en": "Decile source"},
    "code": {"id": "Kode", "en": "Code"},
    "guarantee": {"id": "Jaminan SPF", "en": "SPF guarantee"},
    "level": {"id": "Tingkat", "en": "Level"},
    "region_code": {"id": "Kode wilayah", "en": "Region code"},
    "benefit": {"id": "Manfaat", "en": "Benefit"},
    "benefit_amount": {"id": "Besaran manfaat", "en": "Benefit amount"},
    "benefit_period": {"id": "Periode manfaat", "en": "Benefit period"},
    "eligibility_rule": {"id": "Aturan kelayakan", "en": "Eligibility rule"},
    "quota": {"id": "Kuota", "en": "Quota"},
    "required_documents": {"id": "Dokumen persyaratan", "en": "Required documents"},
    "benefit_en": {"id": "Manfaat (bahasa Inggris)", "en": "Benefit (English)"},
    "eligibility_plain": {"id": "Siapa yang berhak", "en": "Who is eligible"},
    "procedure": {"id": "Cara mendaftar", "en": "How to apply"},
    "where_to_apply": {"id": "Tempat mendaftar", "en": "Where to apply"},
    "focal_point": {"id": "Petugas penghubung", "en": "Focal point"},
    "office": {"id": "Kantor", "en": "Office"},
    "active": {"id": "Aktif", "en": "Active"},
    "person_id": {"id": "Warga", "en": "Person"},
    "programme_code": {"id": "Kode program", "en": "Programme code"},
    "status": {"id": "Status", "en": "Status"},
    "status_date": {"id": "Tanggal status", "en": "Status date"},
    "justification": {"id": "Alasan penolakan", "en": "Justification"},
    "officer": {"id": "Petugas", "en": "Officer"},
    "list_version": {"id": "Versi daftar", "en": "List version"},
    "decision": {"id": "Keputusan musyawarah", "en": "Community decision"},
    "meeting_date": {"id": "Tanggal musyawarah desa", "en": "Village meeting date"},
    "reference_number": {"id": "Nomor registrasi", "en": "Reference number"},
    "date_submitted": {"id": "Tanggal pengaduan", "en": "Date submitted"},
    "date_transmitted": {"id": "Tanggal diteruskan", "en": "Date transmitted"},
    "officer_in_charge": {"id": "Petugas penanggung jawab", "en": "Officer in charge"},
    "complainant_person_id": {"id": "Warga pelapor", "en": "Complainant (resident)"},
    "complainant_name": {"id": "Nama pelapor", "en": "Complainant's name"},
    "anonymous": {"id": "Pelapor tanpa nama (anonim)", "en": "Anonymous complainant"},
    "complainant_nik": {"id": "NIK pelapor", "en": "Complainant's NIK"},
    "complainant_address": {"id": "Alamat pelapor", "en": "Complainant's address"},
    "complainant_phone": {"id": "Nomor HP pelapor", "en": "Complainant's mobile number"},
    "desired_action": {"id": "Tindakan yang diminta pelapor", "en": "Action the complainant asks for"},
    "channel": {"id": "Saluran pengaduan", "en": "Channel"},
    "category": {"id": "Kategori pengaduan", "en": "Complaint category"},
    "description": {"id": "Uraian pengaduan", "en": "Description"},
    "response": {"id": "Tanggapan", "en": "Response"},
    "response_date": {"id": "Tanggal tanggapan", "en": "Response date"},
    "acknowledged": {"id": "Tanda terima pelapor", "en": "Complainant's acknowledgement"},
    "acknowledged_date": {"id": "Tanggal tanda terima", "en": "Acknowledgement date"},
    "escalation_level": {"id": "Tingkat penanganan", "en": "Escalation level"},
    "resolved_date": {"id": "Tanggal selesai", "en": "Date resolved"},
    "payment_membership": {"id": "Kepesertaan yang dimaksud", "en": "Membership concerned"},
    "payment_period": {"id": "Bulan pembayaran", "en": "Payment month"},
    "complaint_id": {"id": "Pengaduan", "en": "Complaint"},
    "kind": {"id": "Jenis catatan", "en": "Event kind"},
    "time": {"id": "Waktu", "en": "Time"},
    "date": {"id": "Tanggal", "en": "Date"},
    "step": {"id": "Urutan riwayat", "en": "History step"},
    "text": {"id": "Isi catatan", "en": "Text"},
    "referred_to": {"id": "Dirujuk ke", "en": "Referred to"},
    "parent_code": {"id": "Kode wilayah induk", "en": "Parent region code"},
    "bps_code": {"id": "Kode BPS", "en": "BPS code"},
    "inconsistency_id": {"id": "Inkonsistensi", "en": "Inconsistency"},
    "outcome": {"id": "Hasil cek lapangan", "en": "Outcome of the field check"},
    "decided_field": {"id": "Data yang diputuskan", "en": "Data decided"},
    "decided_value": {"id": "Nilai yang benar", "en": "Right value"},
    "document": {"id": "Dokumen yang dilihat", "en": "Document seen"},
    "checked_on": {"id": "Tanggal cek lapangan", "en": "Date of the field check"},
    "case_kind": {"id": "Jenis kasus", "en": "Case kind"},
    "held_on": {"id": "Tanggal sosialisasi", "en": "Date of the session"},
    "place": {"id": "Tempat", "en": "Place"},
    "topic": {"id": "Topik", "en": "Topic"},
    "men": {"id": "Laki-laki yang diinformasikan", "en": "Men informed"},
    "women": {"id": "Perempuan yang diinformasikan", "en": "Women informed"},
    "niks": {"id": "NIK peserta", "en": "NIKs of people informed"},
    "subject_name": {"id": "Nama warga/keluarga", "en": "Name of the person or household"},
    "opened_on": {"id": "Tanggal kasus dibuka", "en": "Date opened"},
    "summary": {"id": "Ringkasan situasi", "en": "Summary of the situation"},
    "case_id": {"id": "Kasus", "en": "Case"},
    "answers": {"id": "Jawaban penilaian kebutuhan", "en": "Needs assessment answers"},
    "service_code": {"id": "Layanan (direktori)", "en": "Service (directory)"},
    "action": {"id": "Tindakan yang disepakati", "en": "Agreed action"},
    "responsible": {"id": "Pelaksana", "en": "Who does it"},
    "due_date": {"id": "Batas waktu", "en": "Due by"},
    "session_kind": {"id": "Jenis sesi", "en": "Session kind"},
    "session_outcome": {"id": "Hasil sesi", "en": "Session outcome"},
    "referral_id": {"id": "Rujukan yang dijawab", "en": "Referral answered"},
    "referral_answer": {"id": "Jawaban rujukan", "en": "Referral answer"},
    "migrant_stage": {"id": "Tahap migrasi", "en": "Migration stage"},
    "destination_country": {"id": "Negara tujuan", "en": "Destination country"},
    "placement_agency": {"id": "Perusahaan penempatan (P3MI)", "en": "Placement agency"},
    "job": {"id": "Pekerjaan", "en": "Job"},
    "documents": {"id": "Dokumen yang sudah lengkap", "en": "Documents in order"},
    "pre_departure_training": {"id": "Sudah ikut orientasi pra-pemberangkatan",
                               "en": "Pre-departure training attended"},
    "contact": {"id": "Kontak selama di luar negeri", "en": "Contact while abroad"},
    "return_date": {"id": "Tanggal kembali", "en": "Date returned"},
    "reintegration_plan": {"id": "Rencana reintegrasi (keterampilan, kerja, usaha)",
                           "en": "Reintegration plan (skills, job, enterprise)"},
    "closure_reason": {"id": "Alasan penutupan", "en": "Reason for closing"},
    "claims": {"id": "Klaim yang dapat diajukan", "en": "Claims paid"},
    "claim_kind": {"id": "Jenis klaim", "en": "Claim kind"},
    "documents_required": {"id": "Dokumen wajib klaim", "en": "Documents required for the claim"},
    "documents_optional": {"id": "Dokumen pendukung klaim", "en": "Supporting documents"},
    "card_number": {"id": "Nomor kartu kepesertaan", "en": "Membership card number"},
    "happened_on": {"id": "Tanggal kejadian (kecelakaan, kematian, rawat inap)",
                    "en": "Date of the event (accident, death, hospital stay)"},
    "amount_claimed": {"id": "Jumlah yang diklaim (Rp)", "en": "Amount claimed (IDR)"},
    "documents_present": {"id": "Dokumen yang dibawa", "en": "Documents brought"},
    "recorded_on": {"id": "Tanggal klaim dicatat", "en": "Date recorded"},
    "claim_id": {"id": "Klaim", "en": "Claim"},
    "amount_paid": {"id": "Jumlah dibayar (Rp)", "en": "Amount paid (IDR)"},
    "paid_on": {"id": "Tanggal dibayar", "en": "Date paid"},
    "refusal_reason": {"id": "Alasan penolakan klaim", "en": "Reason the claim was refused"},
    "agency_reference": {"id": "Nomor rujukan instansi", "en": "Agency reference"},
}


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")


def label(field: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a field in `lang`; for a dotted path, the label of its last labelled part and the path.

    `kk_history.0.kk_number` -> "Nomor KK (kk_history.0.kk_number)". A name with no label is shown as is.
    """
    _check_language(lang)
    field = str(field) or "record"
    name = next((part for part in reversed(field.split(".")) if part in LABELS), None)
    if name is None:
        return field
    return LABELS[name][lang] if name == field else f"{LABELS[name][lang]} ({field})"


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _localised(value, lang: str):
    if isinstance(value, dict) and lang in value:
        return value[lang]
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_localised(item, lang)) for item in value)
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return day_text(value)  # for people; the error's parameters keep ISO for programs
    return value


def message(rule: str, lang: str = DEFAULT_LANGUAGE, **params) -> str:
    """The message of `rule` in `lang` with its placeholders filled.

    Raises KeyError for an unknown rule or a missing parameter, ValueError for an unknown language.
    """
    _check_language(lang)
    template = CATALOGUE[rule][lang]
    return template.format(**{key: _localised(value, lang) for key, value in params.items()})


def placeholders(rule: str) -> dict[str, set[str]]:
    """The placeholder names used by each language's message of `rule`."""
    return {lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
            for lang, text in CATALOGUE[rule].items()}
