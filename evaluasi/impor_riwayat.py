"""Import kind ``riwayat``: Tabel 2.1 (T-C.29, spec §2.1) of an OPD's Renja n from the file the
OPD has, into the records the T-C.29 builder reads (evaluasi.rekap): kolom 4 the end-of-Renstra
target (Target akhir_renstra of the Renstra's last year), kolom 5 the realisasi s/d n-3 (a
yearly realisasi of n-3, less what earlier years of the Renstra already hold), kolom 6 and 7
target and realisasi n-2, kolom 9 target n-1. Kolom 8, 10 and 11 are not taken: the app
computes them by sifat and polaritas (evaluasi.capaian), and the dry run says where the file's
figure differs.

Codes: a current code is checked against the master (renja.impor_rencana.Kamus); a
pre-Permendagri-90 code finds or creates a node of the Pemda's legacy tree (renja.lama), its
level from the file's context. Indicators are matched to the node's existing one only when
exactly one has the same name after ``kunci_nama``; otherwise a history-only indicator (no target
Renja n) is created, and the dry run says so, naming the node's other indicators.
"""

import hashlib

from django.db import transaction
from django.db.models import Prefetch, Q
from simple_history.utils import bulk_create_with_history

from evaluasi.models import RealisasiKinerja
from evaluasi.riwayat_baris import DIHITUNG, MODEL, Pembaca
from evaluasi.riwayat_kolom import kolom_nilai, sub_kepala
from renja import lama
from renja.berkas import BerkasTidakSah, Kemajuan, Kolom, baca_berkas, cari_kolom
from renja.impor import BARU, BATCH, BERUBAH, GALAT, HasilImpor, baris_nomor_kolom, catat_impor, tolak_bila_galat
from renja.impor_rencana import Kamus, KodeGanda
from renja.kunci import alasan_terkunci_semua
from renja.models import Impor, Indikator, Kegiatan, Periode, Program, Renstra, SubKegiatan, Target
from renja.struktur import node_opd

__all__ = ["DIHITUNG", "KOLOM", "periksa", "terapkan"]

KOLOM = [
    Kolom("kode", "Kode", ("kode",)),
    Kolom("nama", "Program/Kegiatan/Sub Kegiatan", ("urusan", "uraian"), wajib=False),
    Kolom("indikator", "Indikator", ("indikator",)),
    Kolom("satuan", "Satuan", ("satuan",), wajib=False),
    Kolom("sifat", "Sifat", ("sifat",), wajib=False),
    Kolom("polaritas", "Polaritas", ("polaritas",), wajib=False),
]


class _Data:
    """What the OPD has now, read once: its nodes, their indicators, the master and the Pemda's
    legacy tree, and of each indicator only the values a Tabel 2.1 of Renja ``n`` under
    ``renstra`` writes: the end-of-Renstra target, the Renja targets n-2 and n-1, the yearly
    realisasi."""

    def __init__(self, opd, renstra, n):
        self.opd = opd
        self.kamus = Kamus(opd.pemda.nomenklatur_versi)
        versi = lama.versi_lama(opd.pemda)
        self.lama = {n.kode: n for n in versi.nomenklatur.select_related("induk")} if versi else {}
        self.node = {}
        for model in MODEL.values():
            lookup = {Program: "opd", Kegiatan: "program__opd", SubKegiatan: "kegiatan__program__opd"}[model]
            for obj in model.objects.filter(**{lookup: opd}):
                self.node[obj.nomenklatur_id] = obj
        self.indikator = {}
        target = Target.objects.filter(
            Q(jenis=Target.Jenis.AKHIR_RENSTRA, tahun=renstra.tahun_akhir)
            | Q(jenis=Target.Jenis.RENJA, tahun__in=(n - 2, n - 1))
        )
        realisasi = RealisasiKinerja.objects.filter(periode=Periode.TAHUNAN)
        for ind in (
            Indikator.objects.for_opd(opd)
            .filter(tujuan=None, sasaran=None)
            .prefetch_related(Prefetch("target", queryset=target), Prefetch("realisasi", queryset=realisasi))
        ):
            self.indikator.setdefault((ind.level, getattr(ind, f"{ind.level}_id")), []).append(ind)
        self.bidang = set(opd.bidang_urusan.values_list("kode", flat=True))


def _renstra(opd, n):
    renstra = Renstra.objects.filter(opd=opd, tahun_awal__lte=n, tahun_akhir__gte=n).first()
    if renstra is None:
        raise BerkasTidakSah(
            f"{opd.singkatan} belum mempunyai Renstra yang mencakup tahun {n}: buat atau impor Renstra-nya dulu. "
            "Tidak ada yang disimpan."
        )
    return renstra


