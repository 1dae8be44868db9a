"""Texts of the dashboard, the hub's home page (dash.*)."""

DASHBOARD_PAGES = {
    "nav.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "dash.title": {"id": "Dasbor", "en": "Dashboard"},
    "dash.area": {"id": "Wilayah: {name} ({code})", "en": "Area: {name} ({code})"},
    "dash.no_area": {"id": "Belum ada wilayah: impor data kependudukan atau isi DISTRICT_CODE.",
                     "en": "No area yet: import the population or set DISTRICT_CODE."},
    "dash.waiting": {"id": "Pekerjaan menunggu", "en": "Work waiting"},
    "dash.waiting.conflicts": {"id": "konflik terbuka", "en": "open conflicts"},
    "dash.waiting.verification": {"id": "warga menunggu verifikasi", "en": "residents awaiting verification"},
    "dash.waiting.applications": {"id": "permohonan menunggu keputusan", "en": "applications awaiting a decision"},
    "dash.waiting.inconsistencies": {"id": "ketidaksesuaian data terbuka", "en": "open data inconsistencies"},
    "dash.waiting.complaints_overdue": {"id": "pengaduan lewat batas waktu", "en": "complaints overdue"},
    "dash.overdue_by_level": {"id": "Pengaduan lewat batas waktu per tingkat", "en": "Complaints overdue by level"},
    "dash.sync": {"id": "Kesehatan sinkronisasi", "en": "Sync health"},
    "dash.sync_lead": {"id": "{laptops} laptop aktif ({revoked} dicabut, tidak dihitung).",
                       "en": "{laptops} active laptops ({revoked} revoked, not counted)."},
    "dash.chart.sync": {"id": "Laptop menurut sinkronisasi terakhir", "en": "Laptops by last sync"},
    "dash.bucket.today": {"id": "Hari ini", "en": "Today"},
    "dash.bucket.week": {"id": "Dalam 7 hari", "en": "Within 7 days"},
    "dash.bucket.month": {"id": "Dalam 30 hari", "en": "Within 30 days"},
    "dash.bucket.older": {"id": "Lebih lama", "en": "Older"},
    "dash.bucket.never": {"id": "Belum pernah", "en": "Never"},
    "dash.stale": {"id": "Laptop tanpa sinkronisasi lebih dari {days} hari",
                   "en": "Laptops not synchronised for more than {days} days"},
    "dash.stale_all": {"id": "Lihat semua {count} laptop di halaman perangkat",
                       "en": "See all {count} laptops on the devices page"},
    "dash.villages": {"id": "Desa/wilayah", "en": "Villages/area"},
    "dash.refusals": {"id": "Bulan {month}: {changesets} change-set ditolak, {requests} permintaan sinkronisasi "
                            "ditolak, di antaranya {forks} percabangan (laptop dipulihkan dari salinan lama).",
                      "en": "Month {month}: {changesets} change-sets refused, {requests} sync requests refused, "
                            "of which {forks} forks (a laptop restored from an old copy)."},
    "dash.forks": {"id": "{count} percabangan", "en": "{count} forks"},
    "dash.coverage": {"id": "Cakupan program", "en": "Programme coverage"},
    "dash.coverage_lead": {"id": "Angka dihitung {at}; dihitung ulang setelah pencocokan atau impor berikutnya.",
                           "en": "Figures computed {at}; computed again after the next matching run or import."},
    "dash.guarantee": {"id": "Jaminan perlindungan sosial", "en": "Social protection guarantee"},
    "dash.programme": {"id": "Program", "en": "Programme"},
    "dash.listed": {"id": "Dalam daftar", "en": "Listed"},
    "dash.open": {"id": "Permohonan terbuka", "en": "Applications open"},
    "dash.approved": {"id": "Permohonan disetujui", "en": "Applications approved"},
    "dash.chart.programmes": {"id": "Orang dalam daftar per program", "en": "People listed per programme"},
    "dash.no_programmes": {"id": "Belum ada program.", "en": "No programmes yet."},
    "dash.coverage_note": {
        "id": "Dalam daftar: entri terbuka daftar yang diterbitkan (terdaftar, atau menunggu verifikasi); program "
              "keluarga dihitung per keluarga. Peserta: kepesertaan yang berlaku bulan ini; dibayar: peserta yang "
              "iuran atau manfaatnya bulan ini tercatat dalam berkas pembayaran.",
        "en": "Listed: open entries of the published lists (listed, or awaiting verification); a household "
              "programme counts households. Enrolled: memberships in force this month; paid: members whose "
              "contribution or benefit for this month is in the payment files."},
    "dash.to_report": {"id": "Laporan bulanan wilayah ini", "en": "This area's monthly report"},
}
