"""Builders of Tabel 2.2 (T-C.30), 2.5 (T-C.32), 3.1, the definisi operasional and Tabel 4.1–4.4,
checked against the Bappeda seed (line numbers of renja-bappeda-kota-serang-2022.txt) and the demo
fixture files, which are read here independently of the builders."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laporan.builders.bab4 import program_mendesak, program_unggulan, rencana_pendapatan, usulan_renja_kl
from laporan.builders.pelayanan import kinerja_pelayanan
from laporan.builders.tujuan import definisi_operasional, tujuan_sasaran
from laporan.builders.usulan import usulan_pemangku
from renja.models import ProgramPrioritas, RencanaPendapatan, Renja, Sasaran, UsulanPemangku, UsulanRenjaKL
from renja.teks import kunci_nama

DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo" / "bappeda-2022"
BAPPEDA = "Badan Perencanaan Pembangunan Daerah"


def demo_json(name):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


def kepala(tabel):
    return [[(k.teks, k.colspan, k.rowspan) for k in row] for row in tabel.kepala]


def nilai(baris):
    return [sel.nilai for sel in baris.sel]


def baris_nomor(tabel, nomor):
    return next(b for b in tabel.baris if b.sel[0].nilai == nomor)


def posisi(tabel, awal):
    """Index of the row whose first cell starts with ``awal``."""
    return next(i for i, b in enumerate(tabel.baris) if str(b.sel[0].nilai).startswith(awal))


def D(*values):
    return [Decimal(v) for v in values]


@pytest.fixture
def renja_2023(bappeda):
    """A second Renja of the same OPD and Renstra, one year later, with no data of its own."""
    return Renja.objects.create(opd=bappeda.opd, tahun=2023, renstra=bappeda.renstra)


# --------------------------------------------------------------------------- Tabel 2.2 (T-C.30)


@pytest.mark.django_db
def test_tc30_periode_renstra_seperti_seed(bappeda):
    """BAP:683-697: 15 columns, target 2019-2023, realisasi 2019-2020, proyeksi 2021-2023."""
    tabel = kinerja_pelayanan(bappeda, tahun="renstra")
    assert tabel.judul == f"Pencapaian Kinerja Pelayanan Perangkat Daerah {BAPPEDA}"
    assert tabel.nomor_kolom == [str(i) for i in range(1, 16)]
    assert kepala(tabel) == [
        [
            ("No", 1, 2),
            ("Indikator", 1, 2),
            ("SPM/Standar Nasional", 1, 2),
            ("IKK", 1, 2),
            ("Target Renstra Perangkat Daerah", 5, 1),
            ("Realisasi Capaian", 2, 1),
            ("Proyeksi", 3, 1),
            ("Catatan Analisis", 1, 2),
        ],
        [("Tahun 2019", 1, 1), ("Tahun 2020", 1, 1), ("Tahun 2021", 1, 1), ("Tahun 2022", 1, 1), ("Tahun 2023", 1, 1)]
        + [("Tahun 2019", 1, 1), ("Tahun 2020", 1, 1)]
        + [("Tahun 2021", 1, 1), ("Tahun 2022", 1, 1), ("Tahun 2023", 1, 1)],
    ]
    data = demo_json("pelayanan.json")
    assert [b.jenis for b in tabel.baris].count("judul") == len(data["kelompok"]) == 2
    assert [b.jenis for b in tabel.baris].count("indikator") == sum(len(k["indikator"]) for k in data["kelompok"]) == 9
    assert [nilai(b)[:2] for b in tabel.baris if b.jenis == "judul"] == [
        ["1", "Perencanaan Pembangunan"],
        ["4", "Penelitian dan Pembangunan"],
    ]
    assert all(len(b.sel) == 15 for b in tabel.baris)
    # BAP:691  1.5  97% 98% 98% 99% 100% | 100% 100% | 98% 99% 100%
    assert nilai(baris_nomor(tabel, "1.5"))[4:14] == D(97, 98, 98, 99, 100, 100, 100, 98, 99, 100)
    # BAP:697  4.2  70% 70% 70% 75% 80% | 50% 70% | 70% 75% 80%
    assert nilai(baris_nomor(tabel, "4.2"))[4:14] == D(70, 70, 70, 75, 80, 50, 70, 70, 75, 80)
    # BAP:687: qualitative values stay text
    assert nilai(baris_nomor(tabel, "1.1"))[4:14] == ["Ada"] * 10
    assert baris_nomor(tabel, "1.5").sel[1].nilai == "Penjabaran Konsistensi Program RPJMD kedalam RKPD (%)"
    assert {sel.jenis for b in tabel.baris if b.jenis == "indikator" for sel in b.sel[4:14]} <= {"angka", "teks"}


@pytest.mark.django_db
def test_tc30_jendela_regulasi(bappeda):
    """Regulation window: target n-2..n+1, realisasi n-2 and n-1 (perkiraan), proyeksi n, n+1."""
    tabel = kinerja_pelayanan(bappeda)
    assert tabel.nomor_kolom == [str(i) for i in range(1, 14)]
    assert [(k.teks, k.colspan) for k in tabel.kepala[0][4:7]] == [
        ("Target Renstra Perangkat Daerah", 4),
        ("Realisasi Capaian", 2),
        ("Proyeksi", 2),
    ]
    assert [k.teks for k in tabel.kepala[1]] == [
        "Tahun 2020",
        "Tahun 2021",
        "Tahun 2022",
        "Tahun 2023",
        "Tahun 2020",
        "Tahun 2021 (perkiraan)",
        "Tahun 2022",
        "Tahun 2023",
    ]
    # BAP:696  4.1: target 2020-2023 80 80 85 90; realisasi 2020 78; the seed's 2021 proyeksi (80)
    # is the estimate of realisasi 2021; proyeksi 2022, 2023 85 90
    assert nilai(baris_nomor(tabel, "4.1"))[4:12] == D(80, 80, 85, 90, 78, 80, 85, 90)
    assert nilai(baris_nomor(tabel, "1.4"))[4:12] == ["Ada"] * 8


@pytest.mark.django_db
def test_tc30_tahun_mengikuti_renja(renja_2023):
    tabel = kinerja_pelayanan(renja_2023)
    assert [k.teks for k in tabel.kepala[1]] == [
        "Tahun 2021",
        "Tahun 2022",
        "Tahun 2023",
        "Tahun 2024",
        "Tahun 2021",
        "Tahun 2022 (perkiraan)",
        "Tahun 2023",
        "Tahun 2024",
    ]
    # BAP:691 1.5: target 2021-2023 98 99 100, nothing for 2024; realisasi 2021 none, proyeksi 2022 = 99
    assert nilai(baris_nomor(tabel, "1.5"))[4:12] == D(98, 99, 100) + [None, None, Decimal(99), Decimal(100), None]


@pytest.mark.django_db
def test_tc30_tahun_tidak_dikenal(bappeda):
    with pytest.raises(ValueError):
        kinerja_pelayanan(bappeda, tahun="semua")


@pytest.mark.django_db
def test_tc30_kosong_nihil(kominfo):
    tabel = kinerja_pelayanan(kominfo)
    assert [b.jenis for b in tabel.baris] == ["nihil"]
    assert tabel.judul == "Pencapaian Kinerja Pelayanan Perangkat Daerah Dinas Komunikasi dan Informatika"


# --------------------------------------------------------------------------- Tabel 2.5 (T-C.32)


@pytest.mark.django_db
def test_tc32_bappeda_nihil(bappeda):
    """BAP:1018-1024: the table prints NIHIL."""
    tabel = usulan_pemangku(bappeda)
    assert tabel.judul == "Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun 2022"
    assert [k.teks for k in tabel.kepala[0]] == [
        "No",
        "Sumber Usulan",
        "Program/Kegiatan",
        "Lokasi",
        "Indikator Kinerja",
        "Besaran/Volume",
        "Status",
        "Catatan",
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert [b.jenis for b in tabel.baris] == ["nihil"]
    assert nilai(tabel.baris[0]) == ["NIHIL"] * 8


@pytest.mark.django_db
def test_tc32_baris(kominfo):
    UsulanPemangku.objects.create(
        renja=kominfo,
        urutan=2,
        sumber="pokir_dprd",
        program_kegiatan="Pelatihan literasi digital",
        lokasi="Kec. Taktakan",
        besaran="2 kali",
        status="tidak_diakomodasi",
        alasan="Di luar kewenangan",
    )
    UsulanPemangku.objects.create(
        renja=kominfo,
        urutan=1,
        sumber="forum_pd",
        status="diakomodasi",
        program_kegiatan="Wifi publik di taman kota",
        lokasi="Alun-alun Kota Serang",
        indikator="Jumlah titik wifi publik",
        besaran="5 titik",
        catatan="Usulan Forum PD",
    )
    tabel = usulan_pemangku(kominfo)
    assert [nilai(b) for b in tabel.baris] == [
        [
            "1",
            "Forum Perangkat Daerah",
            "Wifi publik di taman kota",
            "Alun-alun Kota Serang",
            "Jumlah titik wifi publik",
            "5 titik",
            "Diakomodasi",
            "Usulan Forum PD",
        ],
        [
            "2",
            "Pokok Pikiran DPRD",
            "Pelatihan literasi digital",
            "Kec. Taktakan",
            "",
            "2 kali",
            "Tidak diakomodasi: Di luar kewenangan",
            "",
        ],
    ]


# --------------------------------------------------------------------------- Tabel 3.1


@pytest.mark.django_db
def test_tujuan_sasaran_bappeda(bappeda):
    """BAP:1074-1083."""
    tabel = tujuan_sasaran(bappeda)
    assert tabel.judul == f"Tujuan dan Sasaran {BAPPEDA} Tahun 2022"
    assert [k.teks for k in tabel.kepala[0]] == [
        "TUJUAN",
        "SASARAN",
        "INDIKATOR TUJUAN & SASARAN",
        "SATUAN",
        "TARGET 2022",
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4", "5"]
    assert [b.jenis for b in tabel.baris] == ["tujuan", "sasaran", "indikator", "sasaran", "sasaran", "indikator"]
    rencana = demo_json("rencana.json")
    assert [b.jenis for b in tabel.baris].count("sasaran") == sum(len(t["sasaran"]) for t in rencana["tujuan"])
    tujuan, s11, s11b, s12, s13, s13b = tabel.baris
    assert nilai(tujuan) == [
        "Terwujudnya Kualitas Perencanaan Pembangunan Daerah",
        None,
        "Indeks perencanaan daerah",
        "Indeks",
        Decimal("6.4"),
    ]
    assert nilai(s11)[1:] == [
        "Meningkatnya keselarasan dan keterpaduan perencanaan pembangunan daerah",
        "Tingkat konsistensi perencanaan dan pelaksanaan pembangunan daerah",
        "%",
        Decimal(99),
    ]
    assert nilai(s11b) == [None, None, "Pencapaian target kinerja daerah", "%", Decimal(95)]
    assert nilai(s12)[3:] == ["Nilai", Decimal(75)]
    # R-097: sasaran 1.2 is printed with the wording of Tabel 3.1 (BAP:1081), not Tabel 3.3's (BAP:1361)
    assert s12.sel[1].nilai == (
        "Meningkatnya akuntabilitas kinerja penyelenggaraan pemerintah pada lingkungan perangkat daerah"
    )
    assert not any("lingkup Perangkat Daerah" in str(sel.nilai) for b in tabel.baris for sel in b.sel)
    # BAP:1082: a qualitative target stays text
    assert (s13.sel[2].nilai, s13.sel[3].nilai, s13.sel[4].nilai, s13.sel[4].jenis) == (
        "Indeks Inovasi Daerah",
        "Kategori",
        "Inovatif",
        "teks",
    )
    assert nilai(s13b)[2:] == ["Prosentase Pemanfaatan Hasil Kelitbangan", "%", Decimal(85)]


@pytest.mark.django_db
def test_tujuan_sasaran_tahun_mengikuti_renja(renja_2023):
    tabel = tujuan_sasaran(renja_2023)
    assert tabel.judul == f"Tujuan dan Sasaran {BAPPEDA} Tahun 2023"
    assert tabel.kepala[0][-1].teks == "TARGET 2023"
    assert len(tabel.baris) == 6
    assert all(b.sel[4].nilai is None for b in tabel.baris)  # no Renja 2023 targets in the demo


@pytest.mark.django_db
def test_tujuan_sasaran_target_renstra_bila_tanpa_target_renja(renja_2023):
    """A new OPD's planner types the sasaran's targets on the Renstra page only: Tabel 3.1
    prints the Renstra target of year n; a Renja target n, where one exists, wins."""
    from renja.models import Indikator, Target

    pertama, kedua = Indikator.objects.filter(sasaran__tujuan__renstra=renja_2023.renstra).order_by("urutan", "pk")[:2]
    Target.objects.create(indikator=pertama, jenis=Target.Jenis.RENSTRA, tahun=2023, nilai=Decimal("97.5"))
    Target.objects.create(indikator=kedua, jenis=Target.Jenis.RENSTRA, tahun=2023, nilai=Decimal("80"))
    Target.objects.create(indikator=kedua, jenis=Target.Jenis.RENJA, tahun=2023, nilai=Decimal("82"))
    Target.objects.create(indikator=kedua, jenis=Target.Jenis.RENSTRA, tahun=2024, nilai=Decimal("90"))
    printed = {b.sel[2].nilai: b.sel[4].nilai for b in tujuan_sasaran(renja_2023).baris}
    assert printed[pertama.nama] == Decimal("97.5")
    assert printed[kedua.nama] == Decimal("82")
    assert sum(v is not None for v in printed.values()) == 2


# --------------------------------------------------------------------------- definisi operasional

LABEL = re.compile(r"^(Tujuan|Sasaran|Program|Kegiatan) [0-9.]+")


def labels(tabel):
    return [LABEL.match(b.sel[0].nilai).group(0) for b in tabel.baris if b.jenis != "indikator"]


@pytest.mark.django_db
def test_definisi_label_dari_urutan(bappeda):
    tabel = definisi_operasional(bappeda)
    assert tabel.judul == "Rumusan dan Definisi Operasional Indikator Renja PD Tahun 2022"
    assert kepala(tabel) == [
        [
            ("Tujuan/Sasaran/Program/Kegiatan Perangkat Daerah", 1, 2),
            ("Indikator Tujuan/Sasaran/Program/Kegiatan", 4, 1),
        ],
        [("Indikator", 1, 1), ("Satuan", 1, 1), ("Rumus/Formula", 1, 1), ("Penjelasan/Keterangan", 1, 1)],
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4", "5"]
    # Local outline numbering in the order of Tabel 3.1 (sasaran 1.2 = akuntabilitas, 1.3 = litbang);
    # the seed's own labels (BAP:1463-1492) repeat "Kegiatan 1.1.2.1" and jump to "Program 2.1.1".
    assert labels(tabel) == (
        ["Tujuan 1.", "Sasaran 1.1."]
        + ["Program 1.1.1", "Kegiatan 1.1.1.1", "Kegiatan 1.1.1.2", "Kegiatan 1.1.1.3"]
        + ["Program 1.1.2", "Kegiatan 1.1.2.1", "Kegiatan 1.1.2.2", "Kegiatan 1.1.2.3"]
        + ["Sasaran 1.2.", "Program 1.2.1"]
        + [f"Kegiatan 1.2.1.{k}" for k in range(1, 9)]
        + ["Sasaran 1.3.", "Program 1.3.1", "Kegiatan 1.3.1.1", "Kegiatan 1.3.1.2", "Kegiatan 1.3.1.3"]
    )
    first = [b.sel[0].nilai for b in tabel.baris if b.jenis != "indikator"]
    assert first[0] == "Tujuan 1. Terwujudnya Kualitas Perencanaan Pembangunan Daerah"
    assert first[1] == "Sasaran 1.1. Meningkatnya keselarasan dan keterpaduan perencanaan pembangunan daerah"
    assert first[3] == "Kegiatan 1.1.1.1 Penyusunan Perencanaan dan Pendanaan"
    assert first[10] == (
        "Sasaran 1.2. Meningkatnya akuntabilitas kinerja penyelenggaraan pemerintah pada lingkungan perangkat daerah"
    )


@pytest.mark.django_db
def test_definisi_memuat_setiap_rumus(bappeda):
    """Every definition of definisi.json appears once, on the indicator it was attached to."""
    tabel = definisi_operasional(bappeda)
    rows = [(kunci_nama(b.sel[1].nilai), b.sel[3].nilai, b.sel[4].nilai) for b in tabel.baris if b.sel[3].nilai]
    data = demo_json("definisi.json")["baris"]
    assert len(rows) == len(data) == 32
    assert sorted(rows) == sorted((kunci_nama(d["indikator"]), d["rumus"], d["penjelasan"]) for d in data)
    # D-001: the stored formula is the mean of both ratios, not their sum
    konsistensi = next(b for b in tabel.baris if b.sel[1].nilai.startswith("Tingkat konsistensi"))
    assert konsistensi.sel[3].nilai.endswith(") / 2")
    # A Renja indicator without a definition is listed with empty cells (a gap to fill), under its program
    program = posisi(tabel, "Program 1.1.1 ")
    assert nilai(tabel.baris[program])[1:] == [
        "Persentase keselarasan dokumen Perencanaan pembangunan Daerah",
        "%",
        "",
        "",
    ]
    # BAP:1482-1483: both indicators of the penunjang program sit under Program 1.2.1
    penunjang = posisi(tabel, "Program 1.2.1 ")
    assert [b.sel[1].nilai for b in tabel.baris[penunjang : penunjang + 2]] == [
        "Indeks Kepuasan Pelayanan Kesekretariatan",
        "Tingkat Kehadiran Aparatur",
    ]
    assert tabel.baris[penunjang + 1].jenis == "indikator" and tabel.baris[penunjang + 1].sel[0].nilai is None


@pytest.mark.django_db
def test_definisi_program_tanpa_sasaran_di_akhir(bappeda):
    Sasaran.objects.get(tujuan__renstra=bappeda.renstra, nomor="1.2").program.clear()
    found = labels(definisi_operasional(bappeda))
    assert "Program 1.2.1" not in found
    assert found[found.index("Sasaran 1.2.") + 1] == "Sasaran 1.3."
    assert found[-9:] == ["Program 1"] + [f"Kegiatan 1.{k}" for k in range(1, 9)]


@pytest.mark.django_db
def test_definisi_tahun_mengikuti_renja(renja_2023):
    tabel = definisi_operasional(renja_2023)
    assert tabel.judul == "Rumusan dan Definisi Operasional Indikator Renja PD Tahun 2023"
    # no sub kegiatan planned in 2023: only tujuan and sasaran remain
    assert labels(tabel) == ["Tujuan 1.", "Sasaran 1.1.", "Sasaran 1.2.", "Sasaran 1.3."]


# --------------------------------------------------------------------------- Tabel 4.1–4.4


@pytest.mark.django_db
def test_rencana_pendapatan_bappeda_nihil(bappeda):
    """BAP:1506-1514."""
    tabel = rencana_pendapatan(bappeda)
    assert tabel.judul == "Rumusan Rencana Pendapatan Perangkat Daerah Tahun 2022"
    assert [k.teks for k in tabel.kepala[0]] == [
        "Kode",
        "Uraian Akun Pendapatan",
        "Target Penganggaran (Rp)",
        "Keterangan",
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4"]
    assert [b.jenis for b in tabel.baris] == ["nihil"]


@pytest.mark.django_db
def test_rencana_pendapatan_total(kominfo):
    RencanaPendapatan.objects.create(
        renja=kominfo, urutan=1, kode_akun="4.1.02.01.01.0001", uraian="Retribusi Pelayanan A", target=Decimal(1500000)
    )
    RencanaPendapatan.objects.create(
        renja=kominfo, urutan=2, kode_akun="4.1.02.01.01.0002", uraian="Retribusi Pelayanan B", target=Decimal(2250000)
    )
    tabel = rencana_pendapatan(kominfo)
    *akun, total = tabel.baris
    assert [nilai(b)[:3] for b in akun] == [
        ["4.1.02.01.01.0001", "Retribusi Pelayanan A", Decimal(1500000)],
        ["4.1.02.01.01.0002", "Retribusi Pelayanan B", Decimal(2250000)],
    ]
    assert total.jenis == "total"
    assert (total.sel[2].nilai, total.sel[2].jenis) == (Decimal(3750000), "uang")
    assert total.sel[2].rumus.jenis == "jumlah"
    assert total.sel[2].rumus.baris == tuple(akun)


@pytest.mark.django_db
def test_program_unggulan(bappeda):
    """BAP:1522-1526; pagu 350.000.000 from Tabel 3.3 (P-06 / B-001), not the printed 450.000.000."""
    tabel = program_unggulan(bappeda)
    assert tabel.judul == "Rumusan Rencana Indikasi Kegiatan/Sub Kegiatan pada Program Unggulan Tahun 2022"
    assert [k.teks for k in tabel.kepala[0]] == [
        "Program Unggulan",
        "Indikasi/Fokus Kegiatan",
        "Pagu Indikatif (Rp)",
        "Keterangan",
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4"]
    assert [nilai(b) for b in tabel.baris] == [
        [
            "Peningkatan kualitas dan kuantitas destinasi wisata",
            "Pengembangan ekonomi daerah berbasis kawasan andalan dari sektor pariwisata",
            Decimal(350000000),
            "",
        ]
    ]
    assert tabel.baris[0].sel[2].jenis == "uang"


@pytest.mark.django_db
def test_program_mendesak(bappeda):
    """BAP:1530-1535; column (1) reads "Program Mendesak" (B-002)."""
    tabel = program_mendesak(bappeda)
    assert tabel.judul == "Rumusan Rencana Kegiatan/Sub Kegiatan pada Program Mendesak Tahun 2022"
    assert [k.teks for k in tabel.kepala[0]] == [
        "Program Mendesak",
        "Indikasi/Fokus Kegiatan",
        "Pagu Indikatif (Rp)",
        "Keterangan",
    ]
    assert [nilai(b)[:3] for b in tabel.baris] == [
        [
            "Peningkatan efektivitas pengelolaan persampahan dan pengurangan spot genangan air",
            "Tersedianya dokumen system pengelolaan persampahan perkotaan",
            Decimal(500000000),
        ]
    ]


@pytest.mark.django_db
def test_program_prioritas_kosong_nihil(kominfo):
    assert [b.jenis for b in program_unggulan(kominfo).baris] == ["nihil"]
    assert [b.jenis for b in program_mendesak(kominfo).baris] == ["nihil"]


@pytest.mark.django_db
def test_usulan_renja_kl_bappeda_nihil(bappeda):
    """BAP:1541-1546, with the title of correction B-003."""
    tabel = usulan_renja_kl(bappeda)
    assert tabel.judul == (
        "Usulan Rencana Program/Kegiatan/Sub Kegiatan pada Renja K/L dan Renja PD (Provinsi) Tahun 2022"
    )
    assert kepala(tabel) == [
        [
            ("Bidang Urusan/Program/Kegiatan/Sub Kegiatan", 1, 2),
            ("Kinerja", 3, 1),
            ("Pagu Indikatif (Rp)", 1, 2),
            ("Sumber Dana", 1, 2),
            ("Instansi PJ (OPD) Pemprov/Kementerian/Lembaga", 1, 2),
        ],
        [("Indikator", 1, 1), ("Satuan", 1, 1), ("Target", 1, 1)],
    ]
    assert tabel.nomor_kolom == ["1", "2", "3", "4", "5", "6", "7"]
    assert [b.jenis for b in tabel.baris] == ["nihil"]
    assert nilai(tabel.baris[0]) == ["NIHIL"] * 7


@pytest.mark.django_db
def test_usulan_renja_kl_baris(kominfo):
    UsulanRenjaKL.objects.create(
        renja=kominfo,
        urutan=1,
        uraian="Pembangunan jaringan intra pemerintah",
        indikator="Jumlah OPD terhubung",
        satuan="OPD",
        target="10",
        pagu=Decimal(750000000),
        sumber_dana="APBN",
        instansi="Kementerian Komunikasi dan Informatika",
    )
    (baris,) = usulan_renja_kl(kominfo).baris
    assert nilai(baris) == [
        "Pembangunan jaringan intra pemerintah",
        "Jumlah OPD terhubung",
        "OPD",
        "10",
        Decimal(750000000),
        "APBN",
        "Kementerian Komunikasi dan Informatika",
    ]
    assert baris.sel[4].jenis == "uang"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "builder, judul",
    [
        (usulan_pemangku, "Usulan Program/Kegiatan/Sub Kegiatan dari Para Pemangku Kepentingan Tahun 2023"),
        (rencana_pendapatan, "Rumusan Rencana Pendapatan Perangkat Daerah Tahun 2023"),
        (program_unggulan, "Rumusan Rencana Indikasi Kegiatan/Sub Kegiatan pada Program Unggulan Tahun 2023"),
        (program_mendesak, "Rumusan Rencana Kegiatan/Sub Kegiatan pada Program Mendesak Tahun 2023"),
        (
            usulan_renja_kl,
            "Usulan Rencana Program/Kegiatan/Sub Kegiatan pada Renja K/L dan Renja PD (Provinsi) Tahun 2023",
        ),
    ],
)
def test_judul_mengikuti_tahun_renja(renja_2023, builder, judul):
    tabel = builder(renja_2023)
    assert tabel.judul == judul
    assert [b.jenis for b in tabel.baris] == ["nihil"]  # the 2022 rows belong to the 2022 Renja
    assert tabel.subjudul == ["Pemerintah Kota Serang", f"Nama Perangkat Daerah : {BAPPEDA}"]


# --------------------------------------------------------------------------- queries


BATAS = [
    (kinerja_pelayanan, 3),
    (lambda renja: kinerja_pelayanan(renja, tahun="renstra"), 4),
    (usulan_pemangku, 2),
    (tujuan_sasaran, 5),
    (definisi_operasional, 6),
    (rencana_pendapatan, 2),
    (program_unggulan, 2),
    (program_mendesak, 2),
    (usulan_renja_kl, 2),
]


@pytest.mark.django_db
@pytest.mark.parametrize("builder, batas", BATAS)
@pytest.mark.parametrize("opd", ["bappeda", "kominfo"])
def test_jumlah_query_tetap(request, opd, builder, batas, django_assert_max_num_queries):
    renja = request.getfixturevalue(opd)
    with django_assert_max_num_queries(batas):
        builder(renja)


def query_count(builder, renja):
    renja = Renja.objects.select_related("opd").get(pk=renja.pk)
    with CaptureQueriesContext(connection) as context:
        builder(renja)
    return len(context)


@pytest.mark.django_db
def test_jumlah_query_tidak_bertambah_dengan_baris(kominfo):
    builders = [usulan_pemangku, rencana_pendapatan, program_unggulan, program_mendesak, usulan_renja_kl]
    before = [query_count(builder, kominfo) for builder in builders]
    sub = kominfo.sub_kegiatan.select_related("sub_kegiatan").first().sub_kegiatan
    for i in range(1, 31):
        UsulanPemangku.objects.create(renja=kominfo, urutan=i, program_kegiatan=f"Usulan {i}")
        RencanaPendapatan.objects.create(renja=kominfo, urutan=i, kode_akun=f"4.1.{i}", uraian="x", target=i)
        UsulanRenjaKL.objects.create(renja=kominfo, urutan=i, uraian=f"Usulan {i}", pagu=i)
        for jenis in ProgramPrioritas.Jenis.values:
            ProgramPrioritas.objects.create(
                renja=kominfo, jenis=jenis, nomor=i, program="P", indikasi_kegiatan="K", pagu=i, sub_kegiatan=sub
            )
    assert [query_count(builder, kominfo) for builder in builders] == before
    assert len(rencana_pendapatan(kominfo).baris) == 31


@pytest.mark.django_db
def test_sasaran_urut_menurut_nomor_bukan_teks(bappeda):
    """Sasaran 1.10 comes after 1.2 and 1.3, not before them (text order would put it first)."""
    from laporan.builders import rumusan_rencana
    from renja.models import Sasaran

    tujuan = Sasaran.objects.filter(tujuan__renstra=bappeda.renstra).first().tujuan
    Sasaran.objects.create(tujuan=tujuan, nomor="1.10", uraian="Sasaran kesepuluh")
    uraian = [b.sel[1].nilai for b in tujuan_sasaran(bappeda).baris if b.jenis == "sasaran"]
    assert uraian[-1] == "Sasaran kesepuluh" and len(uraian) == 4
    tc33 = [b.sel[2].nilai for b in rumusan_rencana(bappeda).baris if b.jenis == "sasaran"]
    assert tc33[-1] == "Sasaran kesepuluh"
