"""Write the corpus tables as one Parquet file per table (``DIR/targets.parquet`` …).

Each file is written under a temporary name and renamed when complete, so a
reader never sees half a table.
"""

from __future__ import annotations

import os


class ParquetTables:
    """A streaming writer: ``write(table, arrow_batch)`` many times, then ``close()``."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.dir = os.fspath(directory)
        os.makedirs(self.dir, exist_ok=True)
        self._writers: dict[str, object] = {}

    def _tmp(self, table: str) -> str:
        return os.path.join(self.dir, f".{table}.parquet.tmp")

    def write(self, table: str, batch) -> None:
        import pyarrow.parquet as pq

        w = self._writers.get(table)
        if w is None:
            w = self._writers[table] = pq.ParquetWriter(self._tmp(table), batch.schema)
        w.write_table(batch)

    def close(self) -> None:
        for table, w in self._writers.items():
            w.close()
            os.replace(self._tmp(table), os.path.join(self.dir, f"{table}.parquet"))
        self._writers.clear()

    def abort(self) -> None:
        for table, w in self._writers.items():
            try:
                w.close()
            finally:
                if os.path.exists(self._tmp(table)):
                    os.remove(self._tmp(table))
        self._writers.clear()
