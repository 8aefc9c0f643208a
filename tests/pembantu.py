"""Helpers shared by the tests: a workbook built in memory, and a client signed in as a demo user."""

import io

from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import Workbook


def xlsx(rows, merge=()):
    """An .xlsx of ``rows`` on one sheet, with the cell ranges of ``merge`` merged."""
    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    for cells in merge:
        ws.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def masuk(username):
    """A test client signed in as the demo user ``username``."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client
