"""Prophet forecasts and backtests per SKU."""
import pandas as pd
from prophet import Prophet

from quiver import tool

SALES = "/srv/warehouse/exports/weekly_sales.parquet"


def _history(sku: str) -> pd.DataFrame:
    df = pd.read_parquet(SALES, filters=[("sku", "==", sku)])
    return df.rename(columns={"week": "ds", "units": "y"})[["ds", "y"]]


@tool
def forecast_sku(sku: str, weeks: int = 12) -> list[dict]:
    """Weekly forecast with 80% interval: ds, yhat, yhat_lower, yhat_upper."""
    m = Prophet(interval_width=0.8, weekly_seasonality=False).fit(_history(sku))
    fc = m.predict(m.make_future_dataframe(periods=weeks, freq="W"))
    return fc.tail(weeks)[["ds", "yhat", "yhat_lower", "yhat_upper"]].to_dict("records")


@tool
def backtest(sku: str, horizon_weeks: int = 8) -> float:
    """MAPE of a forecast made `horizon_weeks` ago against what was actually sold."""
    h = _history(sku)
    train, test = h.iloc[:-horizon_weeks], h.iloc[-horizon_weeks:]
    m = Prophet(weekly_seasonality=False).fit(train)
    pred = m.predict(test[["ds"]])["yhat"].to_numpy()
    return float((abs(test["y"].to_numpy() - pred) / test["y"].clip(lower=1).to_numpy()).mean())
