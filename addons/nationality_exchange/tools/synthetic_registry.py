# Copyright 2026 Vietnam Nationality Dossiers contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Synthetic nationality registers: realistic Vietnamese names, dates and
numbers for the demo data, the tests and the search benchmark, and the
perturbations that people make when they type a name into a lookup request.

Nothing here touches the database: rows come out as the dictionaries the bulk
importer reads from a CSV file (see ``IMPORT_COLUMNS``)."""

import random
import unicodedata
from datetime import date, timedelta

from .name_matching import strip_diacritics

# Columns of an import file, in order (the header of the CSV template).
IMPORT_COLUMNS = (
    "full_name",
    "former_name",
    "gender",
    "birth_date",
    "birth_place",
    "id_number",
    "passport_number",
    "nationality",
    "event_type",
    "decision_number",
    "decision_date",
    "authority",
    "note",
)

# Family names with their approximate share of the population (per mille).
FAMILY_NAMES = (
    ("Nguyễn", 384),
    ("Trần", 121),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 31),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 22),
    ("Võ", 17),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 5),
    ("Đào", 5),
    ("Cao", 4),
    ("Lâm", 4),
    ("Trịnh", 4),
    ("Mai", 4),
    ("Trương", 4),
    ("Lương", 3),
    ("Tạ", 3),
    ("Hà", 3),
    ("Tô", 2),
    ("Quách", 2),
    ("Chu", 2),
    ("Đoàn", 3),
    ("Kiều", 1),
    ("La", 1),
    ("Thái", 2),
    ("Vương", 2),
    ("Triệu", 2),
    ("Châu", 2),
    ("Lưu", 2),
    ("Mạc", 1),
    ("Tăng", 1),
    ("Khúc", 1),
    ("Âu", 1),
    ("Ông", 1),
)

MIDDLE_NAMES = {
    "male": (
        ("Văn", 300),
        ("Hữu", 50),
        ("Đức", 60),
        ("Minh", 70),
        ("Quang", 40),
        ("Công", 35),
        ("Thành", 30),
        ("Xuân", 25),
        ("Ngọc", 25),
        ("Đình", 35),
        ("Anh", 20),
        ("Tuấn", 15),
        ("Hoàng", 25),
        ("Thanh", 30),
        ("Gia", 25),
        ("Bảo", 20),
        ("Trọng", 20),
        ("Quốc", 30),
        ("Mạnh", 10),
        ("Tiến", 10),
        ("Duy", 15),
        ("Hải", 15),
        ("Trung", 10),
        ("Khánh", 10),
        ("Nhật", 10),
        ("Thế", 15),
        ("Đăng", 10),
        ("Phú", 8),
        ("Kim", 5),
        ("Việt", 10),
    ),
    "female": (
        ("Thị", 330),
        ("Ngọc", 60),
        ("Thu", 45),
        ("Thanh", 45),
        ("Minh", 30),
        ("Phương", 25),
        ("Hồng", 30),
        ("Kim", 30),
        ("Thùy", 25),
        ("Mai", 15),
        ("Bảo", 20),
        ("Khánh", 15),
        ("Diệu", 10),
        ("Hải", 10),
        ("Quỳnh", 10),
        ("Thảo", 8),
        ("Hoài", 10),
        ("Lan", 8),
        ("Mỹ", 20),
        ("Tuyết", 8),
        ("Bích", 12),
        ("Cẩm", 8),
        ("Xuân", 15),
        ("Hoàng", 10),
        ("Ánh", 6),
    ),
}

# Given names, the commonest first.
GIVEN_NAMES = {
    "male": (
        "Anh Minh Hùng Tuấn Dũng Hải Nam Long Hoàng Sơn Thành Đức Huy Khánh Phong Trung "
        "Quang Bình Cường Thắng Tùng Việt Hiếu Tâm Hưng Vinh Phúc Đạt Tú Quân Hòa Lâm Nghĩa "
        "Toàn Thịnh Hiệp Khoa Tiến Trí Lộc Phát Kiên Bảo Duy Dương Giang Hào Hậu Khải Khang "
        "Luân Mạnh Nhân Phú Phước Quốc Tài Tân Thiện Thông Trọng Vũ Vương Vĩnh Khôi Lợi "
        "Nhật Sang Tín Đăng Định Hưởng Thuận Kha An Ân Bách Cảnh Chính Công Danh Điền Đông "
        "Hạnh Hiển Hoan Khiêm Lực Nguyên Quý Sáng Thái Thạch Thọ Thức Triều Trường Tuệ Uy "
        "Văn Vỹ Xuân Yên Chiến"
    ).split(),
    "female": (
        "Anh Linh Hương Trang Thảo Ngọc Hà Huyền Hoa Lan Phương Hằng Mai Thủy Nhung Hạnh "
        "Yến Dung Thu Hồng Vân Hiền Nga Loan Quỳnh Uyên Ly My Nhi Trâm Giang Chi Hiên Hòa "
        "Huệ Hường Khánh Liên Ngân Nguyệt Oanh Phượng Quyên Tâm Thanh Thắm Thúy Thư Trinh "
        "Tuyết Vi Xuân Ánh Bích Châu Diệp Duyên Hạ Hân Ngà Nhàn Hậu Tiên Kiều Lệ Mỹ An Ân "
        "Bông Cúc Đào Điệp Gấm Hải Hảo Hợp Khuê Lài Lụa Mận Miên Nương Phấn Quế Sen Tím "
        "Trà Tươi Vui Xoan Yên"
    ).split(),
}

# Places of birth as registers write them: the 63 provinces before 2025, the
# two largest cities first.
BIRTH_PLACES = (
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Thừa Thiên Huế",
    "Nam Định",
    "Thái Bình",
    "Nghệ An",
    "Thanh Hóa",
    "Hà Tĩnh",
    "Hải Dương",
    "Hưng Yên",
    "Hà Nam",
    "Ninh Bình",
    "Bắc Ninh",
    "Bắc Giang",
    "Vĩnh Phúc",
    "Phú Thọ",
    "Thái Nguyên",
    "Quảng Ninh",
    "Lạng Sơn",
    "Cao Bằng",
    "Hà Giang",
    "Tuyên Quang",
    "Yên Bái",
    "Lào Cai",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Hòa Bình",
    "Bắc Kạn",
    "Quảng Bình",
    "Quảng Trị",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Bình Phước",
    "Bình Dương",
    "Đồng Nai",
    "Tây Ninh",
    "Bà Rịa - Vũng Tàu",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
)

# Persons born abroad: naturalized foreigners and renouncing Vietnamese living
# abroad whose registered name is in another script's romanisation.
FOREIGN_FIRST = (
    "Wei Fang Na Yang Jun Ming Hui Xiu Min-jun Ji-ho Seo-yeon Hye-jin Souksavanh "
    "Phonesavanh Dara Sokha Vannak Thomas Anna Michael Julia Marie Pierre Jean "
    "Sophie John Emily David Sarah Ivan Olga Sergei Natalia Kenji Yuki Haruto Sakura"
).split()
FOREIGN_LAST = (
    "Zhang Wang Li Liu Chen Huang Zhao Kim Park Lee Choi Jung Phommachanh Sisouphanh "
    "Keomany Sok Chea Heng Müller Schmidt Schneider Fischer Weber Dupont Martin "
    "Bernard Smith Johnson Brown Petrov Ivanova Smirnov Tanaka Suzuki Sato"
).split()

FOREIGN_COUNTRIES = ("DE", "KR", "TW", "JP", "SG", "AU", "US", "FR", "CZ", "LA", "KH", "CN")

EVENT_WEIGHTS = (
    ("renunciation", 45),
    ("nationality_certificate", 20),
    ("naturalization", 12),
    ("restoration", 10),
    ("origin_certificate", 10),
    ("deprivation", 1),
    ("annulment", 1),
)

# Decision number notations: decisions of the State President, certificates of
# the Departments of Justice and missions.
_PRESIDENT_EVENTS = ("renunciation", "naturalization", "restoration", "deprivation", "annulment")


def _weighted(pairs):
    values = [value for value, _weight in pairs]
    weights = [weight for _value, weight in pairs]
    cumulative = []
    total = 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return values, cumulative


class RegistryGenerator:
    """Deterministic generator of register rows for a given seed."""

    def __init__(self, seed=20260101, places=None, today=None):
        self.rng = random.Random(seed)
        self.places = list(places or BIRTH_PLACES)
        self.today = today or date(2026, 1, 1)
        self._family = _weighted(FAMILY_NAMES)
        self._middle = {gender: _weighted(pairs) for gender, pairs in MIDDLE_NAMES.items()}
        # Given names follow a Zipf-like law: the first ones of the list are the commonest.
        self._given = {
            gender: _weighted([(name, 1000 // (rank + 8)) for rank, name in enumerate(names)])
            for gender, names in GIVEN_NAMES.items()
        }
        self._events = _weighted(EVENT_WEIGHTS)
        # Places: the big cities are the birth place of more people.
        self._places = _weighted(
            [
                (place, 8 if index < 2 else 3 if index < 6 else 1)
                for index, place in enumerate(self.places)
            ]
        )
        self._serial = self.rng.randrange(10**5)

    def _pick(self, table):
        values, cumulative = table
        return self.rng.choices(values, cum_weights=cumulative, k=1)[0]

    def vietnamese_name(self, gender):
        family = self._pick(self._family)
        middle = [self._pick(self._middle[gender])]
        if self.rng.random() < 0.3:
            second = self._pick(self._middle[gender])
            if second != middle[0]:
                middle.append(second)
        given = self._pick(self._given[gender])
        while given in middle:
            given = self._pick(self._given[gender])
        return " ".join([family, *middle, given])

    def foreign_name(self):
        return f"{self.rng.choice(FOREIGN_FIRST)} {self.rng.choice(FOREIGN_LAST)}"

    def birth(self):
        """(date, precision) with a realistic spread of ages and, in old
        registers, more dates known by the year only."""
        year = min(2012, max(1925, int(self.rng.gauss(1978, 16))))
        born = date(year, 1, 1) + timedelta(days=self.rng.randrange(365))
        roll = self.rng.random()
        if roll < (0.25 if year < 1960 else 0.08):
            return date(year, 1, 1), "year"
        if roll > 0.985:
            return date(year, born.month, 1), "month"
        return born, "day"

    def _next_serial(self):
        self._serial = (self._serial + self.rng.randrange(1, 97)) % 10**6
        return self._serial

    def citizen_id(self, gender, born):
        # Province of registration (3 digits), gender and century (1), year (2), serial (6).
        century_gender = (0 if gender == "male" else 1) + (0 if born.year < 2000 else 2)
        province = self.rng.randrange(1, 97)
        return f"{province:03d}{century_gender}{born.year % 100:02d}{self._next_serial():06d}"

    def row(self):
        """One register row as the importer reads it (all values text)."""
        rng = self.rng
        gender = "male" if rng.random() < 0.48 else "female"
        event = self._pick(self._events)
        foreign = event in ("naturalization",) and rng.random() < 0.35 or rng.random() < 0.02
        name = self.foreign_name() if foreign else self.vietnamese_name(gender)
        former_name = ""
        if event == "naturalization" and not foreign and rng.random() < 0.5:
            former_name = self.foreign_name()
        born, precision = self.birth()
        if precision == "year":
            birth_text = f"{born.year:04d}"
        elif precision == "month":
            birth_text = f"{born.month:02d}/{born.year:04d}"
        else:
            birth_text = born.strftime("%d/%m/%Y")
        place = self._pick(self._places)
        id_number = ""
        passport = ""
        if not foreign and born.year >= 1950 and rng.random() < 0.7:
            id_number = self.citizen_id(gender, born)
        if rng.random() < 0.6:
            letter = rng.choice("BCNEKMP") if not foreign else rng.choice("EGHKMNPRTXYZ")
            passport = f"{letter}{rng.randrange(10**7):07d}"
        earliest = date(born.year + 18, 1, 1)
        latest = self.today - timedelta(days=30)
        if earliest >= latest:
            earliest = latest - timedelta(days=365)
        decided = earliest + timedelta(days=rng.randrange((latest - earliest).days))
        decided = max(decided, date(1990, 1, 1))
        if event in _PRESIDENT_EVENTS:
            number = f"{rng.randrange(1, 3000)}/QĐ-CTN"
            authority = "Chủ tịch nước"
        elif event == "nationality_certificate":
            number = f"{rng.randrange(1, 900)}/{decided.year}/XNCQT"
            authority = f"Sở Tư pháp {place}" if rng.random() < 0.7 else "Đại sứ quán Việt Nam"
        else:
            number = f"{rng.randrange(1, 900)}/{decided.year}/XNGVN"
            authority = "Đại sứ quán Việt Nam" if rng.random() < 0.6 else f"Sở Tư pháp {place}"
        nationality = "VN"
        if event in ("renunciation", "origin_certificate") or foreign:
            nationality = rng.choice(FOREIGN_COUNTRIES)
        return {
            "full_name": name,
            "former_name": former_name,
            "gender": gender,
            "birth_date": birth_text,
            "birth_place": place,
            "id_number": id_number,
            "passport_number": passport,
            "nationality": nationality,
            "event_type": event,
            "decision_number": number,
            "decision_date": decided.strftime("%d/%m/%Y"),
            "authority": authority,
            "note": "",
        }

    def rows(self, count):
        for _index in range(count):
            yield self.row()


# --- Perturbations of a name as typed in a lookup request -------------------


def perturb_upper(_rng, name):
    return name.upper()


def perturb_nfd(_rng, name):
    return unicodedata.normalize("NFD", name)


def perturb_no_diacritics(_rng, name):
    return strip_diacritics(name)


def perturb_swapped(rng, name):
    """Family name written last, as in Western documents ("Van An Nguyen")."""
    words = name.split()
    if len(words) < 2:
        return name
    swapped = " ".join([*words[1:], words[0]])
    return strip_diacritics(swapped) if rng.random() < 0.5 else swapped


_KEYBOARD = "abcdeghiklmnopqrstuvxy"


def perturb_typo(rng, name):
    """One wrong, missing or extra letter (an edit distance of 1 on the name
    once diacritics are removed), typed without Vietnamese input half the time."""
    base = strip_diacritics(name) if rng.random() < 0.5 else name
    chars = list(unicodedata.normalize("NFC", base))
    positions = [index for index, char in enumerate(chars) if char.isalpha()]
    for _attempt in range(20):
        position = rng.choice(positions)
        kind = rng.choice(("substitute", "delete", "insert"))
        word_start = position == 0 or chars[position - 1] == " "
        word_end = position == len(chars) - 1 or chars[position + 1] == " "
        if kind == "delete" and word_start and word_end:
            continue  # never delete a one-letter word
        candidate = list(chars)
        if kind == "substitute":
            old = strip_diacritics(chars[position]).lower()
            new = rng.choice([letter for letter in _KEYBOARD if letter != old])
            candidate[position] = new.upper() if chars[position].isupper() else new
        elif kind == "delete":
            del candidate[position]
        else:
            candidate.insert(position + 1, rng.choice(_KEYBOARD))
        result = "".join(candidate)
        if strip_diacritics(result).lower() != strip_diacritics(base).lower():
            return result
    return name


PERTURBATIONS = {
    "no_diacritics": perturb_no_diacritics,
    "upper_case": perturb_upper,
    "nfd": perturb_nfd,
    "swapped_order": perturb_swapped,
    "one_typo": perturb_typo,
    "year_only": None,
    "exact_id": None,
}


def _demo_row(**values):
    row = dict.fromkeys(IMPORT_COLUMNS, "")
    row.update(values)
    return row


# Named persons of the demo register, used by the demo lookup request and the
# examples of the README: the person asked about, and look-alikes.
DEMO_PERSONS = (
    _demo_row(
        full_name="Nguyễn Thị Thu Hương",
        gender="female",
        birth_date="14/02/1985",
        birth_place="Hà Nội",
        passport_number="C2345678",
        nationality="DE",
        event_type="renunciation",
        decision_number="1520/QĐ-CTN",
        decision_date="20/07/2016",
        authority="Chủ tịch nước",
    ),
    _demo_row(
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date="12/03/1980",
        birth_place="Nam Định",
        id_number="036080001234",
        event_type="restoration",
        decision_number="812/QĐ-CTN",
        decision_date="05/11/2019",
        authority="Chủ tịch nước",
    ),
    _demo_row(
        full_name="Nguyễn Văn Anh",
        gender="male",
        birth_date="1975",
        birth_place="Nam Định",
        nationality="CZ",
        event_type="renunciation",
        decision_number="2210/QĐ-CTN",
        decision_date="18/09/2012",
        authority="Chủ tịch nước",
    ),
    _demo_row(
        full_name="Nguyễn Văn Ân",
        gender="male",
        birth_date="02/09/1980",
        birth_place="Thái Bình",
        event_type="nationality_certificate",
        decision_number="117/2021/XNCQT",
        decision_date="14/04/2021",
        authority="Sở Tư pháp thành phố Hà Nội",
    ),
    _demo_row(
        full_name="Trần Thị Bích Ngọc",
        gender="female",
        birth_date="1975",
        birth_place="Thừa Thiên Huế",
        event_type="nationality_certificate",
        decision_number="45/2019/XNCQT",
        decision_date="02/10/2019",
        authority="Sở Tư pháp thành phố Huế",
    ),
)
