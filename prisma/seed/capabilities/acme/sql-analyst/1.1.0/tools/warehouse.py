"""Read-only access to the analytics warehouse."""
import os

import psycopg

from quiver import tool

DSN = os.environ["WAREHOUSE_URL"]


@tool
def run_query(sql: str) -> list[dict]:
    """Runs one read-only SQL statement and returns at most 1000 rows."""
    with psycopg.connect(DSN, options="-c default_transaction_read_only=on") as conn:
        cur = conn.execute(sql)
        cols = [c.name for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchmany(1000)]


@tool
def describe_table(schema: str, table: str) -> list[dict]:
    """Columns, types and comments of a table."""
    return run_query(
        "select column_name, data_type, col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) as comment "
        f"from information_schema.columns where table_schema = '{schema}' and table_name = '{table}' order by ordinal_position"
    )
