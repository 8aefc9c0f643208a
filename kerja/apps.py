from django.apps import AppConfig


class KerjaConfig(AppConfig):
    """The interactive screens (home, workspace grid, review, import pages) and the workflow,
    on top of the layers renja → anggaran → evaluasi → laporan."""

    name = "kerja"
    verbose_name = "Ruang kerja"
