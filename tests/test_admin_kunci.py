"""The admin site keeps the Renja lock: once a Renja is diajukan, diverifikasi or ditetapkan,
every admin of a row it owns is view-only, refuses changes, deletion (one, bulk, cascade) and
history reverts, and refuses new rows into it; the status itself is never set in the admin;
an indicator still in an open Renja stays editable."""

from decimal import Decimal as D

import pytest
from django.forms.models import model_to_dict

from renja import models as m
from tests.pembantu import masuk

DITUTUP = ["diajukan", "diverifikasi", "ditetapkan"]
ALASAN = "hanya dapat diubah melalui alur kerja"


def _target(renja):
    return m.Target.objects.filter(
        indikator__sub_kegiatan__renja_item__renja=renja, tahun=renja.tahun, jenis="renja", nilai__isnull=False
    ).first()


def _node(model, path, renja):
    return model.objects.filter(**{path: renja}).distinct().order_by("pk").first()


# admin (model_name) → (the row of the demo Renja BAPPEDA 2022 it shows, a form field, a new value)
KASUS = {
    "renja": (lambda r: r, "sub_kegiatan-0-pagu", "1"),
    "renjasubkegiatan": (lambda r: r.sub_kegiatan.order_by("urutan").first(), "pagu", "1"),
    "bagiannarasi": (lambda r: r.narasi.order_by("pk").first(), "isi", "diubah"),
    "usulanpemangku": (lambda r: m.UsulanPemangku.objects.create(renja=r, program_kegiatan="Usulan"), "lokasi", "X"),
    "rencanapendapatan": (
        lambda r: m.RencanaPendapatan.objects.create(renja=r, kode_akun="4.1", uraian="Retribusi", target=D(1)),
        "target",
        "2",
    ),
    "programprioritas": (lambda r: r.program_prioritas.order_by("pk").first(), "pagu", "1"),
    "usulanrenjakl": (lambda r: m.UsulanRenjaKL.objects.create(renja=r, uraian="Usulan"), "uraian", "diubah"),
    "rancanganawal": (
        lambda r: m.RancanganAwal.objects.filter(opd=r.opd, tahun=r.tahun, indikator__isnull=False).first(),
        "lokasi",
        "diubah",
    ),
    "rancanganawalindikator": (
        lambda r: m.RancanganAwalIndikator.objects.filter(baris__opd=r.opd, baris__tahun=r.tahun).first(),
        "satuan",
        "diubah",
    ),
    "target": (_target, "nilai", "123"),
    "indikator": (lambda r: _target(r).indikator, "nama", "diubah"),
    "program": (lambda r: _node(m.Program, "kegiatan__sub_kegiatan__renja_item__renja", r), "nama_alias", "X"),
    "kegiatan": (lambda r: _node(m.Kegiatan, "sub_kegiatan__renja_item__renja", r), "nama_alias", "X"),
    "subkegiatan": (lambda r: _node(m.SubKegiatan, "renja_item__renja", r), "nama_alias", "X"),
    "indikatorpelayanan": (lambda r: r.renstra.indikator_pelayanan.get(nomor="1.5"), "nama", "diubah"),
    "nilaipelayanan": (
        lambda r: m.NilaiPelayanan.objects.get(
            indikator__renstra=r.renstra, indikator__nomor="1.5", jenis="target", tahun=r.tahun
        ),
        "nilai",
        "12",
    ),
}


def url(obj, view="change"):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/{view}/"


