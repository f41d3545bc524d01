"""Write the corpus tables into one embedded DuckDB file (no server needed).

The database is built under a temporary name and renamed at the end; an
existing file of the same name is replaced. Query it with the ``duckdb`` CLI or
``duckdb.connect(FILE, read_only=True)``.
"""

from __future__ import annotations

import os


class DuckDBTables:
    """A streaming writer: ``write(table, arrow_batch)`` many times, then ``close()``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import duckdb

        self.path = os.fspath(path)
        parent = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(parent, exist_ok=True)
        self.tmp = os.path.join(parent, f".{os.path.basename(self.path)}.tmp")
        for p in (self.tmp, self.tmp + ".wal"):
            if os.path.exists(p):
                os.remove(p)
        self.con = duckdb.connect(self.tmp)
        self.created: set[str] = set()

    def write(self, table: str, batch) -> None:
        self.con.register("_batch", batch)
        if table in self.created:
            self.con.execute(f'INSERT INTO "{table}" SELECT * FROM _batch')
        else:
            self.con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM _batch')
            self.created.add(table)
        self.con.unregister("_batch")

    def close(self) -> None:
        self.con.execute("CHECKPOINT")
        self.con.close()
        os.replace(self.tmp, self.path)
        if os.path.exists(self.tmp + ".wal"):
            os.remove(self.tmp + ".wal")

    def abort(self) -> None:
        try:
            self.con.close()
        finally:
            for p in (self.tmp, self.tmp + ".wal"):
                if os.path.exists(p):
                    os.remove(p)
