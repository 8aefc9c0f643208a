"""Load the demo Pemda (Kota Serang) and the plan part of each OPD's demo Renja from
fixtures/demo (see fixtures/demo/bappeda-2022/SKEMA.md and fixtures/README.md).

The JSON files are the project's own conversion of the seed document; nothing here reads
outside the project.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from renja.models import (
    BagianNarasi,
    Indikator,
    IndikatorPelayanan,
    Keanggotaan,
    Kegiatan,
    NilaiPelayanan,
    Nomenklatur,
    NomenklaturVersi,
    Pemda,
    PerangkatDaerah,
    Program,
    ProgramPrioritas,
    RancanganAwal,
    RancanganAwalIndikator,
    RencanaPendapatan,
    Renja,
    RenjaSubKegiatan,
    Renstra,
    Sasaran,
    SubKegiatan,
    SumberDana,
    Target,
    Tujuan,
    UnitKerja,
    UsulanPemangku,
    UsulanRenjaKL,
)
from renja.nomenklatur import VERSI_KABKOTA, muat_nomenklatur
from renja.teks import kunci_nama

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


class DemoError(ValueError):
    pass


def baca_json(*parts):
    path = DEMO_DIR.joinpath(*parts)
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def nilai_target(raw):
    """Split a JSON value into (Decimal, "") or (None, text)."""
    if raw is None:
        return None
    text = str(raw).strip()
    try:
        return Decimal(text), ""
    except ArithmeticError:
        return None, text


def uang(raw):
    return None if raw in (None, "") else Decimal(str(raw))


class Pohon:
    """Finds or creates an OPD's program/kegiatan/sub kegiatan rows from master codes."""

    def __init__(self, opd):
        self.opd = opd
        self.versi = opd.pemda.nomenklatur_versi
        self.cache = {}

    def master(self, kode):
        try:
            return Nomenklatur.objects.get(versi=self.versi, kode=kode)
        except Nomenklatur.DoesNotExist:
            raise DemoError(f"Kode {kode} tidak ada di nomenklatur {self.versi.kode}.") from None

    def node(self, kode, nama_alias=""):
        if kode in self.cache:
            return self.cache[kode]
        master = self.master(kode)
        segments = kode.split(".")
        if len(segments) == 3:
            obj, _ = Program.objects.get_or_create(opd=self.opd, nomenklatur=master)
        elif len(segments) == 5:
            obj, _ = Kegiatan.objects.get_or_create(program=self.node(".".join(segments[:3])), nomenklatur=master)
        elif len(segments) == 6:
            obj, _ = SubKegiatan.objects.get_or_create(kegiatan=self.node(".".join(segments[:5])), nomenklatur=master)
        else:
            raise DemoError(f"Kode {kode} bukan kode program, kegiatan atau sub kegiatan.")
        if nama_alias and nama_alias != obj.nama_alias:
            obj.nama_alias = nama_alias
            obj.save(update_fields=["nama_alias"])
        self.cache[kode] = obj
        return obj


def pemilik_kwargs(obj):
    field = {
        Tujuan: "tujuan",
        Sasaran: "sasaran",
        Program: "program",
        Kegiatan: "kegiatan",
        SubKegiatan: "sub_kegiatan",
    }[type(obj)]
    return {field: obj}


def buat_indikator(owner, data, urutan):
    return Indikator.objects.create(
        **pemilik_kwargs(owner),
        urutan=urutan,
        nama=data["nama"],
        satuan=data.get("satuan") or "",
        tipe_nilai=data["tipe"],
        sifat=data["sifat"],
        polaritas=data.get("polaritas", "positif"),
        metode_negatif=data.get("metode_negatif", ""),
        skala_kategori=data.get("skala") or [],
    )


def simpan_target(indikator, tahun, jenis, raw):
    parsed = nilai_target(raw)
    if parsed is None:
        return None
    nilai, teks = parsed
    return Target.objects.update_or_create(
        indikator=indikator, tahun=tahun, jenis=jenis, defaults={"nilai": nilai, "nilai_teks": teks}
    )[0]