def isian(response):
    """The POST data of the admin change form in ``response``: every field as shown, disabled
    ones included (as a crafted POST would send them)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = str(value)
    return data


def potret(obj):
    fresh = type(obj).objects.get(pk=obj.pk)
    rows = list(fresh.sub_kegiatan.values_list("pk", "pagu")) if isinstance(fresh, m.Renja) else None
    return model_to_dict(fresh), rows


def tutup(renja, status):
    m.Renja.objects.filter(pk=renja.pk).update(status=status)


@pytest.fixture
def admin_client(db):
    return masuk("admin")


@pytest.mark.parametrize("status", DITUTUP)
@pytest.mark.parametrize("model_name", KASUS)
def test_renja_tertutup_hanya_dibaca_di_admin(admin_client, bappeda, status, model_name):
    ambil, field, value = KASUS[model_name]
    obj = ambil(bappeda)
    assert obj is not None and obj._meta.model_name == model_name
    page = admin_client.get(url(obj))
    assert 'name="_save"' in page.content.decode()
    data = {**isian(page), field: value, "status": "draf"}
    tutup(bappeda, status)
    before = potret(obj)

    page = admin_client.get(url(obj))
    text = page.content.decode()
    assert page.status_code == 200 and 'name="_save"' not in text and ALASAN in text
    assert admin_client.post(url(obj), data).status_code == 403
    assert admin_client.get(url(obj, "delete")).status_code == 403
    assert admin_client.post(url(obj, "delete"), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    response = admin_client.post(f"/admin/{obj._meta.app_label}/{model_name}/", bulk)
    # a plan node in a Renja is protected by its children anyway (the page lists them, 200)
    assert response.status_code == 403 or model_name in {"program", "kegiatan", "subkegiatan"}
    assert potret(obj) == before


def test_status_selalu_hanya_dibaca_pagu_draf_tersimpan(admin_client, bappeda):
    page = admin_client.get(url(bappeda))
    text = page.content.decode()
    assert 'name="_save"' in text and 'name="status"' not in text
    data = {**isian(page), "status": "ditetapkan", "sub_kegiatan-0-pagu": "12345"}
    assert admin_client.post(url(bappeda), data).status_code == 302
    bappeda.refresh_from_db()
    assert bappeda.status == "draf"
    assert m.RenjaSubKegiatan.objects.get(pk=data["sub_kegiatan-0-id"]).pagu == D("12345")

    item = bappeda.sub_kegiatan.order_by("urutan").last()
    data = {**isian(admin_client.get(url(item))), "pagu": "67890"}
    assert admin_client.post(url(item), data).status_code == 302
    item.refresh_from_db()
    assert item.pagu == D("67890")


def test_renja_baru_dimulai_sebagai_draf(admin_client, bappeda):
    data = {
        "opd": bappeda.opd_id,
        "tahun": 2023,
        "renstra": bappeda.renstra_id,
        "status": "ditetapkan",
        "sub_kegiatan-TOTAL_FORMS": 0,
        "sub_kegiatan-INITIAL_FORMS": 0,
    }
    assert admin_client.post("/admin/renja/renja/add/", data).status_code == 302
    assert m.Renja.objects.get(opd=bappeda.opd, tahun=2023).status == "draf"


def test_riwayat_status_di_halaman_renja(admin_client, bappeda):
    bappeda.status = "diajukan"
    user = m.Keanggotaan.objects.get(peran="perencana", opd=bappeda.opd).user
    bappeda._history_user = user
    bappeda.save()
    text = admin_client.get(url(bappeda)).content.decode()
    assert "riwayat status" in text.lower()
    assert f"{user.get_full_name()}: Draf → Diajukan ke Bappeda" in text


def test_baris_baru_ke_renja_tertutup_ditolak_dengan_alasan(admin_client, bappeda):
    target = _target(bappeda)
    tutup(bappeda, "ditetapkan")
    alasan = "Renja BAPPEDA 2022 berstatus &#x27;Ditetapkan&#x27;: hanya dapat diubah melalui alur kerja"
    page = admin_client.post("/admin/renja/usulanpemangku/add/", {"renja": bappeda.pk, "program_kegiatan": "Baru"})
    assert page.status_code == 200 and alasan in page.content.decode()
    assert not m.UsulanPemangku.objects.filter(renja=bappeda).exists()

    data = {"indikator": target.indikator_id, "tahun": 2022, "jenis": "renja", "nilai": "5"}
    target.delete()
    page = admin_client.post("/admin/renja/target/add/", data)
    assert page.status_code == 200 and alasan in page.content.decode()
    assert not m.Target.objects.filter(indikator=target.indikator_id, tahun=2022, jenis="renja").exists()


def test_indikator_bersama_renja_terbuka_tetap_dapat_diubah(admin_client, bappeda):
    """Renja 2022 ditetapkan, Renja 2023 (draf) holds one of its sub kegiatan: that node, its
    kegiatan, program and indicators stay editable, the targets of 2022 do not; a node only in
    2022 is locked."""
    lama = _target(bappeda)
    ind = lama.indikator
    sub = ind.sub_kegiatan
    renja_2023 = m.Renja.objects.create(opd=bappeda.opd, tahun=2023, renstra=bappeda.renstra)
    m.RenjaSubKegiatan.objects.create(renja=renja_2023, sub_kegiatan=sub)
    baru = m.Target.objects.create(indikator=ind, tahun=2023, jenis="renja", nilai=D("1"))
    tutup(bappeda, "ditetapkan")
    for node in (sub, sub.kegiatan, sub.kegiatan.program):
        assert 'name="_save"' in admin_client.get(url(node)).content.decode()
    lain = m.SubKegiatan.objects.filter(renja_item__renja=bappeda).exclude(kegiatan=sub.kegiatan).first()
    assert 'name="_save"' not in admin_client.get(url(lain)).content.decode()

    data = isian(admin_client.get(url(ind)))
    rows = {int(data[f"target-{i}-id"]): i for i in range(int(data["target-TOTAL_FORMS"]))}
    data.update({"nama": "Nama baru", f"target-{rows[lama.pk]}-nilai": "999", f"target-{rows[baru.pk]}-nilai": "7"})
    data[f"target-{rows[lama.pk]}-DELETE"] = "on"
    assert admin_client.post(url(ind), data).status_code == 302
    ind.refresh_from_db()
    assert ind.nama == "Nama baru"
    assert m.Target.objects.get(pk=lama.pk).nilai == lama.nilai
    assert m.Target.objects.get(pk=baru.pk).nilai == D("7")
    # deleting the indicator would delete its 2022 targets with it
    assert admin_client.post(url(ind, "delete"), {"post": "yes"}).status_code == 403
    assert m.Indikator.objects.filter(pk=ind.pk).exists()


def test_versi_lama_tidak_dikembalikan(admin_client, bappeda):
    item = bappeda.sub_kegiatan.order_by("urutan").first()
    versi = item.history.order_by("history_id").first()
    data = {"renja": bappeda.pk, "sub_kegiatan": item.sub_kegiatan_id, "urutan": 1, "pagu": "1"}
    tutup(bappeda, "ditetapkan")
    assert admin_client.post(f"{url(item, 'history')}{versi.history_id}/", data).status_code == 403
    tutup(bappeda, "draf")
    versi = bappeda.history.order_by("history_id").first()
    data = {"opd": bappeda.opd_id, "tahun": 2022, "renstra": bappeda.renstra_id}
    assert admin_client.post(f"{url(bappeda, 'history')}{versi.history_id}/", data).status_code == 403
    assert m.RenjaSubKegiatan.objects.get(pk=item.pk).pagu == item.pagu
