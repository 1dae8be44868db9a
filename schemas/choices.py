"""The closed vocabularies of the records, each value with its label in Bahasa Indonesia and English.

A record stores the value (a stable code); screens show `choice_label(name, value, lang)`.
Where a vocabulary follows the family card (KK) or a regulation, the comment says which.
"""

from schemas.messages import DEFAULT_LANGUAGE


def _v(**values: tuple[str, str]) -> dict[str, dict[str, str]]:
    return {code: {"id": id_text, "en": en_text} for code, (id_text, en_text) in values.items()}


CHOICES: dict[str, dict[str, dict[str, str]]] = {
    "sex": _v(M=("Laki-laki", "Male"), F=("Perempuan", "Female")),
    # A person without a NIK yet keeps a provisional status until Dukcapil issues one.
    "nik_status": _v(recorded=("NIK tercatat", "NIK recorded"),
                     newborn=("Bayi, NIK belum terbit", "Newborn, NIK not issued yet"),
                     unregistered=("Belum terdaftar di Dukcapil", "Not registered with Dukcapil yet")),
    # Family card: belum kawin, kawin, cerai hidup, cerai mati.
    "marital_status": _v(single=("Belum kawin", "Single"), married=("Kawin", "Married"),
                         divorced=("Cerai hidup", "Divorced"), widowed=("Cerai mati", "Widowed")),
    # Family card: status hubungan dalam keluarga.
    # The national immunisation schedule for children under two (imunisasi dasar lengkap and boosters).
    "vaccine": _v(hb0=("Hepatitis B (HB-0)", "Hepatitis B birth dose (HB-0)"), bcg=("BCG", "BCG"),
                  polio=("Polio tetes (OPV)", "Oral polio (OPV)"),
                  ipv=("Polio suntik (IPV)", "Inactivated polio (IPV)"),
                  dpt_hb_hib=("DPT-HB-Hib", "DTP-HepB-Hib"), pcv=("PCV", "Pneumococcal (PCV)"),
                  rotavirus=("Rotavirus", "Rotavirus"), mr=("Campak-rubela (MR)", "Measles-rubella (MR)"),
                  je=("Japanese encephalitis (JE)", "Japanese encephalitis (JE)")),
    # Who works on a laptop (schemas.roles says what each may record).
    "officer_role": _v(village_secretary=("Sekretaris desa", "Village secretary"),
                       midwife=("Bidan desa", "Village midwife"),
                       sub_district_officer=("Petugas kecamatan", "Sub-district officer"),
                       case_worker=("Pendamping kasus", "Case worker")),
    "relationship": _v(head=("Kepala keluarga", "Head"), spouse=("Suami/istri", "Spouse"), child=("Anak", "Child"),
                       child_in_law=("Menantu", "Child-in-law"), grandchild=("Cucu", "Grandchild"),
                       parent=("Orang tua", "Parent"), parent_in_law=("Mertua", "Parent-in-law"),
                       other_relative=("Famili lain", "Other relative"), household_help=("Pembantu", "Household help"),
                       other=("Lainnya", "Other")),
    # Family card: pendidikan terakhir.
    "education": _v(none=("Tidak/belum sekolah", "No schooling"),
                    primary_incomplete=("Belum tamat SD/sederajat", "Primary school not completed"),
                    primary=("Tamat SD/sederajat", "Primary school"),
                    junior_secondary=("SLTP/sederajat", "Junior secondary school"),
                    senior_secondary=("SLTA/sederajat", "Senior secondary school"),
                    diploma_1_2=("Diploma I/II", "Diploma I/II"), diploma_3=("Akademi/Diploma III", "Diploma III"),
                    bachelor=("Diploma IV/Strata I", "Bachelor (Diploma IV/S1)"), master=("Strata II", "Master (S2)"),
                    doctorate=("Strata III", "Doctorate (S3)")),
    "occupation": _v(not_working=("Belum/tidak bekerja", "Not working"), student=("Pelajar/mahasiswa", "Student"),
                     housekeeping=("Mengurus rumah tangga", "Housekeeping"), farmer=("Petani/pekebun", "Farmer"),
                     farm_labourer=("Buruh tani", "Farm labourer"), fisher=("Nelayan", "Fisher"),
                     labourer=("Buruh harian lepas", "Casual labourer"), trader=("Pedagang", "Trader"),
                     self_employed=("Wiraswasta", "Self-employed"),
                     private_employee=("Karyawan swasta", "Private employee"),
                     civil_servant=("PNS/ASN", "Civil servant"), military_police=("TNI/Polri", "Military/police"),
                     homeworker=("Pekerja rumahan", "Homeworker"),
                     domestic_worker=("Pekerja rumah tangga", "Domestic worker"),
                     migrant_worker=("Pekerja migran", "Migrant worker"), retired=("Pensiunan", "Retired"),
                     other=("Lainnya", "Other")),
    # Law 8/2016 on persons with disabilities: physical, intellectual, mental, sensory, multiple.
    "disability": _v(none=("Tidak ada", "None"), physical=("Fisik", "Physical"),
                     intellectual=("Intelektual", "Intellectual"), mental=("Mental", "Mental"),
                     visual=("Sensorik netra", "Visual"), hearing=("Sensorik rungu", "Hearing"),
                     speech=("Sensorik wicara", "Speech"), multiple=("Ganda/multi", "Multiple")),
    "migration": {"none": {"id": "Tidak pindah", "en": "None"}, "in": {"id": "Pindah datang", "en": "Moved in"},
                  "out": {"id": "Pindah keluar", "en": "Moved out"}},
    # Why a household got a new family card number (a new KK is issued on these events).
    "kk_change_reason": _v(first_issue=("Terbit pertama", "First issue"), marriage=("Perkawinan", "Marriage"),
                           divorce=("Perceraian", "Divorce"), moving=("Pindah", "Moving"), death=("Kematian", "Death"),
                           split=("Pisah KK", "Household split"), correction=("Perbaikan data", "Data correction")),
    # The four guarantees of the Social Protection Floor (ILO Recommendation 202).
    "guarantee": _v(health=("Kesehatan", "Health care"), children=("Anak", "Children"),
                    working_age=("Usia kerja", "Working age"), old_age=("Lanjut usia", "Old age")),
    "programme_level": _v(national=("Nasional", "National"), provincial=("Provinsi", "Provincial"),
                          district=("Kabupaten/kota", "District")),
    "benefit_period": _v(once=("Sekali", "Once"), monthly=("Per bulan", "Monthly"),
                         quarterly=("Per tiga bulan", "Quarterly"), yearly=("Per tahun", "Yearly")),
    "document": _v(ktp=("KTP elektronik", "Identity card (e-KTP)"), kk=("Kartu keluarga", "Family card (KK)"),
                   birth_certificate=("Akta kelahiran", "Birth certificate"),
                   poverty_letter=("Surat keterangan tidak mampu (SKTM)", "Certificate of poverty (SKTM)"),
                   bpjs_card=("Kartu BPJS", "BPJS card"), school_letter=("Surat keterangan sekolah", "School letter"),
                   kia_book=("Buku KIA", "Mother and child health book (KIA)"),
                   disability_letter=("Surat keterangan disabilitas", "Disability certificate"),
                   medical_letter=("Surat keterangan dokter", "Medical certificate"), photo=("Pas foto", "Photograph"),
                   bank_account=("Buku rekening", "Bank account book"),
                   village_letter=("Surat keterangan desa", "Village letter"),
                   # The documents of a claim (schemas.claim): what BPJS asks for a benefit or a bill.
                   accident_report=("Laporan kecelakaan kerja (tahap I)", "Work accident report (stage I)"),
                   police_report=("Surat keterangan kepolisian", "Police report"),
                   death_certificate=("Akta/surat keterangan kematian", "Death certificate"),
                   heir_letter=("Surat keterangan ahli waris", "Letter naming the heirs"),
                   treatment_receipts=("Kuitansi biaya pengobatan", "Treatment receipts"),
                   hospital_bill=("Rincian tagihan rumah sakit", "Itemised hospital bill"),
                   referral_letter=("Surat rujukan puskesmas/faskes I", "Referral letter (health centre)"),
                   discharge_summary=("Resume medis pulang", "Discharge summary")),
    # What a claim facilitated by the SWS is for (schemas.claim); a programme lists the kinds it pays.
    "claim_kind": _v(work_injury=("Kecelakaan kerja (JKK)", "Work injury (JKK)"),
                     death=("Santunan kematian (JKM)", "Death benefit (JKM)"),
                     hospital_bill=("Tagihan rumah sakit", "Hospital bill")),
    # What happens to a claim after it is recorded (schemas.claim_state derives its status).
    "claim_event_kind": _v(submitted_to_agency=("Diteruskan ke BPJS/instansi", "Passed to the agency"),
                           paid=("Dibayar", "Paid"), refused=("Ditolak", "Refused"), note=("Catatan", "Note")),
    "claim_status": _v(recorded=("Dicatat", "Recorded"),
                       passed_to_agency=("Diteruskan ke instansi", "Passed to the agency"),
                       paid=("Dibayar", "Paid"), refused=("Ditolak", "Refused")),
    # Why an agency refuses a claim (what BPJS letters give as the reason).
    "claim_refusal_reason": _v(documents_incomplete=("Dokumen tidak lengkap", "Documents incomplete"),
                               not_covered=("Tidak dijamin program", "Not covered by the programme"),
                               membership_inactive=("Kepesertaan tidak aktif / iuran menunggak",
                                                    "Membership inactive or contributions in arrears"),
                               waiting_period=("Masih masa tunggu", "Still in the waiting period"),
                               late_claim=("Melewati batas waktu klaim", "Claimed too late"),
                               duplicate=("Klaim ganda", "Claimed twice"),
                               other=("Lainnya", "Other")),
    "application_status": _v(pre_identified=("Pra-identifikasi", "Pre-identified"), applied=("Mengajukan", "Applied"),
                             approved=("Disetujui", "Approved"), rejected=("Ditolak", "Rejected")),
    # A village meeting (musyawarah desa) adds someone the rule missed or removes someone it should not list.
    "list_decision": _v(include=("Dimasukkan", "Include"), exclude=("Dikeluarkan", "Exclude")),
    "complaint_category": _v(inclusion_error=("Salah sasaran (inklusi)", "Inclusion error"),
                             exclusion_error=("Tidak terdata (eksklusi)", "Exclusion error"),
                             wrong_id_data=("Data e-KTP/KK salah", "Wrong e-KTP/KK data"),
                             unclear_programme=("Informasi program tidak jelas", "Unclear programme"),
                             service_availability=("Ketersediaan layanan", "Service availability"),
                             service_quality=("Mutu layanan", "Service quality"),
                             payment_delay=("Keterlambatan pembayaran", "Payment delay"),
                             # Sensitive cases (schemas.sensitive): seen only by who must, referred to the
                             # women's and children's protection unit.
                             violence_women_children=("Kekerasan terhadap perempuan dan anak",
                                                      "Violence against women and children"),
                             trafficking=("Perdagangan orang (TPPO)", "Trafficking in persons")),
    # Escalation order: a complaint moves up this list, never down.
    "escalation_level": _v(village=("Desa/kelurahan", "Village"), sub_district=("Kecamatan", "Sub-district"),
                           district=("Kabupaten/kota", "District"), skpd=("SKPD teknis", "Technical unit (SKPD)"),
                           ombudsman=("Ombudsman provinsi", "Provincial ombudsman")),
    "complaint_status": _v(open=("Baru", "Open"), in_progress=("Diproses", "In progress"),
                           resolved=("Selesai", "Resolved"), closed=("Ditutup", "Closed")),
    "complaint_channel": _v(village=("Kantor desa", "Village office"),
                            sub_district=("Kantor kecamatan", "Sub-district office"),
                            call_centre=("Call centre", "Call centre"), sms=("SMS", "SMS"),
                            intermediary=("Perantara (bidan, sekdes, pendamping)", "Intermediary (midwife, secretary)"),
                            online=("Daring (SIMPEL)", "Online (SIMPEL)")),
    # What can happen to a complaint after it is recorded (schemas.complaint_state derives its state).
    "complaint_event_kind": _v(status_change=("Perubahan status", "Status change"),
                               escalation=("Diteruskan ke tingkat atas", "Escalation"),
                               assignment=("Penunjukan petugas", "Officer assigned"),
                               response=("Tanggapan", "Response"),
                               acknowledgement=("Tanda terima pelapor", "Complainant's acknowledgement"),
                               note=("Catatan", "Note"),
                               handover=("Diserahkan ke Ombudsman/SP4N-LAPOR!", "Handed to the ombudsman/SP4N-LAPOR!"),
                               referral=("Dirujuk ke unit perlindungan perempuan dan anak",
                                         "Referred to the women's and children's protection unit")),
    # Where a sensitive case is referred (a `referral` event's `referred_to`).
    "protection_unit": _v(uptd_ppa=("UPTD PPA (Perlindungan Perempuan dan Anak)",
                                    "UPTD PPA (women's and children's protection)"),
                          p2tp2a=("P2TP2A", "P2TP2A (integrated service centre for women and children)"),
                          unit_ppa_polri=("Unit PPA Kepolisian", "Police women's and children's unit (Unit PPA)")),
    # A field check on the sub-district's worklist (schemas.field_check).
    "field_check_outcome": _v(resolved=("Diselesaikan", "Resolved"), confirmed=("Dikonfirmasi", "Confirmed"),
                              refused=("Ditolak", "Refused")),
    "field_check_field": _v(name=("Nama", "Name"), birth_date=("Tanggal lahir", "Date of birth"),
                            sex=("Jenis kelamin", "Sex")),
    # Case management and the one-roof services for migrant workers (schemas.case, schemas.case_state).
    "case_kind": _v(household_plan=("Rencana rumah tangga", "Household plan"),
                    prospective_migrant=("Calon pekerja migran", "Prospective migrant worker"),
                    migrant_abroad=("Pekerja migran di luar negeri", "Migrant worker abroad"),
                    returnee=("Pekerja migran purna", "Returnee migrant worker"),
                    migrant_family=("Keluarga pekerja migran", "Family of a migrant worker"),
                    crisis=("Kasus krisis (kekerasan, perdagangan orang)", "Crisis (violence, trafficking)"),
                    desk_referral=("Rujukan dari meja SWS", "Referral from the SWS desk")),
    "case_status": _v(open=("Baru", "Open"), active=("Berjalan", "Active"), closed=("Ditutup", "Closed")),
    "case_event_kind": _v(assessment=("Penilaian kebutuhan", "Needs assessment"),
                          plan_action=("Tindakan rencana", "Plan action"),
                          session=("Sesi pendampingan", "Follow-up session"), referral=("Rujukan", "Referral"),
                          referral_answer=("Jawaban rujukan", "Referral answer"),
                          migrant=("Data pekerja migran", "Migrant worker record"),
                          closure=("Penutupan kasus", "Closure"), note=("Catatan", "Note")),
    "case_session_kind": _v(counselling=("Konseling", "Counselling"), mediation=("Mediasi", "Mediation"),
                            legal_aid=("Bantuan hukum", "Legal aid"), training=("Pelatihan", "Training"),
                            visit=("Kunjungan rumah", "Home visit")),
    "case_session_outcome": _v(improved=("Membaik", "Improved"), unchanged=("Tetap", "Unchanged"),
                               worsened=("Memburuk", "Worsened"), not_attended=("Tidak hadir", "Did not attend")),
    "referral_answer": _v(accepted=("Diterima", "Accepted"), served=("Sudah dilayani", "Served"),
                          declined=("Ditolak", "Declined")),
    "migrant_stage": _v(pre_departure=("Pra-penempatan", "Pre-departure"), abroad=("Di luar negeri", "Abroad"),
                        returned=("Sudah kembali", "Returned")),
    # The main destinations of Indonesian migrant workers (BP2MI placement statistics).
    "destination_country": _v(MY=("Malaysia", "Malaysia"), TW=("Taiwan", "Taiwan"), HK=("Hong Kong", "Hong Kong"),
                              SG=("Singapura", "Singapore"), SA=("Arab Saudi", "Saudi Arabia"),
                              KR=("Korea Selatan", "South Korea"), JP=("Jepang", "Japan"),
                              AE=("Uni Emirat Arab", "United Arab Emirates"), BN=("Brunei", "Brunei"),
                              other=("Negara lain", "Other country")),
    # The documents of a placement (Law 18/2017 art. 13).
    "migrant_document": _v(passport=("Paspor", "Passport"), work_visa=("Visa kerja", "Work visa"),
                           contract=("Perjanjian kerja", "Employment contract"),
                           bpjs_tk=("Kepesertaan BPJS Ketenagakerjaan", "BPJS employment insurance"),
                           medical=("Surat keterangan sehat", "Medical certificate"),
                           family_consent=("Izin keluarga", "Family consent"),
                           skills_certificate=("Sertifikat kompetensi", "Skills certificate"),
                           pre_departure_certificate=("Sertifikat orientasi pra-pemberangkatan (OPP)",
                                                      "Pre-departure orientation certificate")),
    "case_closure_reason": _v(plan_completed=("Rencana tercapai", "Plan completed"),
                              referred_on=("Ditangani layanan lain", "Handled by another service"),
                              moved_away=("Pindah", "Moved away"), declined=("Menolak pendampingan", "Declined help"),
                              died=("Meninggal", "Died"), other=("Lainnya", "Other")),
    # What a village task force's outreach session was about (schemas.outreach_session).
    "outreach_topic": _v(safe_migration=("Migrasi aman", "Safe migration"),
                         documents=("Dokumen penempatan", "Documents"),
                         rights_abroad=("Hak pekerja migran di luar negeri", "Rights abroad"),
                         trafficking=("Risiko perdagangan orang", "Trafficking risks"),
                         reintegration=("Reintegrasi purna pekerja migran", "Reintegration")),
    "region_level": _v(province=("provinsi", "province"), regency=("kabupaten/kota", "regency"),
                       sub_district=("kecamatan", "sub-district"), village=("desa/kelurahan", "village")),
    # The hub's call centre: what a call was about and how it ended (the call log is the hub's, not a record).
    "call_topic": _v(programme_information=("Informasi program", "Programme information"),
                     eligibility=("Kelayakan / syarat", "Eligibility"),
                     application_status=("Status pengajuan", "Application status"),
                     payment=("Pembayaran bantuan", "Payment"), complaint=("Pengaduan", "Complaint"),
                     referral=("Mencari layanan", "Looking for a service"), other=("Lainnya", "Other")),
    "call_outcome": _v(answered=("Dijawab langsung", "Answered at once"),
                       complaint_recorded=("Pengaduan dicatat", "Complaint recorded"),
                       referred=("Dirujuk ke layanan", "Referred to a service"),
                       call_back=("Akan ditelepon kembali", "Call back")),
    # The call centre's directory of services and facilities people are referred to.
    "service_kind": _v(health_centre=("Puskesmas", "Health centre (puskesmas)"), hospital=("Rumah sakit", "Hospital"),
                       bpjs_office=("Kantor BPJS", "BPJS office"),
                       training_centre=("Balai Latihan Kerja (BLK)", "Training centre (BLK)"),
                       elderly_home=("Panti werdha", "Elderly home"),
                       protection_unit=("Unit PPA (perlindungan perempuan dan anak)",
                                        "Women and children protection unit (PPA)"),
                       ltsa=("LTSA (layanan terpadu satu atap pekerja migran)",
                             "LTSA (one-roof service for migrant workers)")),
}


def values(name: str) -> tuple[str, ...]:
    """The values of a vocabulary, in their display order. Raises KeyError for an unknown vocabulary."""
    return tuple(CHOICES[name])


def choice_label(name: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of a value in `lang`. Raises KeyError for an unknown vocabulary or value."""
    return CHOICES[name][value][lang]


def bilingual(name: str, value: str) -> dict[str, str]:
    """Both labels of a value ({"id": ..., "en": ...}), as a message parameter; the value itself if unknown."""
    return CHOICES.get(name, {}).get(value, {"id": str(value), "en": str(value)})