def indikator_dengan_target(owner, daftar, tahun):
    for urutan, data in enumerate(daftar, start=1):
        indikator = buat_indikator(owner, data, urutan)
        simpan_target(indikator, tahun, Target.Jenis.RENJA, data.get("target_n"))
        simpan_target(indikator, tahun + 1, Target.Jenis.PRAKIRAAN_MAJU, data.get("target_n1"))


def cari_indikator(owner, nama):
    key = kunci_nama(nama)
    for indikator in Indikator.objects.filter(**pemilik_kwargs(owner)):
        if kunci_nama(indikator.nama) == key:
            return indikator
    return None


def node_dari_kode(opd, pohon, kode):
    """Resolve 'tujuan:1', 'sasaran:1.1' or a program/kegiatan/sub kegiatan code."""
    if kode.startswith("tujuan:"):
        return Tujuan.objects.get(renstra__opd=opd, nomor=kode.split(":", 1)[1])
    if kode.startswith("sasaran:"):
        return Sasaran.objects.get(tujuan__renstra__opd=opd, nomor=kode.split(":", 1)[1])
    return pohon.node(kode)


def muat_pemda():
    muat_nomenklatur()
    data = baca_json("pemda.json")
    versi = NomenklaturVersi.objects.get(kode=VERSI_KABKOTA["kode"])
    pemda, _ = Pemda.objects.get_or_create(
        kode=data["pemda"]["kode"],
        defaults={"nama": data["pemda"]["nama"], "jenis": data["pemda"]["jenis"], "nomenklatur_versi": versi},
    )
    for item in data["sumber_dana"]:
        SumberDana.objects.get_or_create(pemda=pemda, kode=item["kode"], defaults={"nama": item["nama"]})
    return pemda, data


def muat_opd(pemda, info):
    opd = PerangkatDaerah.objects.create(
        pemda=pemda, kode=info["kode"], nama=info["nama"], singkatan=info["singkatan"], **info.get("kepala", {})
    )
    if info.get("bappeda"):
        Pemda.objects.filter(pk=pemda.pk).update(bappeda=opd)
    opd.bidang_urusan.set(Nomenklatur.objects.filter(versi=pemda.nomenklatur_versi, kode__in=info["bidang_urusan"]))
    awal, akhir = info["renstra"]
    renstra = Renstra.objects.create(opd=opd, tahun_awal=awal, tahun_akhir=akhir, nomor_dokumen=info["renstra_dokumen"])
    return opd, renstra


def muat_rencana(opd, renstra, data, status):
    """Tabel 3.1 and 3.3: tujuan, sasaran, the program tree, indicators with targets n and
    n+1, and the Renja's sub kegiatan rows. Penanggung jawab is inherited downward."""
    tahun = data["tahun"]
    pohon = Pohon(opd)
    units = {
        u["kode"]: UnitKerja.objects.create(opd=opd, kode=u["kode"], nama=u["nama"], jabatan=u.get("jabatan", ""))
        for u in data["unit_kerja"]
    }
    sumber = {s.nama: s for s in SumberDana.objects.filter(pemda=opd.pemda)}
    renja = Renja.objects.create(opd=opd, tahun=tahun, renstra=renstra, status=status)

    program_pj = {}
    for tujuan_data in data["tujuan"]:
        tujuan = Tujuan.objects.create(renstra=renstra, nomor=tujuan_data["nomor"], uraian=tujuan_data["uraian"])
        indikator_dengan_target(tujuan, tujuan_data["indikator"], tahun)
        for sasaran_data in tujuan_data["sasaran"]:
            sasaran = Sasaran.objects.create(tujuan=tujuan, nomor=sasaran_data["nomor"], uraian=sasaran_data["uraian"])
            indikator_dengan_target(sasaran, sasaran_data["indikator"], tahun)
            sasaran.program.set([pohon.node(kode) for kode in sasaran_data["program"]])
            pj = sasaran_data.get("penanggung_jawab") or tujuan_data.get("penanggung_jawab")
            for kode in sasaran_data["program"]:
                program_pj[kode] = pj

    urutan = 0
    for program_data in data["program"]:
        program = pohon.node(program_data["kode"], program_data.get("nama_dicetak", ""))
        indikator_dengan_target(program, program_data["indikator"], tahun)
        pj_program = program_data.get("penanggung_jawab") or program_pj.get(program_data["kode"])
        for kegiatan_data in program_data["kegiatan"]:
            kegiatan = pohon.node(kegiatan_data["kode"], kegiatan_data.get("nama_dicetak", ""))
            indikator_dengan_target(kegiatan, kegiatan_data["indikator"], tahun)
            pj_kegiatan = kegiatan_data.get("penanggung_jawab") or pj_program
            for sub_data in kegiatan_data["sub_kegiatan"]:
                sub = pohon.node(sub_data["kode"], sub_data.get("nama_dicetak", ""))
                indikator_dengan_target(sub, sub_data["indikator"], tahun)
                urutan += 1
                pj = sub_data.get("penanggung_jawab") or pj_kegiatan
                nama_sumber = sub_data.get("sumber_dana") or ""
                if nama_sumber and nama_sumber not in sumber:
                    raise DemoError(f"Sumber dana '{nama_sumber}' ({sub_data['kode']}) tidak ada di daftar.")
                RenjaSubKegiatan.objects.create(
                    renja=renja,
                    sub_kegiatan=sub,
                    urutan=urutan,
                    lokasi=sub_data.get("lokasi") or "",
                    pagu=uang(sub_data.get("pagu_n")),
                    pagu_maju=uang(sub_data.get("pagu_n1")),
                    sumber_dana=sumber.get(nama_sumber),
                    penanggung_jawab=units.get(pj) if pj else None,
                    catatan_penting=sub_data.get("catatan_penting") or "",
                )
    return renja, pohon


