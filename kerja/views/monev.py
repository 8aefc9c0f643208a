"""Quarterly monitoring screens: the OPD's monev grid of a Renja and its saves, the triwulan
report's workflow buttons, Bappeda's notes and reopenings; Bappeda's schedule and city view."""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from evaluasi import bukti
from evaluasi.models import CatatanMonev, JadwalMonev, LaporanTriwulan
from evaluasi.monev import ROMAWI, TRIWULAN, buka_kembali, capaian_triwulan, hari_ini, keadaan_banyak, keadaan_renja
from kerja import alur, monev
from kerja.riwayat import baris_panel, riwayat_monev
from kerja.views.dasar import JsonMixin, jawab_simpan, json_galat
from laporan.grafik import grafik_batang
from renja import akses
from renja.angka import bulatkan
from renja.galat import SimpanGagal
from renja.models import Indikator, Pemda, Renja, RenjaSubKegiatan
from renja.views import RenjaMixin

BATAS_CATATAN = 4000


def _periode(request, data=None):
    value = (data or request.GET).get("tw", "")
    return value if value in ROMAWI else TRIWULAN[0]


def _kembali(renja, periode):
    return redirect(reverse("kerja:monev", args=[renja.opd.singkatan, renja.tahun]) + f"?tw={periode}")


class MonevView(RenjaMixin, TemplateView):
    """The monev grid of a Renja year; read-only for who may see but not change it, and for a
    locked triwulan; Bappeda's decisions and notes for the triwulan shown."""

    template_name = "kerja/monev.html"

    def get_context_data(self, **kwargs):
        renja, user = self.get_renja(), self.request.user
        periode = _periode(self.request)
        keadaan = keadaan_renja(renja)
        baris, catatan_umum = monev.susun_monev(renja, periode)
        boleh_ubah = akses.boleh_ubah(user, renja)
        kunci = {p: k.kunci() for p, k in keadaan.items()}
        jumlah_bukti = bukti.jumlah_per_indikator(renja, periode)
        for row in baris:
            row.bukti = jumlah_bukti.get(getattr(row.indikator, "pk", None), 0)
            for sel in row.semua_sel():
                sel.ubah = boleh_ubah and not kunci[sel.periode]
        evaluasi = Renja.objects.filter(opd=renja.opd_id, tahun=renja.tahun + 1).first()
        context = {
            "renja": renja,
            "periode": periode,
            "romawi": ROMAWI[periode],
            "keadaan": keadaan[periode],
            "triwulan": [(p, ROMAWI[p], keadaan[p], kunci[p]) for p in TRIWULAN],
            "boleh_ubah": boleh_ubah,
            "dapat_diisi": boleh_ubah and any(not k for k in kunci.values()),
            "boleh_review": akses.boleh_review(user, renja),
            "aksi": {k: alur.boleh_monev(user, renja, keadaan[periode], k) for k in alur.AKSI_MONEV},
            "baris": baris,
            "catatan_umum": catatan_umum,
            "penjelasan": monev.PENJELASAN,
            "evaluasi": evaluasi,
            "hari_ini": hari_ini(),
        }
        return {**super().get_context_data(**kwargs), **context}


class SimpanMonevView(JsonMixin, View):
    """POST {"tw": "tw1", "perubahan": [{kolom, id, nilai, versi, baris}, …]} → the cells saved,
    all or none, and the server's figures of the rows touched."""

    def post(self, request, *args, **kwargs):
        renja = self.get_renja()
        try:
            data = json.loads(request.body)
            periode = _periode(request, data)
        except (ValueError, KeyError, TypeError, AttributeError):
            return json_galat("Permintaan tidak dapat dibaca.", 400)
        lembar = monev.LembarMonev(renja, request.user, periode)

        def hitung(hasil):
            objek = {h.kolom: monev.LembarMonev.KOLOM[h.kolom].objek for h in hasil}
            ids = {h.id for h in hasil if objek[h.kolom] == "kinerja"}
            subs = {h.id for h in hasil if objek[h.kolom] == "anggaran"}
            return {"hitung": monev.angka_baru(renja, ids, subs)}

        return jawab_simpan(request.body, lembar.simpan, lembar.kunci_objek, hitung)


