"""Import of a Pemda's accounts: Nama Pengguna, Nama, NIP, Email, Peran (perencana, reviewer,
admin; the app's Indonesian labels too, several separated by ','), OPD (kode or singkatan;
required for a perencana).

A new user gets a random one-time password, returned once by ``terapkan`` (shown once on the
result page, printed once by the command, never written to a file or the database in clear)
and must change it at the first log-in (``Profil.wajib_ganti_sandi``). An existing user (same
user name, any letter case) gets the file's name, email, NIP and roles in this Pemda; the
password is left alone, and an empty email or NIP keeps the stored one."""

import hashlib
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.crypto import get_random_string

from renja.berkas import BerkasTidakSah, Kolom, kunci_judul
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
from renja.models import Impor, Keanggotaan, PerangkatDaerah, Profil
from renja.sel import SelTidakSah
from renja.teks import bersihkan_nip

Peran = Keanggotaan.Peran
KOLOM = [
    Kolom("username", "Nama Pengguna", ("nama pengguna", "username", "user name", "akun")),
    Kolom("nama", "Nama", ("nama lengkap", "nama")),
    Kolom("nip", "NIP", ("nip",), wajib=False),
    Kolom("email", "Email", ("email", "e mail", "surel"), wajib=False),
    Kolom("peran", "Peran", ("peran", "role")),
    Kolom("opd", "OPD", ("opd", "perangkat daerah", "skpd"), wajib=False),
]
LABEL = {k.kunci: k.label for k in KOLOM}
PERAN = {kunci_judul(text): peran for peran in Peran for text in (peran.value, peran.label)} | {
    "perencana opd": Peran.PERENCANA,
    "reviewer bappeda": Peran.REVIEWER,
    "peninjau": Peran.REVIEWER,
    "penelaah": Peran.REVIEWER,
    "administrator": Peran.ADMIN,
}
HURUF_SANDI = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I


# A one-time password is 14 random characters of 55 (some 81 bits) and must be replaced at the first
# log-in: guessing it is out of reach at any number of rounds, so it is hashed with fewer PBKDF2
# rounds than a password a person chose (Django's 1 000 000 take 0.4 s each, 20 s for a Pemda's
# accounts). Django hashes it again at full strength when it is used (PBKDF2PasswordHasher.must_update).
ITERASI_SANDI_SEKALI = 20_000


def buat_sandi():
    """A one-time password: 14 characters that cannot be mistaken for one another."""
    return get_random_string(14, HURUF_SANDI)


def _peran(raw):
    roles = []
    for part in re.split(r"[,;/\n]|\bdan\b", teks_sel(raw, "peran", wajib=True)):
        if not part.strip():
            continue
        peran = PERAN.get(kunci_judul(part))
        if peran is None:
            raise SelTidakSah(f"'{part.strip()}' bukan peran: tulis perencana, reviewer atau admin")
        roles.append(peran)
    return list(dict.fromkeys(roles))


def _nip(raw):
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        raise SelTidakSah("NIP terbaca sebagai angka (digit akhirnya dapat hilang); format sel sebagai teks")
    try:
        return bersihkan_nip(teks_sel(raw, "NIP"))
    except ValueError as e:
        raise SelTidakSah(str(e)) from None


def _username(raw):
    name = teks_sel(raw, "nama pengguna", wajib=True, panjang=150)
    try:
        UnicodeUsernameValidator()(name)
    except ValidationError:
        raise SelTidakSah("nama pengguna hanya boleh huruf, angka dan @ . + - _ (tanpa spasi)") from None
    return name


