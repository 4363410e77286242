"""Files people send back: the export of an object's row with some cells retyped."""

import csv
import io

from tracker.services.exports import export_table
from tracker.storage.database import Database


def changed_row(db: Database, external_id: str, cells: dict[str, str]) -> bytes:
    """A CSV of the stored object's exported row (English headers) with ``cells`` typed over it.

    A cell the export has no column for (``reason``) is added as a column.
    """
    exported = export_table(db, "objects", "csv", lang="en")
    reader = csv.DictReader(io.StringIO(exported.data.decode("utf-8-sig")))
    row = next(r for r in reader if r["external_id"] == external_id)
    names = list(reader.fieldnames) + [k for k in cells if k not in reader.fieldnames]
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row | cells)
    return out.getvalue().encode("utf-8-sig")
