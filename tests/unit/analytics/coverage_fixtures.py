"""Small frames for the coverage analytics tests, built by hand."""

import pandas as pd


def figure(value, source="test source", year=2021, estimate=False):
    return {"value": value, "source": source, "year": year, "estimate": estimate}


def districts(*rows: tuple[str, dict]) -> pd.DataFrame:
    """A districts frame as ``districts_frame`` returns it, with just what the analytics read."""
    return pd.DataFrame(
        [
            {
                "kato": kato,
                "name_kk": f"Аудан {kato[-3:]}",
                "name_ru": f"Район {kato[-3:]}",
                "name_en": f"District {kato[-3:]}",
                "oblast_kk": "Жетісу",
                "oblast_ru": "область Жетісу",
                "oblast_en": "Zhetysu Region",
                "admin_centre": None,
                "centre_lat": None,
                "centre_lon": None,
                "centre_approximate": True,
                "area_km2": 100.0,
                "figures": figures,
            }
            for kato, figures in rows
        ]
    )