class RiwayatMonevView(RenjaMixin, TemplateView):
    """The history of a monev row (an indicator, or a sub kegiatan's realisasi anggaran), as a
    fragment for the side panel."""

    template_name = "kerja/_riwayat.html"

    def get_context_data(self, **kwargs):
        renja, objek, pk = self.get_renja(), self.kwargs["objek"], self.kwargs["pk"]
        if objek not in ("sub", "indikator"):
            raise Http404
        try:
            entries = riwayat_monev(renja, objek, pk)
        except ObjectDoesNotExist:
            raise Http404 from None
        if objek == "sub":  # the panel names the row by its Renja item
            pk = RenjaSubKegiatan.objects.filter(renja=renja, sub_kegiatan=pk).values_list("pk", flat=True).first()
        baris = baris_panel(renja, objek, pk)
        return {**super().get_context_data(**kwargs), "riwayat": entries, "baris": baris}


class AksiMonevView(RenjaMixin, View):
    """POST: the action in the URL on the triwulan report in the URL; back to the grid."""

    def post(self, request, *args, **kwargs):
        renja, periode = self.get_renja(), kwargs["tw"]
        if periode not in ROMAWI:
            raise Http404
        try:
            pesan = alur.jalankan_monev(renja, periode, request.user, kwargs["aksi"], request.POST.get("alasan", ""))
        except alur.AksiDitolak as error:
            for text in error.pesan:
                messages.error(request, text)
        else:
            messages.success(request, pesan)
        return _kembali(renja, periode)


class CatatanMonevView(RenjaMixin, View):
    """POST indikator, isi: Bappeda's note on one indicator's row of the triwulan report."""

    def post(self, request, *args, **kwargs):
        renja, periode = self.get_renja(), kwargs["tw"]
        if periode not in ROMAWI:
            raise Http404
        if not akses.boleh_review(request.user, renja):
            raise PermissionDenied("Hanya reviewer Bappeda yang menulis catatan laporan triwulan.")
        isi = (request.POST.get("isi") or "").strip()
        try:
            indikator = Indikator.objects.for_renja(renja).get(pk=int(request.POST.get("indikator", "")))
        except (ValueError, Indikator.DoesNotExist):
            messages.error(request, "Pilih indikator Renja ini untuk catatan.")
            return _kembali(renja, periode)
        if not isi or len(isi) > BATAS_CATATAN:
            messages.error(request, f"Isi catatan wajib diisi, paling banyak {BATAS_CATATAN} huruf.")
            return _kembali(renja, periode)
        laporan, _ = LaporanTriwulan.objects.get_or_create(renja=renja, periode=periode)
        CatatanMonev.objects.create(laporan=laporan, indikator=indikator, penulis=request.user, isi=isi)
        messages.success(request, f"Catatan pada '{indikator.nama[:60]}' disimpan.")
        return _kembali(renja, periode)


def _tanggal(text):
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


class BukaKembaliView(RenjaMixin, View):
    """POST alasan, sampai: Bappeda reopens a closed triwulan for this OPD (recorded)."""

    def post(self, request, *args, **kwargs):
        renja, periode = self.get_renja(), kwargs["tw"]
        if periode not in ROMAWI:
            raise Http404
        sampai = _tanggal(request.POST.get("sampai"))
        try:
            buka_kembali(renja, periode, request.user, request.POST.get("alasan"), sampai)
        except SimpanGagal as error:
            for text in error.pesan:
                messages.error(request, text)
        else:
            messages.success(request, f"Triwulan {ROMAWI[periode]} dibuka kembali sampai {sampai:%d-%m-%Y}.")
        return _kembali(renja, periode)


def _pemda_bappeda(user):
    if not akses.bappeda(user):
        raise PermissionDenied("Halaman ini untuk reviewer Bappeda.")
    return Pemda.objects.filter(pk__in=akses.opd_review(user).values("pemda")).order_by("nama").first()


