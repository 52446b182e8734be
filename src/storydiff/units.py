"""Units as news writes them, and the symbols storydiff gives them: currencies by ISO code
('GBX' for pence, 'cent' for cents), SI and imperial units by symbol ('t', 'km', 'yd'),
time by its singular name ('year'). numbers.py reads figures with them."""

from __future__ import annotations

CURRENCY_PREFIXES = {
    "$": "USD", "us$": "USD", "$us": "USD", "u.s.$": "USD", "usd": "USD", "a$": "AUD", "$a": "AUD", "au$": "AUD",
    "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "nz$": "NZD", "nzd": "NZD", "hk$": "HKD", "hkd": "HKD",
    "s$": "SGD", "sgd": "SGD", "r$": "BRL", "brl": "BRL", "nt$": "TWD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "stg": "GBP", "¥": "JPY", "y=": "JPY", "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR",
    "inr": "INR", "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "rmb": "CNY", "cny": "CNY", "chf": "CHF",
    "sfr": "CHF", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "zar": "ZAR", "mxn": "MXN", "try": "TRY",
}
"""Written before the figure ('EUR50m', '$US55,931,000', 'Y=590 billion', 'HK$45'). Letter
codes only glued to the figure or in capitals: 'try 3' is a verb."""
GLUED_ONLY_PREFIXES = {"r": "ZAR"}
"""'R50,000': a rand amount only when the R is glued to the figure."""

