"""Load the demo data end to end: Pemda, OPDs, plans (renja.demo), then the Tabel 2.1
history (targets 2020/2021, end-of-Renstra targets, realisasi 2019/2020) and the
definisi operasional, which may refer to indicators that only Tabel 2.1 carries."""

from django.db import transaction

from evaluasi.models import RealisasiKinerja
from renja import demo
from renja.models import Pemda, Periode, Target


def muat_riwayat(opd, data, pohon):
    """Tabel 2.1 (T-C.29) inputs. An indicator that Tabel 3.3 also lists ("nama_renja") is the
    same Indikator row; its sifat, tipe and satuan come from here, where the history shows them."""
    akhir = data["renstra"]["akhir"]
    for row in data["baris"]:
        owner = pohon.node(row["kode"], "")
        if not owner.nama_alias and row.get("nama_dicetak"):
            owner.nama_alias = row["nama_dicetak"]
            owner.save(update_fields=["nama_alias"])
        for urutan, ind in enumerate(row["indikator"], start=1):
            indikator = None
            if ind.get("nama_renja"):
                indikator = demo.cari_indikator(owner, ind["nama_renja"])
                if indikator is None:
                    raise demo.DemoError(
                        f"Tabel 2.1 baris {ind.get('baris')}: indikator Renja '{ind['nama_renja']}' tidak ada di {row['kode']}."
                    )
                indikator.sifat, indikator.tipe_nilai = ind["sifat"], ind["tipe"]
                indikator.satuan, indikator.polaritas = ind["satuan"], ind.get("polaritas", "positif")
                indikator.save()
            else:
                indikator = demo.buat_indikator(owner, ind, 100 + urutan)
            demo.simpan_target(indikator, akhir, Target.Jenis.AKHIR_RENSTRA, ind.get("target_akhir"))
            for tahun in (2020, 2021):
                demo.simpan_target(indikator, tahun, Target.Jenis.RENJA, ind.get(f"target_{tahun}"))
            for tahun in (2019, 2020):
                parsed = demo.nilai_target(ind.get(f"realisasi_{tahun}"))
                if parsed:
                    RealisasiKinerja.objects.create(
                        indikator=indikator, tahun=tahun, periode=Periode.TAHUNAN, nilai=parsed[0], nilai_teks=parsed[1]
                    )


@transaction.atomic
def muat_demo():
    """Load the whole demo once; returns the demo log-ins. A second call changes nothing."""
    pemda_data = demo.baca_json("pemda.json")
    if Pemda.objects.filter(kode=pemda_data["pemda"]["kode"]).exists():
        pemda = Pemda.objects.get(kode=pemda_data["pemda"]["kode"])
        return demo.muat_pengguna(pemda, pemda_data), False
    pemda, pemda_data = demo.muat_pemda()
    for info in pemda_data["opd"]:
        opd, renja, pohon = demo.muat_opd_demo(pemda, info)
        if riwayat := demo.berkas_opsional(info["folder"], "evaluasi.json"):
            muat_riwayat(opd, riwayat, pohon)
        if definisi := demo.berkas_opsional(info["folder"], "definisi.json"):
            demo.muat_definisi(opd, definisi, pohon)
    return demo.muat_pengguna(pemda, pemda_data), True
