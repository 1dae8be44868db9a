"""The cases page and a case's file (cases.*), and the audit log's words for reading one."""

CASE_PAGES = {
    "nav.cases": {"id": "Kasus", "en": "Cases"},
    "cases.title": {"id": "Kasus dan layanan pekerja migran", "en": "Cases and migrant worker services"},
    "cases.all": {"id": "Semua", "en": "All"},
    "cases.status": {"id": "Status", "en": "Status"},
    "cases.kind": {"id": "Jenis kasus", "en": "Case kind"},
    "cases.village": {"id": "Desa atau kecamatan (kode)", "en": "Village or sub-district (code)"},
    "cases.search": {"id": "Nama, NIK atau nomor KK", "en": "Name, NIK or family card number"},
    "cases.filter": {"id": "Tampilkan", "en": "Show"},
    "cases.subject": {"id": "Warga atau keluarga", "en": "Person or household"},
    "cases.officer": {"id": "Pendamping", "en": "Case worker"},
    "cases.opened": {"id": "Dibuka", "en": "Opened"},
    "cases.progress": {"id": "Tindakan, sesi, rujukan", "en": "Actions, sessions, referrals"},
    "cases.progress_counts": {"id": "{actions} tindakan · {sessions} sesi · rujukan {answered}/{referrals} dijawab",
                              "en": "{actions} actions · {sessions} sessions · {answered}/{referrals} referrals "
                                    "answered"},
    "cases.none": {"id": "Tidak ada kasus yang cocok.", "en": "No case matches."},
    "cases.withheld": {"id": "{count} kasus krisis di wilayah ini hanya dapat dibuka oleh pendampingnya dan admin "
                                "kabupaten.",
                       "en": "{count} crisis cases of this area can be opened only by their case worker and the "
                             "district admins."},
    "cases.crisis_notice": {"id": "Kasus krisis: hanya pendamping yang menangani dan admin kabupaten yang melihatnya; "
                                  "tidak dikirim ke laptop lain di desa.",
                            "en": "Crisis case: seen only by the case worker in charge and the district admins; it "
                                  "is not sent to the village's other laptops."},
    "cases.file_title": {"id": "Kasus: {name}", "en": "Case: {name}"},
    "cases.read_logged": {"id": "Setiap pembukaan berkas kasus dicatat di log audit.",
                          "en": "Every opening of a case file is written to the audit log."},
    "cases.summary": {"id": "Ringkasan", "en": "Summary"},
    "cases.first_action": {"id": "Tindakan pertama", "en": "First action"},
    "cases.closed": {"id": "Ditutup", "en": "Closed"},
    "cases.assessment": {"id": "Penilaian kebutuhan terakhir", "en": "Latest needs assessment"},
    "cases.plan": {"id": "Rencana", "en": "Plan"},
    "cases.referrals": {"id": "Rujukan", "en": "Referrals"},
    "cases.waiting": {"id": "Menunggu jawaban", "en": "Waiting for an answer"},
    "cases.migrant": {"id": "Pekerja migran", "en": "Migrant worker"},
    "cases.timeline": {"id": "Riwayat", "en": "Timeline"},
    "cases.flagged": {"id": "Tidak berlaku", "en": "Did not apply"},
    "cases.notes_withheld": {"id": "{count} catatan konseling hanya untuk pendamping yang menangani.",
                             "en": "{count} counselling notes are for the case worker in charge only."},
    "cases.none_yet": {"id": "Belum ada.", "en": "Nothing yet."},
    "action.case.read": {"id": "berkas kasus dibuka", "en": "case file read"},
    "action.case.read_refused": {"id": "pembukaan berkas kasus ditolak", "en": "case file read refused"},
}