def muat_review(opd, tahun, data, pohon):
    """Tabel 2.4 (T-C.31): both halves as imported rows."""
    for urutan, row in enumerate(data["baris"], start=1):
        master = pohon.master(row["kode"])
        for bagian in RancanganAwal.Bagian.values:
            half = row.get(bagian)
            if not half:
                continue
            baris = RancanganAwal.objects.create(
                opd=opd,
                tahun=tahun,
                bagian=bagian,
                nomenklatur=master,
                urutan=urutan,
                nama=half.get("nama") or "",
                lokasi=half.get("lokasi") or "",
                pagu=uang(half.get("pagu")),
                catatan_penting=row.get("catatan_penting") or "",
            )
            for nomor, ind in enumerate(half.get("indikator", []), start=1):
                parsed = nilai_target(ind.get("target")) or (None, "")
                RancanganAwalIndikator.objects.create(
                    baris=baris,
                    urutan=nomor,
                    nama=ind["nama"],
                    satuan=ind.get("satuan") or "",
                    target=parsed[0],
                    target_teks=parsed[1],
                )


def muat_definisi(opd, data, pohon):
    """Rumusan dan definisi operasional: formula and explanation of existing indicators."""
    missing = []
    for row in data["baris"]:
        owner = node_dari_kode(opd, pohon, row["kode"])
        indikator = cari_indikator(owner, row["indikator"])
        if indikator is None:
            missing.append(f"{row['kode']}: {row['indikator']} (baris {row.get('baris')})")
            continue
        indikator.rumus = row.get("rumus") or ""
        indikator.rumus_terstruktur = row.get("rumus_terstruktur") or {}
        indikator.penjelasan = row.get("penjelasan") or ""
        indikator.save(update_fields=["rumus", "rumus_terstruktur", "penjelasan"])
    if missing:
        raise DemoError("Definisi operasional tanpa indikator yang cocok:\n" + "\n".join(missing))


def muat_pelayanan(renstra, data):
    """Tabel 2.2 (T-C.30) service indicators with target, realisasi and proyeksi per year."""
    urutan = 0
    for kelompok in data["kelompok"]:
        for row in kelompok["indikator"]:
            urutan += 1
            ind = IndikatorPelayanan.objects.create(
                renstra=renstra,
                urutan=urutan,
                kelompok=kelompok["nama"],
                kelompok_nomor=kelompok["nomor"],
                nomor=row["nomor"],
                nama=row["nama"],
                spm=row.get("spm") or "",
                ikk=row.get("ikk") or "",
                satuan=row.get("satuan") or "",
                tipe_nilai=row["tipe"],
                catatan_analisis=row.get("catatan_analisis") or "",
            )
            for jenis in NilaiPelayanan.Jenis.values:
                for tahun, raw in (row.get(jenis) or {}).items():
                    parsed = nilai_target(raw)
                    if parsed:
                        NilaiPelayanan.objects.create(
                            indikator=ind, tahun=int(tahun), jenis=jenis, nilai=parsed[0], nilai_teks=parsed[1]
                        )