class JadwalView(LoginRequiredMixin, TemplateView):
    """Bappeda's schedule of a year: per triwulan when entry opens and closes."""

    template_name = "kerja/monev_jadwal.html"

    def get_context_data(self, **kwargs):
        pemda, tahun = _pemda_bappeda(self.request.user), self.kwargs["tahun"]
        jadwal = {j.periode: j for j in JadwalMonev.objects.filter(pemda=pemda, tahun=tahun)}
        baris = [(p, ROMAWI[p], jadwal.get(p)) for p in TRIWULAN]
        return {**super().get_context_data(**kwargs), "tahun": tahun, "pemda": pemda, "baris": baris}

    def post(self, request, *args, **kwargs):
        pemda, tahun = _pemda_bappeda(request.user), kwargs["tahun"]
        salah, isian = [], []
        for p in TRIWULAN:
            dibuka, ditutup = request.POST.get(f"dibuka_{p}", ""), request.POST.get(f"ditutup_{p}", "")
            if not dibuka and not ditutup:
                isian.append((p, None, None))
                continue
            a, b = _tanggal(dibuka), _tanggal(ditutup)
            if a is None or b is None:
                salah.append(f"Triwulan {ROMAWI[p]}: isi tanggal dibuka dan ditutup ('{dibuka}', '{ditutup}').")
            elif a > b:
                salah.append(f"Triwulan {ROMAWI[p]}: tanggal dibuka {a:%d-%m-%Y} sesudah tanggal ditutup {b:%d-%m-%Y}.")
            isian.append((p, a, b))
        if salah:
            for text in salah:
                messages.error(request, text)
            return self.render_to_response(self.get_context_data(), status=400)
        for p, a, b in isian:
            if a is None:
                JadwalMonev.objects.filter(pemda=pemda, tahun=tahun, periode=p).delete()
            else:
                JadwalMonev.objects.update_or_create(
                    pemda=pemda, tahun=tahun, periode=p, defaults={"dibuka": a, "ditutup": b}
                )
        messages.success(request, f"Jadwal monev {tahun} disimpan.")
        return redirect("monev-jadwal", tahun)


class KotaView(LoginRequiredMixin, TemplateView):
    """Bappeda's city view of a year: per OPD and triwulan the report's status, whether it is
    late against the schedule, and the capaian (mean of kolom 13) with its predikat; a chart of
    the latest triwulan. A fixed number of queries whatever the number of OPDs."""

    template_name = "kerja/monev_kota.html"

    def get_context_data(self, **kwargs):
        user, tahun = self.request.user, self.kwargs["tahun"]
        if not akses.bappeda(user):
            raise PermissionDenied("Halaman ini untuk reviewer Bappeda.")
        daftar = list(
            Renja.objects.filter(tahun=tahun, opd__in=akses.opd_review(user))
            .select_related("opd", "renstra")
            .order_by("opd__kode")
        )
        keadaan, capaian, hari = keadaan_banyak(daftar), capaian_triwulan(daftar), hari_ini()
        baris = [
            (r, [(keadaan[r.pk][p], keadaan[r.pk][p].terlambat(hari), capaian[r.pk][p]) for p in TRIWULAN])
            for r in daftar
        ]
        terakhir = next((p for p in reversed(TRIWULAN) if any(keadaan[r.pk][p].laporan for r in daftar)), TRIWULAN[0])
        grafik = grafik_batang(
            [(r.opd.singkatan, [bulatkan(capaian[r.pk][terakhir].rata_rata.hasil.nilai)]) for r in daftar]
        )
        context = {
            "tahun": tahun,
            "baris": baris,
            "triwulan": [ROMAWI[p] for p in TRIWULAN],
            "grafik": grafik,
            "grafik_judul": f"Rata-rata capaian kinerja Triwulan {ROMAWI[terakhir]} (s/d) per Perangkat Daerah (%)",
        }
        return {**super().get_context_data(**kwargs), **context}