def _email(raw):
    email = teks_sel(raw, "email", panjang=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise SelTidakSah("bukan alamat email yang sah") from None
    return email


class _Daftar:
    """What the Pemda already has: its OPDs by kode and singkatan, its users and their roles here."""

    def __init__(self, pemda):
        self.pemda = pemda
        self.opd = {}
        for o in PerangkatDaerah.objects.filter(pemda=pemda):
            self.opd[re.sub(r"\s+", "", o.kode)] = self.opd[o.singkatan.lower()] = o

    def cari_opd(self, raw):
        text = teks_sel(raw, "OPD")
        if not text:
            return None
        found = self.opd.get(re.sub(r"\s+", "", text)) or self.opd.get(text.lower())
        if found is None:
            raise SelTidakSah(f"tidak ada Perangkat Daerah berkode atau bersingkatan '{text}' di {self.pemda.nama}")
        return found

    def pengguna(self, usernames):
        User = get_user_model()
        query = User.objects.annotate(kunci=Lower("username")).filter(kunci__in=[u.lower() for u in usernames])
        users = {u.username.lower(): u for u in query.select_related("profil")}
        roles = {}
        for m in Keanggotaan.objects.filter(pemda=self.pemda, user__in=users.values()):
            roles.setdefault(m.user_id, set()).add((m.peran, m.opd_id))
        return users, roles


def _ringkas(v, opd_by_id):
    roles = sorted(f"{Peran(p).label}{' ' + opd_by_id[o].singkatan if o else ''}" for p, o in v["peran_opd"])
    return f"{v['nama']} | NIP {v['nip'] or '–'} | {v['email'] or '–'} | {', '.join(roles)}"


def periksa(pemda, data, nama_berkas, tahun=None, maju=None):
    """The dry run: one line per user of the file (baru / berubah / sama) and one per problem."""
    daftar, parsed, rows, seen = _Daftar(pemda), [], [], {}
    for nomor, cell in baris_daftar(data, nama_berkas, KOLOM, maju):
        values, problems = {}, []
        for key, read in (("username", _username), ("nama", None), ("nip", _nip), ("email", _email), ("peran", _peran)):
            try:
                values[key] = read(cell(key)) if read else teks_sel(cell(key), "nama", wajib=True, panjang=150)
            except SelTidakSah as error:
                problems.append(BarisImpor(nomor, LABEL[key], cell(key), GALAT, str(error)))
        warnings = []
        try:
            opd = daftar.cari_opd(cell("opd"))
            roles = values.get("peran", [])
            if Peran.PERENCANA in roles and opd is None:
                raise SelTidakSah("perencana wajib punya OPD: isi kode atau singkatan Perangkat Daerahnya")
            if opd is not None and roles and Peran.PERENCANA not in roles:
                warnings.append("OPD diabaikan: reviewer dan admin berlaku untuk seluruh Pemda")
            values["peran_opd"] = {(p, opd.pk if p == Peran.PERENCANA else None) for p in roles}
        except SelTidakSah as error:
            problems.append(BarisImpor(nomor, "OPD", cell("opd"), GALAT, str(error)))
        key = values.get("username", "").lower()
        if key in seen:
            problems.append(
                BarisImpor(
                    nomor, "Nama Pengguna", cell("username"), GALAT, f"nama pengguna sudah ada pada baris {seen[key]}"
                )
            )
        if key:
            seen.setdefault(key, nomor)
        if problems:
            rows += problems
        else:
            parsed.append((nomor, cell("username"), values, warnings))
    if not rows and not parsed:
        raise BerkasTidakSah("Berkas tidak berisi baris pengguna di bawah judul kolom.")
    users, roles = daftar.pengguna([v["username"] for _, _, v, _ in parsed])
    opd_by_id = {o.pk: o for o in daftar.opd.values()}
    for nomor, raw, values, warnings in parsed:
        user = users.get(values["username"].lower())
        line = BarisImpor(nomor, "Nama Pengguna", raw, BARU, sasaran=user, nilai=values, peringatan=warnings)
        line.baru = _ringkas(values, opd_by_id)
        if user is not None:
            profil = getattr(user, "profil", None)
            values["nip"] = values["nip"] or (profil.nip if profil else "")
            values["email"] = values["email"] or user.email
            line.baru = _ringkas(values, opd_by_id)
            old = {"nama": user.get_full_name(), "nip": profil.nip if profil else "", "email": user.email}
            line.lama = _ringkas({**old, "peran_opd": roles.get(user.pk, set())}, opd_by_id)
            line.status = SAMA if line.lama == line.baru else BERUBAH
        rows.append(line)
    return HasilImpor(nama_berkas, hashlib.sha256(data).hexdigest(), sorted(rows, key=lambda b: b.nomor))


def terapkan(pemda, user, data, nama_berkas, tahun=None, hasil=None):
    """Create and update the users of the file in one transaction, or nothing while any row has a
    problem. Returns the Impor, with ``sandi_sekali``: [(user name, name, one-time password)] of
    the new users, held only in memory for the caller to show once."""
    if hasil is None:  # the caller's own dry run of this same file otherwise (manage.py impor)
        hasil = periksa(pemda, data, nama_berkas)
    tolak_bila_galat(hasil, "isian")
    User, sandi = get_user_model(), []
    baru = [line for line in hasil.baris if line.status in (BARU, BERUBAH) and line.sasaran is None]
    kata = [buat_sandi() for _ in baru]
    hash_baru = dict(zip(map(id, baru), map(hash_sekali, kata), strict=True))
    kata_baru = dict(zip(map(id, baru), kata, strict=True))
    with transaction.atomic():
        impor, _ = catat_impor(hasil, Impor.Jenis.PENGGUNA, pemda, user)
        for line in hasil.baris:
            if line.status not in (BARU, BERUBAH):
                continue
            v, akun = line.nilai, line.sasaran
            if akun is None:
                akun = User(username=v["username"], password=hash_baru[id(line)])
                sandi.append((akun.username, v["nama"], kata_baru[id(line)]))
            akun.first_name, akun.last_name, akun.email = v["nama"], "", v["email"]
            akun.save()
            Profil.objects.update_or_create(
                user=akun,
                defaults={"nip": v["nip"]},
                create_defaults={"nip": v["nip"], "wajib_ganti_sandi": line.sasaran is None},
            )
            current = Keanggotaan.objects.filter(user=akun, pemda=pemda)
            for m in current:
                if (m.peran, m.opd_id) not in v["peran_opd"]:
                    m.delete()
            have = {(m.peran, m.opd_id) for m in current}
            Keanggotaan.objects.bulk_create(
                Keanggotaan(user=akun, pemda=pemda, peran=p, opd_id=o) for p, o in v["peran_opd"] - have
            )
    impor.sandi_sekali = sandi
    return impor


def hash_sekali(sandi):
    """The stored hash of a one-time password: PBKDF2 with ITERASI_SANDI_SEKALI rounds."""
    hasher = PBKDF2PasswordHasher()
    return hasher.encode(sandi, hasher.salt(), iterations=ITERASI_SANDI_SEKALI)


def baris_templat(pemda):
    """The Pemda's users as rows of the template (edit and import back; no password)."""
    User = get_user_model()
    members = Keanggotaan.objects.filter(pemda=pemda).select_related("opd")
    by_user = {}
    for m in members:
        by_user.setdefault(m.user_id, []).append(m)
    rows = []
    for akun in User.objects.filter(pk__in=by_user).select_related("profil").order_by("username"):
        ms = by_user[akun.pk]
        opd = next((m.opd.singkatan for m in ms if m.opd_id), "")
        profil = getattr(akun, "profil", None)
        peran = ", ".join(sorted({m.peran for m in ms}))
        rows.append([akun.username, akun.get_full_name(), profil.nip if profil else "", akun.email, peran, opd])
    return rows
