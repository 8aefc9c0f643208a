"""Import of a Pemda's list of Perangkat Daerah: Kode SKPD, Nama, Singkatan, Bidang Urusan (one
or more codes or names) and Unit Kerja (one or more, separated by ';'). A row creates the OPD of
its Kode SKPD or updates it (name, singkatan, bidang urusan); unit kerja missing from the OPD are
created. Nothing is deleted: an OPD or unit kerja that is not in the file stays (plans point at
them). The dry run names each OPD baru / berubah / sama and every problem by row, column and
value; the file is written whole or not at all (renja.impor)."""

import hashlib
import re

from django.db import transaction

from renja import kode as kodefikasi
from renja.berkas import BerkasTidakSah, Kolom
from renja.impor import (
    BARU,
    BERUBAH,
    GALAT,
    SAMA,
    BarisImpor,
    HasilImpor,
    baris_daftar,
    catat_impor,
    teks_sel,
    tolak_bila_galat,
)
from renja.models import Impor, Nomenklatur, PerangkatDaerah, UnitKerja
from renja.sel import SelTidakSah
from renja.teks import kunci_nama

KOLOM = [
    Kolom("kode", "Kode SKPD", ("kode skpd", "kode opd", "kode perangkat daerah", "kode")),
    Kolom("nama", "Nama", ("nama skpd", "nama opd", "nama perangkat daerah", "nama")),
    Kolom("singkatan", "Singkatan", ("singkatan", "akronim")),
    Kolom("bidang", "Bidang Urusan", ("bidang urusan", "urusan")),
    Kolom("unit", "Unit Kerja", ("unit kerja", "unit organisasi"), wajib=False),
]
LABEL = {k.kunci: k.label for k in KOLOM}
AWALAN_BIDANG = re.compile(r"^urusan pemerintahan (bidang|fungsi penunjang) ", re.IGNORECASE)


class _Bidang:
    """The bidang urusan of the Pemda's nomenclature version, found by code or by name."""

    def __init__(self, versi):
        self.versi = versi
        self.by_kode, self.by_nama = {}, {}
        for node in Nomenklatur.objects.filter(versi=versi, level=kodefikasi.BIDANG_URUSAN):
            self.by_kode[node.kode] = node
            for name in (node.nama, AWALAN_BIDANG.sub("", node.nama)):
                self.by_nama[kunci_nama(name)] = node

    def baca(self, raw):
        """The bidang urusan nodes a cell names and the warnings of reading it."""
        if isinstance(raw, float):
            raise SelTidakSah(
                f"sel berisi angka {raw!r}, bukan teks: kode bidang urusan dapat terbaca keliru (5.10 menjadi 5.1); "
                "format sel sebagai teks"
            )
        nodes, warnings = [], []
        for part in re.split(r"[;\n]+", str(raw)):
            part = part.strip()
            if not part:
                continue
            node = self._nama(part, exact=True)
            if node:
                nodes.append(node)
                continue
            for piece in (p.strip() for p in part.split(",")):
                if piece:
                    node, warning = self._satu(piece)
                    nodes.append(node)
                    warnings += warning
        if not nodes:
            raise SelTidakSah("bidang urusan kosong: tulis kodenya (mis. 5.01) atau namanya")
        return list(dict.fromkeys(nodes)), warnings

    def _satu(self, text):
        if re.fullmatch(r"[\d.\s]+", text):
            try:
                kode = kodefikasi.normalisasi_kode(text, self.versi.panjang_sub_kegiatan)
            except kodefikasi.KodeTidakValid as error:
                raise SelTidakSah(" ".join(error.messages)) from None
            if kodefikasi.level_kode(kode) != kodefikasi.BIDANG_URUSAN:
                level = kodefikasi.LEVEL_LABEL[kodefikasi.level_kode(kode)].lower()
                raise SelTidakSah(f"kode {kode} adalah {level}, bukan bidang urusan (tulis dua segmen, mis. 5.01)")
            if kode not in self.by_kode:
                raise SelTidakSah(f"bidang urusan {kode} tidak ada pada nomenklatur {self.versi.kode}")
            return self.by_kode[kode], []
        node = self._nama(text, exact=False)
        return node, [f"'{text}' dibaca sebagai bidang urusan {node.kode} {node.nama}"]

    def _nama(self, text, exact):
        key = kunci_nama(AWALAN_BIDANG.sub("", text))
        if key in self.by_nama:
            return self.by_nama[key]
        if exact:
            return None
        found = {n for k, n in self.by_nama.items() if key and key in k}
        if len(found) == 1:
            return found.pop()
        if found:
            names = ", ".join(sorted(f"{n.kode} {n.nama}" for n in found)[:4])
            raise SelTidakSah(f"'{text}' cocok dengan beberapa bidang urusan ({names}); tulis kodenya")
        raise SelTidakSah(f"'{text}' bukan kode atau nama bidang urusan pada nomenklatur {self.versi.kode}")