def periksa(opd, data, nama_berkas, tahun, maju=None):
    """The dry run of a Tabel 2.1 file of ``opd`` for Renja ``tahun`` (n): a line per node,
    indicator and value (baru / berubah / sama / kosong / galat), and a ``dihitung`` line per
    printed kolom 8, 10 or 11 that differs from the app's figure. Nothing is written."""
    if not tahun:
        raise BerkasTidakSah("Isi tahun Renja (tahun n) untuk impor riwayat Tabel 2.1.")
    renstra = _renstra(opd, tahun)
    ada = _Data(opd, renstra, tahun)
    sheets = baca_berkas(data, nama_berkas, maju=maju)
    kemajuan = Kemajuan(sheets, maju)
    rows, errors = [], []
    ganda = KodeGanda()
    for sheet in sheets:
        try:
            header, found = cari_kolom(sheet.baris, KOLOM)
            kolom = kolom_nilai(sheet.baris, header, found, tahun)
        except BerkasTidakSah as error:
            errors.append(error)
            continue
        baca = Pembaca(opd, renstra, tahun, ada, ganda, kolom)
        awal = header + 1 + sub_kepala(sheet.baris, header, found)
        for index in range(awal, len(sheet.baris)):
            row = sheet.baris[index]
            kemajuan.satu()
            if all(v in (None, "") for v in row) or (index == awal and baris_nomor_kolom(row)):
                continue

            def cell(key, row=row, found=found):
                col = found.get(key)
                return row[col] if col is not None and col < len(row) else None

            rows.extend(baca.baris(index + 1, row, cell))
    if errors and not rows:
        raise errors[0]
    kemajuan.tuntas()
    _kunci(rows)
    return HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), rows)


def _kunci(rows):
    """A new or changed target of a Renja or Renstra that is not open is an error naming why
    (renja.kunci), as a new indicator on a node of a closed Renja."""
    cek, lines = [], []
    for line in rows:
        tulis = line.nilai.get("tulis") if line.status in (BARU, BERUBAH) else None
        if tulis and tulis["model"] is Target and line.nilai["ind"]["obj"]:
            cek.append(Target(indikator=line.nilai["ind"]["obj"], jenis=tulis["jenis"], tahun=tulis["tahun"]))
            lines.append(line)
        elif (
            "ind" in line.nilai and "key" not in line.nilai and line.status == BARU and line.nilai["ind"]["node"]["obj"]
        ):
            node = line.nilai["ind"]["node"]
            cek.append(Indikator(**{node["level"]: node["obj"]}))
            lines.append(line)
    for line, alasan in zip(lines, alasan_terkunci_semua(cek), strict=True):
        if alasan:
            line.status, line.pesan = GALAT, alasan


def terapkan(opd, user, data, nama_berkas, tahun, hasil=None):
    """Check the file again and, when no line has an error, write every new and changed node,
    indicator, target and realisasi in one transaction with history "impor #N …"; returns the Impor."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(opd, data, nama_berkas, tahun)
    tolak_bila_galat(hasil, "baris")
    with transaction.atomic():
        impor, alasan = catat_impor(hasil, Impor.Jenis.RIWAYAT, opd, user)
        baru, ingat = {Target: [], RealisasiKinerja: []}, {}
        for line in hasil.baris:
            if "node" in line.nilai:
                _simpan_node(opd, line.nilai["node"], user, alasan, ingat)
            elif "ind" in line.nilai and "key" not in line.nilai:
                _simpan_indikator(line.nilai["ind"], user, alasan)
            elif line.status in (BARU, BERUBAH):
                obj = _simpan_nilai(line.nilai, user, alasan)
                if obj is not None:
                    baru[type(obj)].append(obj)
        for model, objs in baru.items():  # new values in bulk: each checked by the dry run, none stored before
            bulk_create_with_history(objs, model, batch_size=BATCH, default_user=user, default_change_reason=alasan)
    return impor


def _simpan_node(opd, node, user, alasan, ingat):
    if node["obj"] is not None:
        return
    if node["lama"]:
        induk = node["induk"]["nom"] if node.get("induk") else None
        node["nom"] = lama.node_lama(opd.pemda, node["kode"], node["nama"], node["level"], induk)
    node["obj"] = node_opd(opd, node["nom"], user, alasan, ingat)
    if node["alias"] and not node["obj"].nama_alias:
        node["obj"].nama_alias = node["alias"]
        _simpan(node["obj"], user, alasan)


def _simpan_indikator(ind, user, alasan):
    if ind["obj"] is not None:
        return
    node = ind["node"]
    obj = Indikator(
        **{node["level"]: node["obj"]},
        nama=ind["nama"],
        satuan=ind["satuan"],
        tipe_nilai=ind["tipe"],
        sifat=ind["sifat"],
        polaritas=ind["polaritas"],
        metode_negatif=ind["metode_negatif"],
        urutan=ind["urutan"],
    )
    ind["obj"] = _simpan(obj, user, alasan)


def _simpan_nilai(nilai, user, alasan):
    """A changed value saved now; a new one returned unsaved for the bulk insert."""
    tulis, ind = nilai["tulis"], nilai["ind"]["obj"]
    old = tulis["lama"]
    if tulis["model"] is Target:
        obj = old or Target(indikator=ind, jenis=tulis["jenis"], tahun=tulis["tahun"])
    else:
        obj = old or RealisasiKinerja(indikator=ind, tahun=tulis["tahun"], periode=Periode.TAHUNAN)
    obj.nilai, obj.nilai_teks = tulis["nilai"], tulis["nilai_teks"]
    if old is None:
        return obj  # new: written in bulk by the caller
    obj.versi += 1  # a grid holding the old version must not overwrite the imported value
    _simpan(obj, user, alasan)
    return None


def _simpan(obj, user, alasan):
    obj._history_user, obj._change_reason = user, alasan
    obj.save()
    return obj
