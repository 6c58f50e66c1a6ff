"""Charts for query results, rendered to PNG for the chat."""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from quiver import tool


@tool
def plot_timeseries(rows: list[dict], x: str, y: str, title: str = "") -> bytes:
    """A line chart of y over x, as PNG bytes."""
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([r[x] for r in rows], [r[y] for r in rows])
    ax.set_title(title)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    return buf.getvalue()