def kode_unit(nama, terpakai):
    """A unit kerja code made from its name (upper case, letters and digits joined by '-'), unique
    among ``terpakai``."""
    base = re.sub(r"[^A-Z0-9]+", "-", nama.upper()).strip("-")[:26] or "UNIT"
    kode, n = base, 2
    while kode in terpakai:
        kode, n = f"{base}-{n}", n + 1
    return kode


def _unit(raw):
    names = [teks_sel(p, "unit kerja", panjang=200) for p in re.split(r"[;\n]+", str(raw or ""))]
    return list(dict.fromkeys(n for n in names if n))


def _kunci_kode(text):
    return re.sub(r"\s+", "", text)


def _ringkas(nama, singkatan, bidang, unit):
    return f"{singkatan} – {nama} | bidang {', '.join(sorted(bidang))} | unit kerja: {'; '.join(unit) or '–'}"


def periksa(pemda, data, nama_berkas, tahun=None, maju=None):
    """The dry run: one line per OPD of the file (baru / berubah / sama) and one per problem."""
    bidang = _Bidang(pemda.nomenklatur_versi)
    existing = {
        _kunci_kode(o.kode): o
        for o in PerangkatDaerah.objects.filter(pemda=pemda).prefetch_related("bidang_urusan", "unit_kerja")
    }
    singkatan_lain = {o.singkatan.lower(): o for o in existing.values()}
    rows, kode_di, singkatan_di = [], {}, {}
    for nomor, cell in baris_daftar(data, nama_berkas, KOLOM, maju):
        values, problems = {}, []
        for key, panjang in (("kode", 40), ("nama", 200), ("singkatan", 30)):
            try:
                values[key] = teks_sel(cell(key), LABEL[key], wajib=True, panjang=panjang)
            except SelTidakSah as error:
                problems.append(BarisImpor(nomor, LABEL[key], cell(key), GALAT, str(error)))
        warnings = []
        try:
            values["bidang"], warnings = bidang.baca(cell("bidang") if cell("bidang") is not None else "")
        except SelTidakSah as error:
            problems.append(BarisImpor(nomor, LABEL["bidang"], cell("bidang"), GALAT, str(error)))
        try:
            values["unit"] = _unit(cell("unit"))
        except SelTidakSah as error:
            problems.append(BarisImpor(nomor, LABEL["unit"], cell("unit"), GALAT, str(error)))
        if values.get("singkatan") and not re.fullmatch(r"[A-Za-z0-9._-]+", values["singkatan"]):
            message = "singkatan hanya boleh huruf, angka, titik, '-' dan '_' tanpa spasi (dipakai pada alamat halaman)"
            problems.append(BarisImpor(nomor, "Singkatan", cell("singkatan"), GALAT, message))
            values.pop("singkatan")
        kode = _kunci_kode(values.get("kode", ""))
        if kode:
            if kode in kode_di:
                problems.append(
                    BarisImpor(nomor, "Kode SKPD", cell("kode"), GALAT, f"kode sudah ada pada baris {kode_di[kode]}")
                )
            kode_di.setdefault(kode, nomor)
        singkatan = values.get("singkatan", "").lower()
        if singkatan:
            holder = singkatan_lain.get(singkatan)
            if singkatan in singkatan_di:
                message = f"singkatan sudah dipakai pada baris {singkatan_di[singkatan]}"
            elif holder is not None and _kunci_kode(holder.kode) != kode:
                message = f"singkatan sudah dipakai oleh {holder.nama} (kode {holder.kode})"
            else:
                message = ""
            if message:
                problems.append(BarisImpor(nomor, "Singkatan", cell("singkatan"), GALAT, message))
            singkatan_di.setdefault(singkatan, nomor)
        if problems:
            rows += problems
            continue
        rows.append(_baris(nomor, cell("kode"), values, existing.get(kode), warnings))
    if not rows:
        raise BerkasTidakSah("Berkas tidak berisi baris Perangkat Daerah di bawah judul kolom.")
    return HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), rows)


