"""The complaints desk's texts (/desk): queues per level, a complaint's actions, the case file."""

DESK_PAGES = {
    "nav.desk": {"id": "Meja pengaduan", "en": "Complaints desk"},
    "role.technical_unit": {"id": "Unit teknis (SKPD)", "en": "Technical unit (SKPD)"},
    "role.protection_unit": {"id": "Unit perlindungan perempuan dan anak (UPTD PPA)",
                             "en": "Women's and children's protection unit (UPTD PPA)"},
    "role.case_worker": {"id": "Pendamping kasus (LTSA, dinas sosial)", "en": "Case worker (LTSA, social affairs)"},
    "desk.sensitive_queue": {"id": "Kasus sensitif", "en": "Sensitive cases"},
    "desk.sensitive_intro": {
        "id": "Kasus kekerasan terhadap perempuan dan anak dan perdagangan orang, di semua tingkat. Hanya admin "
              "kabupaten dan unit perlindungan perempuan dan anak yang melihatnya; laptop lain di desa tidak "
              "menerimanya.",
        "en": "Cases of violence against women and children and of trafficking, at every level. Only the district's "
              "admins and the women's and children's protection unit see them; the village's other laptops never "
              "receive them."},
    "desk.sensitive_notice": {
        "id": "Kasus sensitif: hanya admin kabupaten dan unit perlindungan perempuan dan anak yang melihatnya. "
              "Tanggapan dan rujukan dikirim hanya ke laptop yang mencatatnya.",
        "en": "Sensitive case: only the district's admins and the women's and children's protection unit see it. "
              "Responses and referrals go only to the laptop that recorded it."},
    "desk.withheld": {"id": "{count} kasus sensitif di wilayah Anda ditangani unit perlindungan perempuan dan anak "
                            "dan tidak ditampilkan.",
                      "en": "{count} sensitive case(s) in your area are followed by the women's and children's "
                            "protection unit and are not shown."},
    "desk.withheld_person": {"id": "{count} kasus sensitif orang ini ditangani unit perlindungan perempuan dan anak "
                                   "dan tidak ditampilkan.",
                             "en": "{count} sensitive case(s) of this person are followed by the women's and "
                                   "children's protection unit and are not shown."},
    "cc.logged_sensitive": {
        "id": "Pengaduan {reference} tercatat. Ini kasus sensitif: mulai sekarang hanya unit perlindungan perempuan "
              "dan anak dan admin kabupaten yang melihatnya.",
        "en": "Complaint {reference} recorded. It is a sensitive case: from now on only the women's and children's "
              "protection unit and the district's admins see it."},
    "desk.refer": {"id": "Rujuk ke unit perlindungan", "en": "Refer to the protection unit"},
    "desk.not_referred": {"id": "Belum dirujuk", "en": "Not referred yet"},
    "desk.title": {"id": "Meja pengaduan", "en": "Complaints desk"},
    "desk.flagged": {"id": "Kejadian tidak diterapkan", "en": "Events not applied"},
    "desk.flagged_intro": {
        "id": "Pengaduan dengan kejadian yang melanggar aturan alur di tempatnya dalam riwayat: disimpan, tidak "
              "diterapkan. Buka pengaduan, baca aturannya, dan catat tindakan yang benar.",
        "en": "Complaints with events that break a transition rule where they stand in the history: kept, not "
              "applied. Open the complaint, read the rule and record the right action."},
    "desk.flags": {"id": "Kejadian", "en": "Events"},
    "desk.has_flags": {"id": "{count} kejadian tidak diterapkan", "en": "{count} event(s) not applied"},
    "desk.standard": {"id": "Standar layanan tingkat {level}: {days} hari.",
                      "en": "Service standard at the {level} level: {days} days."},
    "desk.search": {"id": "Cari (nomor, pelapor)", "en": "Search (reference, complainant)"},
    "desk.village": {"id": "Desa", "en": "Village"},
    "desk.programme": {"id": "Program", "en": "Programme"},
    "desk.status": {"id": "Status", "en": "Status"},
    "desk.status_active": {"id": "Belum selesai", "en": "Not settled"},
    "desk.status_all": {"id": "Semua", "en": "All"},
    "desk.sort": {"id": "Urutkan", "en": "Sort"},
    "desk.sort_due": {"id": "Jatuh tempo", "en": "Due date"},
    "desk.sort_submitted": {"id": "Tanggal pengaduan", "en": "Date submitted"},
    "desk.sort_reference": {"id": "Nomor", "en": "Reference"},
    "desk.sort_village": {"id": "Desa", "en": "Village"},
    "desk.sort_status": {"id": "Status", "en": "Status"},
    "desk.descending": {"id": "Terbalik", "en": "Descending"},
    "desk.overdue_only": {"id": "Hanya yang lewat tempo", "en": "Overdue only"},
    "desk.flagged_only": {"id": "Hanya yang ada kejadian tidak diterapkan", "en": "With events not applied only"},
    "desk.showing": {"id": "{shown} dari {total} pengaduan", "en": "{shown} of {total} complaints"},
    "desk.none": {"id": "Tidak ada pengaduan.", "en": "No complaints."},
    "desk.age": {"id": "Umur", "en": "Age"},
    "desk.due": {"id": "Jatuh tempo", "en": "Due"},
    "desk.days": {"id": "{days} hari", "en": "{days} days"},
    "desk.overdue": {"id": "Lewat tempo {days} hari", "en": "Overdue by {days} days"},
    "desk.since": {"id": "sejak {date}", "en": "since {date}"},
    "desk.actions": {"id": "Tindakan", "en": "Actions"},
    "desk.assign": {"id": "Tunjuk petugas", "en": "Assign an officer"},
    "desk.forward": {"id": "Teruskan ke {level}", "en": "Forward to {level}"},
    "desk.respond": {"id": "Beri tanggapan", "en": "Give a response"},
    "desk.acknowledge": {"id": "Catat tanda terima pelapor", "en": "Record the complainant's acknowledgement"},
    "desk.close": {"id": "Tutup pengaduan", "en": "Close the complaint"},
    "desk.reopen": {"id": "Buka kembali", "en": "Reopen"},
    "desk.handover": {"id": "Catat penyerahan berkas", "en": "Record the hand-over"},
    "desk.handover_to": {"id": "Diserahkan kepada", "en": "Handed to"},
    "desk.to_ombudsman": {"id": "Ombudsman RI (perwakilan provinsi)", "en": "Ombudsman (provincial office)"},
    "desk.to_lapor": {"id": "SP4N-LAPOR!", "en": "SP4N-LAPOR!"},
    "desk.note": {"id": "Tambah catatan", "en": "Add a note"},
    "desk.date": {"id": "Tanggal", "en": "Date"},
    "desk.text": {"id": "Catatan / isi", "en": "Note / text"},
    "desk.saved": {"id": "Tindakan dicatat; desa menerimanya pada sinkronisasi berikutnya.",
                   "en": "Action recorded; the village receives it at its next sync."},
    "desk.read_only": {"id": "Pengaduan di tingkat {level}: Anda dapat melihatnya, tindakan dicatat di tingkat itu.",
                       "en": "The complaint is at the {level} level: you can see it; actions are recorded there."},
    "desk.payment_title": {"id": "Pembayaran yang diadukan: bulan {month}",
                           "en": "The payment complained about: {month}"},
    "desk.payment_unknown": {"id": "Kepesertaan yang dimaksud tidak ada di hub.",
                             "en": "The hub holds no such membership."},
    "desk.payment_not_due": {"id": "Kepesertaan ini tidak wajib dibayar pada bulan itu.",
                             "en": "Nothing was due to or from this membership in that month."},
    "desk.case_file": {"id": "Berkas pengaduan (cetak)", "en": "Case file (print)"},
    "desk.case_file_json": {"id": "Berkas pengaduan (JSON)", "en": "Case file (JSON)"},
    # The audit log's words for desk actions (`complaint.<action>`).
    "action.complaint.assign": {"id": "petugas pengaduan ditunjuk", "en": "complaint officer assigned"},
    "action.complaint.forward": {"id": "pengaduan diteruskan", "en": "complaint forwarded"},
    "action.complaint.respond": {"id": "pengaduan ditanggapi", "en": "complaint answered"},
    "action.complaint.acknowledge": {"id": "tanda terima pelapor dicatat", "en": "acknowledgement recorded"},
    "action.complaint.close": {"id": "pengaduan ditutup", "en": "complaint closed"},
    "action.complaint.reopen": {"id": "pengaduan dibuka kembali", "en": "complaint reopened"},
    "action.complaint.note": {"id": "catatan pengaduan", "en": "complaint note"},
    "action.complaint.handover": {"id": "berkas pengaduan diserahkan", "en": "case file handed over"},
    "desk.exported": {"id": "Dibuat oleh {who}, {at}", "en": "Made by {who}, {at}"},
}
