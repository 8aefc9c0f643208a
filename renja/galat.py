"""The refusal of a save: nothing of it was written, and each message says why in Indonesian."""


class SimpanGagal(Exception):
    """Nothing of the batch was saved. ``kesalahan`` lists the bad cells as dicts (kolom, id,
    pesan; kolom and id are None for the whole Renja), ``konflik`` the cells somebody else
    saved first (with their value, who saved it, and the object's version now)."""

    def __init__(self, kesalahan=(), konflik=()):
        self.kesalahan, self.konflik = list(kesalahan), list(konflik)
        super().__init__("; ".join(k["pesan"] for k in self.kesalahan + self.konflik))

    @property
    def pesan(self):
        return [k["pesan"] for k in self.kesalahan + self.konflik]


def galat(pesan, kolom=None, pk=None):
    return {"kolom": kolom, "id": pk, "pesan": pesan}
