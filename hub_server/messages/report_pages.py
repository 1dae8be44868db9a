"""Texts of the reports (hub_server.reports) and their page in the admin UI (/reports)."""

REPORT_PAGES = {
    "nav.reports": {"id": "Laporan", "en": "Reports"},
    "rule.report_area": {
        "id": "{value} bukan kode kabupaten/kota, kecamatan atau desa/kelurahan "
              "(contoh: 35.07, 35.07.01, 35.07.01.2001).",
        "en": "{value} is not a district, sub-district or village code (example: 35.07, 35.07.01, 35.07.01.2001).",
    },
    "rule.report_month": {"id": "{value} bukan bulan berbentuk TTTT-BB (contoh: 2026-03).",
                          "en": "{value} is not a month written YYYY-MM (example: 2026-03)."},
    "report.title": {"id": "Laporan pemantauan bulanan", "en": "Monthly monitoring report"},
    "report.area": {"id": "Wilayah", "en": "Area"},
    "report.month": {"id": "Bulan", "en": "Month"},
    "report.made_at": {"id": "Dibuat", "en": "Made"},
    "report.contents": {"id": "Isi laporan", "en": "Contents"},
    "report.level.village": {"id": "desa/kelurahan", "en": "village"},
    "report.level.sub_district": {"id": "kecamatan", "en": "sub-district"},
    "report.level.district": {"id": "kabupaten/kota", "en": "district"},
    "report.months": {"id": "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
                      "en": "January,February,March,April,May,June,July,August,September,October,November,December"},
    "report.show": {"id": "Tampilkan", "en": "Show"},
    "report.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "report.download_pdf": {"id": "Unduh PDF", "en": "Download PDF"},
    "report.none": {"id": "Tidak ada.", "en": "None."},
    "report.yes": {"id": "Ya", "en": "Yes"},
    "report.no": {"id": "Tidak", "en": "No"},
    "report.row.total": {"id": "Jumlah", "en": "Total"},
    "report.row.unknown": {"id": "Belum dicatat", "en": "Not recorded"},
    "report.section.residents": {"id": "Penduduk dan keluarga", "en": "Residents and households"},
    "report.section.village_records": {"id": "Pendaftaran dari desa bulan ini",
                                       "en": "Village registrations this month"},
    "report.section.extracts": {"id": "Ekstrak sumber bulan ini", "en": "Source extracts this month"},
    "report.section.verification": {"id": "Verifikasi penduduk", "en": "Verification of residents"},
    "report.section.programmes": {"id": "Program: pra-identifikasi dan pengajuan",
                                  "en": "Programmes: pre-identified and applications"},
    "report.section.coverage": {"id": "Cakupan per jaminan perlindungan sosial",
                                "en": "Coverage per social protection floor guarantee"},
    "report.section.budget": {"id": "Anggaran manfaat menurut daftar", "en": "Benefit budget the lists imply"},
    "report.section.complaints": {"id": "Pengaduan", "en": "Complaints"},
    "report.section.cases": {"id": "Kasus dan layanan pekerja migran", "en": "Cases and migrant worker services"},
    "report.section.case_closures": {"id": "Kasus ditutup menurut alasan", "en": "Cases closed by reason"},
    "report.about.cases": {
        "id": "Kasus per jenis: dibuka dan ditutup bulan ini, berjalan di akhir bulan, rujukan dibuat dan dijawab "
              "bulan ini, dan lama sampai tindakan pertama.",
        "en": "Cases per kind: opened and closed this month, active at the month's end, referrals made and "
              "answered this month, and the time to the first action."},
    "report.about.case_closures": {"id": "Kasus yang ditutup bulan ini, menurut alasan penutupan.",
                                   "en": "Cases closed this month, by the reason they were closed."},
    "report.section.migrants": {"id": "Pekerja migran menurut negara tujuan dan tahap",
                                "en": "Migrant workers by destination and stage"},
    "report.about.migrants": {
        "id": "Kasus pekerja migran yang berjalan di akhir bulan, menurut negara tujuan dan tahap migrasi saat itu.",
        "en": "Migrant workers' cases active at the month's end, by destination country and their stage then."},
    "report.note.migrants": {
        "id": "Tahap dan negara menurut data pekerja migran terakhir yang dicatat sampai akhir bulan.",
        "en": "Stage and country as the latest migrant worker record made by the month's end gave them."},
    "report.section.taskforce": {"id": "Satgas desa: sosialisasi dan rujukan ke LTSA",
                                 "en": "Village task force: outreach and referrals to the LTSA"},
    "report.about.taskforce": {
        "id": "Per desa: sesi sosialisasi satgas pekerja migran bulan ini dan orang yang diinformasikan; rujukan ke "
              "LTSA dibuat dan dijawab bulan ini, dan yang belum dijawab di akhir bulan.",
        "en": "Per village: the migrant worker task force's outreach sessions this month and the people informed; "
              "referrals to the LTSA made and answered this month, and those not answered by the month's end."},
    "report.note.taskforce": {
        "id": "Rujukan ke LTSA: rujukan kasus mana pun ke layanan berjenis LTSA di direktori layanan kabupaten. "
              "Dijawab: diterima, sudah dilayani atau ditolak.",
        "en": "Referrals to the LTSA: referrals of any case to a service of kind LTSA in the district's directory. "
              "Answered: accepted, served or declined."},
    "report.chart.taskforce": {"id": "Rujukan ke LTSA per desa: dibuat dan dijawab bulan ini",
                               "en": "Referrals to the LTSA per village: made and answered this month"},
    "report.col.sessions": {"id": "Sesi sosialisasi", "en": "Outreach sessions"},
    "report.col.men": {"id": "Laki-laki", "en": "Men"},
    "report.col.women": {"id": "Perempuan", "en": "Women"},
    "report.col.informed": {"id": "Orang diinformasikan", "en": "People informed"},
    "report.col.named": {"id": "Disebut dengan NIK", "en": "Named by NIK"},
    "report.col.pre_departure": {"id": "Pra-penempatan", "en": "Pre-departure"},
    "report.col.abroad": {"id": "Di luar negeri", "en": "Abroad"},
    "report.col.returned": {"id": "Sudah kembali", "en": "Returned"},
    "report.col.total": {"id": "Jumlah", "en": "Total"},
    "report.col.opened": {"id": "Dibuka", "en": "Opened"},
    "report.col.active": {"id": "Berjalan di akhir bulan", "en": "Active at month's end"},
    "report.col.closed": {"id": "Ditutup", "en": "Closed"},
    "report.col.referrals": {"id": "Rujukan dibuat", "en": "Referrals made"},
    "report.col.answered": {"id": "Rujukan dijawab", "en": "Referrals answered"},
    "report.col.first_actions": {"id": "Tindakan pertama", "en": "First actions"},
    "report.col.first_action_average": {"id": "Rata-rata hari sampai tindakan pertama",
                                        "en": "Average days to first action"},
    "report.chart.cases": {"id": "Kasus dibuka dan ditutup bulan ini per jenis",
                           "en": "Cases opened and closed this month per kind"},
    "report.note.cases": {
        "id": "Tindakan pertama: tindakan rencana, sesi atau rujukan pertama sebuah kasus, bila jatuh di bulan ini; "
              "harinya dihitung dari tanggal kasus dibuka. Kasus krisis dihitung tanpa menyebut siapa pun.",
        "en": "First action: a case's first plan action, session or referral, when it fell in this month; its days "
              "count from the date the case opened. Crisis cases are counted without naming anyone."},
    "report.section.devices": {"id": "Kesehatan sinkronisasi per laptop", "en": "Sync health per laptop"},
    "report.section.areas": {"id": "Per wilayah", "en": "Per area"},
    "report.about.residents": {
        "id": "Penduduk yang tercatat di hub saat laporan dibuat, menurut asal verifikasinya.",
        "en": "Residents the hub holds when the report is made, by how they are verified."},
    "report.about.village_records": {
        "id": "Data penduduk dan keluarga yang dikirim laptop desa dan diterima hub pada bulan ini.",
        "en": "Person and household records the village laptops sent and the hub received this month."},
    "report.about.extracts": {
        "id": "Impor ekstrak e-KTP, KK, DTSEN dan pendataan desa yang selesai pada bulan ini.",
        "en": "Imports of the e-KTP, family card, DTSEN and village data collection extracts finished this month."},
    "report.about.verification": {
        "id": "Penduduk yang didaftarkan desa tanpa ada di ekstrak mana pun, dan keputusan verifikasi bulan ini.",
        "en": "Residents villages registered whom no extract holds, and the verifications decided this month."},
    "report.about.programmes": {
        "id": "Daftar calon penerima yang diterima desa (entri terbuka), perubahan daftar dan pengajuan bulan ini.",
        "en": "The pre-identified lists the villages hold (open entries), list changes and applications this month."},
    "report.about.coverage": {
        "id": "Penduduk kelompok sasaran tiap jaminan yang ada di daftar salah satu programnya.",
        "en": "Residents of each guarantee's target group who are on a list of one of its programmes."},
    "report.about.budget": {
        "id": "Besaran manfaat di katalog dikali penerima di daftar (tercantum dan menunggu verifikasi).",
        "en": "The catalogue's benefit amount times the beneficiaries on the lists "
              "(listed and awaiting verification)."},
    "report.about.complaints": {
        "id": "Pengaduan dari desa dan call centre menurut kategori.",
        "en": "Complaints from the villages and the call centre by category."},
    "report.about.devices": {
        "id": "Laptop desa dan kecamatan wilayah ini: sinkronisasi terakhir, paket ditolak dan riwayat bercabang.",
        "en": "The area's village and sub-district laptops: last sync, refusals and forks."},
    "report.about.areas": {
        "id": "Angka utama untuk tiap kecamatan atau desa di dalam wilayah ini.",
        "en": "The main figures for each sub-district or village inside this area."},
    "report.residents.residents": {"id": "Penduduk", "en": "Residents"},
    "report.residents.verified_source": {"id": "Ada di ekstrak sumber", "en": "Held by a source extract"},
    "report.residents.confirmed": {"id": "Diverifikasi petugas", "en": "Confirmed by an officer"},
    "report.residents.awaiting": {"id": "Menunggu verifikasi", "en": "Awaiting verification"},
    "report.residents.refused": {"id": "Pendaftaran ditolak", "en": "Registration refused"},
    "report.residents.died": {"id": "Meninggal", "en": "Died"},
    "report.residents.moved_out": {"id": "Pindah ke luar kabupaten", "en": "Moved out of the district"},
    "report.residents.households": {"id": "Keluarga", "en": "Households"},
    "report.village_records.person": {"id": "Data penduduk", "en": "Person records"},
    "report.village_records.household": {"id": "Data keluarga", "en": "Household records"},
    "report.verification.joined": {"id": "Didaftarkan desa, belum ada di ekstrak",
                                   "en": "Registered by a village, in no extract"},
    "report.verification.confirmed_in_month": {"id": "Diverifikasi petugas", "en": "Confirmed by an officer"},
    "report.verification.refused_in_month": {"id": "Ditolak petugas", "en": "Refused by an officer"},
    "report.verification.verified_by_extract": {"id": "Diverifikasi oleh ekstrak", "en": "Verified by an extract"},
    "report.verification.awaiting": {"id": "Masih menunggu verifikasi (saat ini)",
                                     "en": "Still awaiting verification (now)"},
    "report.col.row": {"id": "Uraian", "en": "Item"},
    "report.col.count": {"id": "Jumlah", "en": "Count"},
    "report.col.new": {"id": "Baru", "en": "New"},
    "report.col.updated": {"id": "Diubah", "en": "Updated"},
    "report.col.imports": {"id": "Impor", "en": "Imports"},
    "report.col.rows_loaded": {"id": "Baris dimuat (kabupaten)", "en": "Rows loaded (district)"},
    "report.col.people": {"id": "Penduduk baru/diubah", "en": "People added or changed"},
    "report.col.households": {"id": "Keluarga", "en": "Households"},
    "report.col.unit": {"id": "Satuan", "en": "Unit"},
    "report.col.listed": {"id": "Tercantum", "en": "Listed"},
    "report.col.awaiting": {"id": "Menunggu verifikasi", "en": "Awaiting verification"},
    "report.col.proposed": {"id": "Diusulkan", "en": "Proposed"},
    "report.col.added": {"id": "Masuk daftar", "en": "Added to lists"},
    "report.col.removed": {"id": "Keluar daftar", "en": "Removed from lists"},
    "report.col.applied": {"id": "Mengajukan", "en": "Applied"},
    "report.col.approved": {"id": "Disetujui", "en": "Approved"},
    "report.col.rejected": {"id": "Ditolak", "en": "Rejected"},
    "report.col.open": {"id": "Masih terbuka", "en": "Still open"},
    "report.col.not_counted": {"id": "Disimpan, belum dihitung", "en": "Kept, not counted"},
    "report.col.enrolled": {"id": "Menjadi peserta", "en": "Enrolled"},
    "report.col.target": {"id": "Kelompok sasaran", "en": "Target group"},
    "report.col.covered": {"id": "Tercakup", "en": "Covered"},
    "report.col.paid": {"id": "Dibayar", "en": "Paid"},
    "report.col.share": {"id": "Cakupan", "en": "Coverage"},
    "report.col.amount": {"id": "Besaran manfaat", "en": "Benefit amount"},
    "report.col.period": {"id": "Periode", "en": "Period"},
    "report.col.beneficiaries": {"id": "Penerima", "en": "Beneficiaries"},
    "report.col.per_period": {"id": "Anggaran per periode", "en": "Budget per period"},
    "report.col.yearly": {"id": "Anggaran setahun", "en": "Budget per year"},
    "report.col.received": {"id": "Diterima", "en": "Received"},
    "report.col.settled": {"id": "Selesai", "en": "Settled"},
    "report.col.overdue": {"id": "Terlambat", "en": "Overdue"},
    "report.col.average_days": {"id": "Rata-rata hari sampai selesai", "en": "Average days to settle"},
    "report.col.label": {"id": "Keterangan", "en": "Label"},
    "report.col.scope": {"id": "Wilayah", "en": "Area"},
    "report.col.last_sync": {"id": "Sinkronisasi terakhir", "en": "Last sync"},
    "report.col.stale": {"id": "Lama tidak sinkron", "en": "Stale"},
    "report.col.revoked": {"id": "Dicabut", "en": "Revoked"},
    "report.col.refused": {"id": "Paket ditolak", "en": "Change-sets refused"},
    "report.col.requests_refused": {"id": "Permintaan ditolak", "en": "Requests refused"},
    "report.col.forks": {"id": "Riwayat bercabang", "en": "Forks"},
    "report.col.residents": {"id": "Penduduk", "en": "Residents"},
    "report.col.joined": {"id": "Penduduk baru dari desa", "en": "New residents from villages"},
    "report.col.person_records_new": {"id": "Pendaftaran desa", "en": "Village registrations"},
    "report.col.complaints_received": {"id": "Pengaduan diterima", "en": "Complaints received"},
    "report.chart.programmes": {"id": "Penerima di daftar per program",
                                "en": "Beneficiaries on the lists per programme"},
    "report.chart.coverage": {"id": "Cakupan kelompok sasaran per jaminan (%)",
                              "en": "Target group covered per guarantee (%)"},
    "report.chart.complaints": {"id": "Pengaduan per kategori bulan ini", "en": "Complaints per category this month"},
    "report.chart.areas": {"id": "Pendaftaran desa dan pengajuan bulan ini per wilayah",
                           "en": "Village registrations and applications this month per area"},
    "report.note.stock": {
        "id": "Angka penduduk dan keluarga adalah keadaan saat laporan dibuat: hub menyimpan nilai terkini, "
              "bukan riwayatnya.",
        "en": "Residents and households are as the hub holds them when the report is made: it keeps current values, "
              "not their history."},
    "report.note.extracts": {
        "id": "Impor dan baris dimuat berlaku untuk seluruh kabupaten (satu ekstrak untuk satu kabupaten). Penduduk "
              "baru/diubah dihitung di wilayah ini, menurut impor terakhir yang mengubah datanya.",
        "en": "Imports and rows loaded are district-wide (an extract covers the district). People added or changed "
              "are counted in this area, by the last import that changed their row."},
    "report.note.enrolled": {
        "id": "Peserta: kepesertaan yang berlaku pada hari terakhir bulan (setelah pengajuan disetujui dan "
              "didaftarkan). Dibayar: peserta yang iurannya dibayar atau manfaatnya disalurkan untuk bulan ini "
              "menurut berkas pembayaran yang diimpor.",
        "en": "Enrolled: memberships in force on the month's last day (an approved application enrolled). Paid: "
              "members whose contribution was paid or benefit disbursed for the month, by the payment files "
              "imported."},
    "report.note.coverage_enrolled": {
        "id": "Peserta dan dibayar per jaminan: kepesertaan program-program jaminan itu (bukan orang: pemegang dua "
              "program dihitung dua kali); untuk program keluarga dihitung pemegangnya saja, sedangkan yang tercakup "
              "daftar menghitung seluruh anggota keluarga.",
        "en": "Enrolled and paid per guarantee: memberships of its programmes (not people: someone holding two "
              "counts twice); a household programme counts its holder only, where covered counts the whole "
              "household."},
    "report.note.coverage": {
        "id": "Sasaran: kesehatan semua umur; anak di bawah 18 tahun; usia kerja 18-59; lanjut usia 60 ke atas, "
              "umur pada hari terakhir bulan. Daftar keluarga mencakup semua anggota keluarga. Yang tercakup "
              "dihitung saat daftar terakhir diterbitkan, umur pada tanggal daftar.",
        "en": "Targets: health all ages; children under 18; working age 18-59; old age 60 and over, age on the "
              "month's last day. A household list covers every member of the household. Those covered are "
              "counted when the latest lists were published, age on the list date."},
    "report.note.budget": {
        "id": "Program tanpa besaran manfaat di katalog (manfaat berbeda per komponen, berupa layanan atau iuran) "
              "tidak dihitung: isi benefit_amount di katalog untuk menghitungnya. "
              "Sekali bayar dihitung sekali setahun.",
        "en": "Programmes without a benefit amount in the catalogue (benefits that vary by component, services or "
              "contributions) are not counted: fill in benefit_amount to count them. "
              "One-off benefits count once a year."},
    "report.note.complaints": {
        "id": "Terlambat: masih terbuka di akhir bulan dan diajukan lebih dari 30 hari sebelumnya.",
        "en": "Overdue: still open at the month's end and submitted more than 30 days before it."},
    "report.note.devices": {
        "id": "Lama tidak sinkron: tidak sinkron dalam 7 hari terakhir saat laporan dibuat, atau belum pernah.",
        "en": "Stale: no sync in the 7 days before the report was made, or never."},
}