def muat_bab4(renja, data, pohon):
    for nomor, row in enumerate(data.get("pendapatan", []), start=1):
        RencanaPendapatan.objects.create(
            renja=renja,
            urutan=nomor,
            kode_akun=row["kode"],
            uraian=row["uraian"],
            target=uang(row["target"]),
            keterangan=row.get("keterangan") or "",
        )
    for jenis, key in ((ProgramPrioritas.Jenis.UNGGULAN, "unggulan"), (ProgramPrioritas.Jenis.MENDESAK, "mendesak")):
        for row in data.get(key, []):
            node = pohon.node(row["kode_terkait"])
            link = {"sub_kegiatan": node} if isinstance(node, SubKegiatan) else {"kegiatan": node}
            ProgramPrioritas.objects.create(
                renja=renja,
                jenis=jenis,
                nomor=row["nomor"],
                program=row["program_unggulan"],
                indikasi_kegiatan=row["indikasi_kegiatan"],
                pagu=uang(row["pagu"]),
                keterangan=row.get("keterangan") or "",
                **link,
            )
    for nomor, row in enumerate(data.get("usulan_kl", []), start=1):
        UsulanRenjaKL.objects.create(renja=renja, urutan=nomor, **row)
    for nomor, row in enumerate(data.get("usulan_pemangku", []), start=1):
        UsulanPemangku.objects.create(renja=renja, urutan=nomor, **row)


def muat_narasi(renja, data):
    for kunci in BagianNarasi.Kunci.values:
        if data.get(kunci):
            BagianNarasi.objects.create(renja=renja, kunci=kunci, isi=data[kunci])


def muat_pengguna(pemda, data):
    User = get_user_model()
    logins = []
    for item in data["pengguna"]:
        user, created = User.objects.get_or_create(
            username=item["username"],
            defaults={"first_name": item["nama"], "is_staff": item["superuser"], "is_superuser": item["superuser"]},
        )
        if created:
            user.set_password(item["password"])
            user.save()
        opd = PerangkatDaerah.objects.get(pemda=pemda, singkatan=item["opd"]) if item["opd"] else None
        Keanggotaan.objects.get_or_create(user=user, pemda=pemda, opd=opd, peran=item["peran"])
        logins.append((item["username"], item["password"], item["nama"]))
    return logins


def berkas_opsional(folder, name):
    path = DEMO_DIR / folder / name
    return baca_json(folder, name) if path.exists() else None


@transaction.atomic
def muat_opd_demo(pemda, info):
    """Everything of one demo OPD except realisasi (loaded by evaluasi.demo)."""
    opd, renstra = muat_opd(pemda, info)
    folder = info["folder"]
    rencana = baca_json(folder, "rencana.json")
    renja, pohon = muat_rencana(opd, renstra, rencana, info["status_renja"])
    if info.get("tempat"):  # the signature of the source document (fixtures/README.md)
        Renja.objects.filter(pk=renja.pk).update(
            **opd.kepala(), tempat=info["tempat"], tanggal=date.fromisoformat(info["tanggal"])
        )
        renja.refresh_from_db()
    if review := berkas_opsional(folder, "review.json"):
        muat_review(opd, renja.tahun, review, pohon)
    if pelayanan := berkas_opsional(folder, "pelayanan.json"):
        muat_pelayanan(renstra, pelayanan)
    if bab4 := berkas_opsional(folder, "bab4.json"):
        muat_bab4(renja, bab4, pohon)
    if narasi := berkas_opsional(folder, "narasi.json"):
        muat_narasi(renja, narasi)
    return opd, renja, pohon