MONEY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "franc": "CHF", "francs": "CHF",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "rand": "ZAR", "pence": "GBX", "penny": "GBX", "cent": "cent", "cents": "cent",
}
GLUED_UNITS = {
    "p": "GBX", "c": "cent", "%": "%", "C": "°C", "F": "°F", "mm": "mm", "cm": "cm", "km": "km", "kg": "kg",
    "mg": "mg", "g": "g", "t": "t", "lb": "lb", "lbs": "lb", "oz": "oz", "ft": "ft", "mph": "mph", "kph": "km/h",
    "kmh": "km/h", "GB": "GB", "TB": "TB", "MB": "MB", "KB": "KB", "PB": "PB", "MW": "MW", "GW": "GW", "kW": "kW",
    "W": "W", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "Hz": "Hz", "kHz": "kHz", "MHz": "MHz",
    "GHz": "GHz", "Mbps": "Mbps", "Gbps": "Gbps", "MP": "MP", "l": "l", "ml": "ml", "ha": "ha", "bpd": "bbl/d",
    "ksi": "ksi", "psi": "psi", "in": "in", "km2": "km2", "m2": "m2", "m3": "m3", "bps": "bp", "bp": "bp", "sq": None,
}
"""Unit symbols glued to a figure ('118.5p', '38C', '256GB', '150mm'). Case matters: 'C'
and 'F' are degrees only in capitals, 'c' is cents; a glued 'm' is handled apart
(million or metres)."""
UNIT_WORDS = {
    "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "mm": "mm",
    "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "cm": "cm",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "kilometre": "km", "kilometres": "km",
    "kilometer": "km", "kilometers": "km", "km": "km", "kms": "km", "inch": "in", "inches": "in", "foot": "ft",
    "feet": "ft", "ft": "ft", "yard": "yd", "yards": "yd", "yd": "yd", "yds": "yd", "mile": "mi", "miles": "mi",
    "hectare": "ha", "hectares": "ha", "ha": "ha", "acre": "acre", "acres": "acre", "litre": "l", "litres": "l",
    "liter": "l", "liters": "l", "millilitre": "ml", "millilitres": "ml", "gallon": "gal", "gallons": "gal",
    "barrel": "bbl", "barrels": "bbl", "bpd": "bbl/d", "gram": "g", "grams": "g", "milligram": "mg",
    "milligrams": "mg", "mg": "mg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "kg": "kg",
    "tonne": "t", "tonnes": "t", "ton": "ton", "tons": "ton", "lb": "lb", "lbs": "lb", "ounce": "oz",
    "ounces": "oz", "oz": "oz", "carat": "ct", "carats": "ct", "second": "s", "seconds": "s", "sec": "s",
    "secs": "s", "minute": "min", "minutes": "min", "mins": "min", "min": "min", "hour": "h", "hours": "h", "hrs": "h", "hr": "h",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "mph": "mph", "kph": "km/h", "knot": "knot", "knots": "knot",
    "degree": "degree", "degrees": "degree", "watt": "W", "watts": "W", "kilowatt": "kW", "kilowatts": "kW",
    "megawatt": "MW", "megawatts": "MW", "gigawatt": "GW", "gigawatts": "GW", "horsepower": "hp", "hp": "hp",
    "volt": "V", "volts": "V", "psi": "psi", "ksi": "ksi", "megabyte": "MB", "megabytes": "MB",
    "gigabyte": "GB", "gigabytes": "GB", "terabyte": "TB", "terabytes": "TB", "petabyte": "PB",
    "petabytes": "PB", "gb": "GB", "tb": "TB", "mbps": "Mbps", "gbps": "Gbps", "hertz": "Hz", "megahertz": "MHz",
    "gigahertz": "GHz", "ghz": "GHz", "mhz": "MHz", "megapixel": "MP", "megapixels": "MP", "calorie": "kcal",
    "calories": "kcal", "kcal": "kcal", "decibel": "dB", "decibels": "dB", "mw": "MW", "gw": "GW", "kw": "kW",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "%": "%", "percent": "%", "pct": "%",
    "bps": "bp",
}
"""Unit words after a figure, as written in news, to the symbol that stands for them."""
MULTIWORD_UNITS = [
    # longest first; matched on lower-cased words
    ("miles per hour", "mph"), ("miles an hour", "mph"), ("kilometres per hour", "km/h"),
    ("kilometers per hour", "km/h"), ("kilometres an hour", "km/h"), ("km per hour", "km/h"),
    ("barrels per day", "bbl/d"), ("barrels a day", "bbl/d"), ("degrees celsius", "°C"),
    ("degrees centigrade", "°C"), ("degrees fahrenheit", "°F"), ("degrees c", "°C"), ("degrees f", "°F"),
    ("degree celsius", "°C"), ("terawatt hours", "TWh"), ("terawatt-hours", "TWh"), ("gigawatt hours", "GWh"),
    ("gigawatt-hours", "GWh"), ("megawatt hours", "MWh"), ("kilowatt hours", "kWh"), ("kilowatt-hours", "kWh"),
    ("square feet", "sqft"), ("square foot", "sqft"), ("sq ft", "sqft"), ("square metres", "m2"),
    ("square meters", "m2"), ("square kilometres", "km2"), ("square kilometers", "km2"), ("sq km", "km2"),
    ("square miles", "sqmi"), ("square mile", "sqmi"), ("cubic metres", "m3"), ("cubic meters", "m3"),
    ("cubic feet", "cuft"), ("nautical miles", "nmi"), ("nautical mile", "nmi"), ("light years", "ly"),
    ("light-years", "ly"), ("astronomical units", "au"), ("astronomical unit", "au"),
    ("megabits per second", "Mbps"), ("gigabits per second", "Gbps"), ("per cent", "%"),
    ("percentage points", "pp"), ("percentage point", "pp"), ("basis points", "bp"), ("basis point", "bp"),
    ("metric tons", "t"), ("metric tonnes", "t"), ("pounds sterling", "GBP"), ("km/h", "km/h"),
    ("°c", "°C"), ("°f", "°F"),
]
MONEY_UNITS = set(CURRENCY_PREFIXES.values()) | set(GLUED_ONLY_PREFIXES.values()) | set(MONEY_WORDS.values()) | {"GBX"}
"""Every code a sum of money is given ('USD', 'GBX' for pence, 'cent')."""
TIME_UNITS = {"s", "min", "h", "day", "week", "month", "year", "decade", "century"}


def unit_code(word: str | None) -> str | None:
    """The symbol for a unit word ('tonnes' -> 't', 'hectare' -> 'ha'); others as given."""
    if word is None:
        return None
    return UNIT_WORDS.get(word.lower(), MONEY_WORDS.get(word.lower(), word))