def _baris(nomor, raw, values, opd, warnings):
    bidang = {n.kode for n in values["bidang"]}
    line = BarisImpor(nomor, "Kode SKPD", raw, BARU, sasaran=opd, nilai=values, peringatan=warnings)
    if opd is None:
        line.baru = _ringkas(values["nama"], values["singkatan"], bidang, values["unit"])
        return line
    units = {kunci_nama(u.nama) for u in opd.unit_kerja.all()}
    values["unit_baru"] = [u for u in values["unit"] if kunci_nama(u) not in units]
    if values["singkatan"].lower() == opd.singkatan.lower():
        values["singkatan"] = opd.singkatan  # a change of letter case only would change the OPD's URLs
    old_bidang = {n.kode for n in opd.bidang_urusan.all()}
    old_unit = [u.nama for u in opd.unit_kerja.all()]
    line.lama = _ringkas(opd.nama, opd.singkatan, old_bidang, old_unit)
    line.baru = _ringkas(values["nama"], values["singkatan"], bidang, old_unit + values["unit_baru"])
    line.status = SAMA if line.lama == line.baru else BERUBAH
    return line


def terapkan(pemda, user, data, nama_berkas, tahun=None, hasil=None):
    """Create and update the OPDs of the file in one transaction, or nothing while any row has a
    problem; returns the Impor."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(pemda, data, nama_berkas)
    tolak_bila_galat(hasil, "isian")
    with transaction.atomic():
        impor, _ = catat_impor(hasil, Impor.Jenis.OPD, pemda, user)
        for line in hasil.baris:
            if line.status not in (BARU, BERUBAH):
                continue
            values = line.nilai
            opd = line.sasaran or PerangkatDaerah(pemda=pemda, kode=values["kode"])
            opd.nama, opd.singkatan = values["nama"], values["singkatan"]
            opd.save()
            opd.bidang_urusan.set(values["bidang"])
            terpakai = set(opd.unit_kerja.values_list("kode", flat=True)) if line.sasaran else set()
            units = []
            for nama in values.get("unit_baru", values["unit"]):
                units.append(UnitKerja(opd=opd, kode=kode_unit(nama, terpakai), nama=nama))
                terpakai.add(units[-1].kode)
            UnitKerja.objects.bulk_create(units)
    return impor


def baris_templat(pemda):
    """The Pemda's OPDs as rows of the template (so that the list can be edited and imported back)."""
    opd = PerangkatDaerah.objects.filter(pemda=pemda).prefetch_related("bidang_urusan", "unit_kerja")
    return [
        [
            o.kode,
            o.nama,
            o.singkatan,
            ", ".join(sorted(b.kode for b in o.bidang_urusan.all())),
            "; ".join(u.nama for u in o.unit_kerja.all()),
        ]
        for o in opd
    ]
