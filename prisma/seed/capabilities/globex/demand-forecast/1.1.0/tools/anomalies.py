"""Outliers in weekly sales (promotions, stock-outs, data errors)."""
import pandas as pd

from quiver import tool

SALES = "/srv/warehouse/exports/weekly_sales.parquet"


@tool
def sales_anomalies(sku: str, z: float = 3.0) -> list[dict]:
    """Weeks whose sales are more than `z` robust standard deviations from the median."""
    df = pd.read_parquet(SALES, filters=[("sku", "==", sku)])
    med = df["units"].median()
    mad = (df["units"] - med).abs().median() * 1.4826 or 1.0
    return df[(df["units"] - med).abs() / mad > z][["week", "units"]].to_dict("records")
