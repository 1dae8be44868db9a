"""What heads every printed page of the district (kop surat), and the number of a decision letter.

Both programs print: the hub from its settings (`LETTERHEAD_*`), a laptop from its own settings
(`letterhead_*`), so a village prints offline. Where the government's name is not set, it follows from
the district's Kemendagri code, which the hub has in `DISTRICT_CODE` and a laptop in its enrolled
scope: "35.07" gives "Pemerintah Kabupaten Malang". Reading the logo file is each program's business
(this package does no file I/O); it reaches the templates as a `data:` URI, so a page opened from the
laptop's disk or a PDF needs no network.
"""

from dataclasses import dataclass

from schemas.region import region_name

GOVERNMENT_WORD = {"id": "Pemerintah", "en": "Government of"}


@dataclass(frozen=True)
class Letterhead:
    government: str  # "Pemerintah Kabupaten Malang"
    office: str  # "Dinas Sosial — Unit Layanan Terpadu (SWS)"
    address: str  # "Jl. Panji No. 158, Kepanjen, Malang 65163"
    logo: str = ""  # a data: URI, or empty

    @property
    def lines(self) -> tuple:
        """The text lines, top to bottom, without the empty ones."""
        return tuple(line for line in (self.government, self.office, self.address) if line)


def district_of(code: str) -> str:
    """The district (kabupaten/kota) part of a Kemendagri code: "35.07.01.2001" -> "35.07"; "" when shorter."""
    parts = (code or "").split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else ""


def default_government(code: str, lang: str = "id") -> str:
    """ "Pemerintah Kabupaten Malang" for any code inside 35.07; "" when the code names no district."""
    name = region_name(district_of(code)) if district_of(code) else None
    return f"{GOVERNMENT_WORD.get(lang, GOVERNMENT_WORD['id'])} {name}" if name else ""


def letterhead(government: str, office: str, address: str, *, district_code: str = "", logo: str = "") -> Letterhead:
    """The letterhead from settings, the government's name filled in from `district_code` when empty."""
    return Letterhead(government.strip() or default_government(district_code), office.strip(), address.strip(), logo)


def letter_number(record_id: str, programme_code: str, decided_on: str) -> str:
    """The number of an application's decision letter, the same wherever it is printed (hub or laptop):
    SWS/<programme>/<the application's record id, upper case>/<year decided>. The record id ("<laptop>-<n>")
    is unique in the district, so no two letters share a number and no counter has to be kept."""
    year = (decided_on or "")[:4] or "-"
    return f"SWS/{programme_code}/{record_id.upper()}/{year}"


LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def logo_uri(file_name: str, content: bytes) -> str:
    """A logo file's bytes as a data: URI (PNG, JPEG or SVG by the name's ending). Raises ValueError otherwise."""
    import base64

    kind = LOGO_TYPES.get("." + file_name.rsplit(".", 1)[-1].lower()) if "." in file_name else None
    if kind is None:
        raise ValueError(f"{file_name}: a logo is a .png, .jpg or .svg file")
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
