"""Texts of the monthly finance report: the report to BPJS and the district's use of funds (report.*)."""

FINANCE_PAGES = {
    "report.title_finance": {"id": "Laporan keuangan bulanan", "en": "Monthly finance report"},
    "report.kinds": {"id": "Jenis laporan", "en": "Report"},
    "report.section.memberships": {"id": "Kepesertaan", "en": "Memberships"},
    "report.about.memberships": {
        "id": "Kepesertaan per program: yang berlaku pada hari terakhir bulan, yang mulai dan yang berakhir "
              "dalam bulan ini.",
        "en": "Memberships per programme: in force on the month's last day, started and ended in the month."},
    "report.note.memberships": {
        "id": "Kepesertaan dihitung di desa tempat kepesertaan dibuat.",
        "en": "Memberships are counted in the village they were made for."},
    "report.section.contributions": {"id": "Iuran: terutang, dibayar dan tunggakan",
                                     "en": "Contributions: due, paid and arrears"},
    "report.about.contributions": {
        "id": "Per program dan pembayar: peserta yang wajib membayar iuran bulan ini, iuran terutang dan yang "
              "dibayar untuk bulan ini, tunggakan sejak awal kepesertaan, dan peserta yang menunggak.",
        "en": "Per programme and payer: members owing a contribution this month, the contributions due and "
              "paid for the month, the arrears since each membership began, and the members in arrears."},
    "report.note.contributions": {
        "id": "Dari berkas pembayaran yang diimpor; pembayaran yang tidak cocok dengan kepesertaan mana pun "
              "tidak dihitung (lihat temuan impor).",
        "en": "From the payment files imported; payments that matched no membership are not counted (see the "
              "import's findings)."},
    "report.section.benefits": {"id": "Manfaat: diharapkan dan disalurkan", "en": "Benefits: expected and paid"},
    "report.about.benefits": {
        "id": "Per program: peserta yang manfaatnya diharapkan bulan ini, jumlah yang diharapkan, yang disalurkan, "
              "dan peserta yang belum dibayar.",
        "en": "Per programme: members whose benefit was expected this month, the amount expected, the amount "
              "disbursed, and the members not paid."},
    "report.note.benefits": {
        "id": "Manfaat diharapkan menurut katalog: setiap bulan, atau setiap triwulan pada Maret, Juni, September "
              "dan Desember.",
        "en": "Benefits are expected as the catalogue says: every month, or every quarter in March, June, "
              "September and December."},
    "report.section.claims": {"id": "Klaim yang difasilitasi", "en": "Claims facilitated"},
    "report.about.claims": {
        "id": "Per program: klaim yang diterima, diteruskan ke lembaga, dibayar (dan jumlahnya) dan ditolak bulan "
              "ini, serta yang masih terbuka pada akhir bulan.",
        "en": "Per programme: claims received, passed to the agency, paid (and the amount) and refused in the month, "
              "and those still open at its end."},
    "report.note.claims": {
        "id": "Dari tahap klaim yang dicatat hub: dibayar menurut tanggal bayar lembaga.",
        "en": "From the steps of each claim the hub recorded: paid by the agency's day of payment."},
    "report.col.passed": {"id": "Diteruskan", "en": "Passed"},
    "report.col.claims_paid": {"id": "Dibayar", "en": "Paid"},
    "report.col.paid_amount": {"id": "Jumlah dibayar", "en": "Amount paid"},
    "report.col.claims_refused": {"id": "Ditolak", "en": "Refused"},
    "report.section.use_of_funds": {"id": "Penggunaan dana", "en": "Use of funds"},
    "report.about.use_of_funds": {
        "id": "Uang negara per program (manfaat yang disalurkan; iuran yang dibayar pemerintah pusat, provinsi "
              "atau kabupaten) untuk bulan ini dan sejak Januari, dibandingkan anggaran setahun yang tersirat "
              "dari daftar.",
        "en": "Public money per programme (benefits disbursed; contributions the state, the province or the "
              "district paid) for the month and since January, against the yearly budget the lists imply."},
    "report.note.use_of_funds": {
        "id": "Anggaran setahun: besaran manfaat x penerima dalam daftar x periode setahun, atau untuk iuran "
              "yang dibayar pemerintah: iuran bulanan x penerima x 12.",
        "en": "Yearly budget: the benefit amount x beneficiaries listed x periods a year, or for a contribution "
              "public money pays: the monthly contribution x beneficiaries x 12."},
    "report.col.started": {"id": "Mulai", "en": "Started"},
    "report.col.ended": {"id": "Berakhir", "en": "Ended"},
    "report.col.members": {"id": "Peserta", "en": "Members"},
    "report.col.contribution_due": {"id": "Iuran terutang", "en": "Contributions due"},
    "report.col.contribution_paid": {"id": "Iuran dibayar", "en": "Contributions paid"},
    "report.col.arrears": {"id": "Tunggakan", "en": "Arrears"},
    "report.col.members_in_arrears": {"id": "Peserta menunggak", "en": "Members in arrears"},
    "report.col.benefit_due": {"id": "Manfaat diharapkan", "en": "Benefits expected"},
    "report.col.benefit_paid": {"id": "Manfaat disalurkan", "en": "Benefits paid"},
    "report.col.members_unpaid": {"id": "Belum dibayar", "en": "Not paid"},
    "report.col.budget_yearly": {"id": "Anggaran setahun", "en": "Yearly budget"},
    "report.col.paid_month": {"id": "Dibayar bulan ini", "en": "Paid for the month"},
    "report.col.paid_year": {"id": "Dibayar sejak Januari", "en": "Paid since January"},
    "report.col.budget_used": {"id": "Anggaran terpakai", "en": "Budget used"},
    "report.chart.contributions": {"id": "Iuran terutang dan dibayar per program",
                                   "en": "Contributions due and paid per programme"},
    "report.chart.benefits": {"id": "Manfaat diharapkan dan disalurkan per program",
                              "en": "Benefits expected and paid per programme"},
}
