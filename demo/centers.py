"""About 850 ЦПО and 36 ЦИПО over the 28 oblasts, with plausible Bulgarian names."""

import random
from datetime import date, timedelta

from centers.eik import eik_check_digit_9
from centers.models import Center, Kind, LicensedProfession, LicenseStatus
from centers.regions import REGIONS
from centers.services import centers_import

CPO_COUNT = 850
CIPO_COUNT = 36
DEMO_CPO_LICENSE = "200900001"
DEMO_CIPO_LICENSE = "201800001"

# Rough share of centres by oblast: the capital and the big cities hold most.
REGION_WEIGHTS = dict.fromkeys(REGIONS, 1.5)
REGION_WEIGHTS.update({"BG-22": 22, "BG-16": 9, "BG-03": 7, "BG-02": 6, "BG-24": 4, "BG-18": 3})

TOWNS = {
    "BG-01": "Благоевград",
    "BG-02": "Бургас",
    "BG-03": "Варна",
    "BG-04": "Велико Търново",
    "BG-05": "Видин",
    "BG-06": "Враца",
    "BG-07": "Габрово",
    "BG-08": "Добрич",
    "BG-09": "Кърджали",
    "BG-10": "Кюстендил",
    "BG-11": "Ловеч",
    "BG-12": "Монтана",
    "BG-13": "Пазарджик",
    "BG-14": "Перник",
    "BG-15": "Плевен",
    "BG-16": "Пловдив",
    "BG-17": "Разград",
    "BG-18": "Русе",
    "BG-19": "Силистра",
    "BG-20": "Сливен",
    "BG-21": "Смолян",
    "BG-22": "Столична",
    "BG-23": "Самоков",
    "BG-24": "Стара Загора",
    "BG-25": "Търговище",
    "BG-26": "Хасково",
    "BG-27": "Шумен",
    "BG-28": "Ямбол",
}

BRANDS = [
    ("Алфа", "alfa"),
    ("Бизнес Академия", "bizakademia"),
    ("Знание", "znanie"),
    ("Прогрес", "progres"),
    ("Перспектива", "perspektiva"),
    ("Европа", "evropa"),
    ("Развитие", "razvitie"),
    ("Успех", "uspeh"),
    ("Визия", "vizia"),
    ("Меридиан", "meridian"),
    ("Орион", "orion"),
    ("Профи", "profi"),
    ("Кариера", "kariera"),
    ("Компас", "kompas"),
    ("Тракия", "trakia"),
    ("Балкан", "balkan"),
    ("Дунав", "dunav"),
    ("Родопи", "rodopi"),
    ("Витоша", "vitosha"),
    ("Пирин", "pirin"),
    ("Стратегия", "strategia"),
    ("Експерт", "ekspert"),
    ("Умения", "umenia"),
    ("Нови хоризонти", "novihorizonti"),
    ("Стъпка", "stapka"),
    ("Квалификация", "kvalifikacia"),
    ("Лидер", "lider"),
    ("Магистрала", "magistrala"),
]
SUFFIXES = [
    ("Консулт", "consult"),
    ("Обучение", "obuchenie"),
    ("Център", "center"),
    ("Груп", "group"),
    ("Академия", "academy"),
    ("Инвест", "invest"),
    ("Про", "pro"),
    ("Старт", "start"),
    ("", ""),
]
LEGAL_FORMS = ["ЕООД", "ООД", "АД", "ЕТ"]
ASSOCIATIONS = ["Сдружение", "Фондация"]
STREETS = [
    "ул. „Васил Левски“",
    "бул. „България“",
    "ул. „Христо Ботев“",
    "ул. „Раковски“",
    "бул. „Цар Освободител“",
    "ул. „Иван Вазов“",
    "ул. „Шипка“",
    "ул. „Гурко“",
]

# From the List of professions for vocational education and training.
PROFESSIONS = [
    ("481030", "Приложен програмист", "4810301", "Приложно програмиране"),
    ("482010", "Компютърен техник", "4820101", "Компютърна техника и технологии"),
    ("344030", "Оперативен счетоводител", "3440301", "Оперативно счетоводство"),
    ("346010", "Офис-секретар", "3460101", "Офис-секретар"),
    ("811070", "Готвач", "8110701", "Производство на кулинарни изделия и напитки"),
    ("811040", "Сервитьор-барман", "8110401", "Обслужване на заведения в общественото хранене"),
    ("811080", "Хлебар-сладкар", "8110801", "Производство на хляб и хлебни изделия"),
    ("762020", "Болногледач", "7620201", "Болногледачество"),
    ("815010", "Фризьор", "8150101", "Фризьорство"),
    ("815020", "Козметик", "8150201", "Козметика"),
    ("521040", "Заварчик", "5210401", "Заваряване"),
    ("582030", "Строител", "5820301", "Зидария"),
    ("522020", "Електротехник", "5220201", "Електрически инсталации"),
    ("862010", "Охранител", "8620101", "Лична охрана"),
    ("840100", "Водач на МПС", "8401001", "Превоз на товари"),
    ("621010", "Земеделски стопанин", "6210101", "Растениевъдство"),
]


def _eik(rng):
    first_eight = f"{rng.randint(1, 2)}{rng.randint(0, 9_999_999):07d}"
    return first_eight + str(eik_check_digit_9(first_eight))


def _center_row(rng, index, kind):
    region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
    brand, slug = rng.choice(BRANDS)
    suffix, suffix_slug = rng.choice(SUFFIXES)
    owner = f"„{brand} {suffix}“".replace(" “", "“")
    if rng.random() < 0.15:
        owner = f"{rng.choice(ASSOCIATIONS)} {owner}"
    else:
        owner = f"{owner} {rng.choice(LEGAL_FORMS)}"
    prefix = "ЦПО" if kind == Kind.CPO else "ЦИПО"
    license_date = date(2003, 1, 1) + timedelta(days=rng.randint(0, 7300))
    roll = rng.random()
    status, status_since = LicenseStatus.ACTIVE, None
    if roll < 0.03:
        status = LicenseStatus.SUSPENDED
    elif roll < 0.05:
        status = LicenseStatus.REVOKED
    elif roll < 0.06:
        status = LicenseStatus.TERMINATED
    if status != LicenseStatus.ACTIVE:
        status_since = max(license_date, date(2019, 1, 1)) + timedelta(days=rng.randint(30, 1800))
    domain = f"{slug}{suffix_slug}{index}"
    return {
        "license_number": f"{license_date.year}{10000 + index:05d}",
        "kind": kind,
        "name": f"{prefix} към {owner}",
        "eik": _eik(rng),
        "region": region,
        "municipality": TOWNS[region],
        "address": f"{rng.choice(STREETS)} № {rng.randint(1, 180)}",
        "license_date": license_date,
        "status": status,
        "status_since": status_since,
        "website": f"https://{domain}.bg",
        "email": f"office@{domain}.bg",
        "phone": f"+359 {rng.randint(2, 98)} {rng.randint(100000, 999999)}",
    }


def _demo_rows():
    common = {
        "region": "BG-22",
        "municipality": "Столична",
        "status": LicenseStatus.ACTIVE,
        "status_since": None,
        "phone": "+359 2 123 4567",
    }
    return [
        {
            **common,
            "license_number": DEMO_CPO_LICENSE,
            "kind": Kind.CPO,
            "name": "ЦПО към „Демо Обучение“ ЕООД",
            "eik": "175074752",
            "address": "бул. „Цариградско шосе“ № 125",
            "license_date": date(2009, 3, 16),
            "website": "https://demo-obuchenie.bg",
            "email": "office@demo-obuchenie.bg",
        },
        {
            **common,
            "license_number": DEMO_CIPO_LICENSE,
            "kind": Kind.CIPO,
            "name": "ЦИПО към „Демо Кариери“ ООД",
            "eik": "131071587",
            "address": "ул. „Московска“ № 9",
            "license_date": date(2018, 5, 21),
            "website": "https://demo-karieri.bg",
            "email": "office@demo-karieri.bg",
        },
    ]


def demo_center_rows():
    rng = random.Random(20250131)
    rows = _demo_rows()
    rows += [_center_row(rng, i, Kind.CPO) for i in range(1, CPO_COUNT)]
    rows += [_center_row(rng, CPO_COUNT + i, Kind.CIPO) for i in range(1, CIPO_COUNT)]
    return rows


def seed_centers():
    summary = centers_import(rows=demo_center_rows())
    _seed_professions()
    return summary


def _seed_professions():
    rng = random.Random(14112014)
    professions = []
    for center in Center.objects.filter(kind=Kind.CPO).order_by("license_number"):
        for code, name, specialty_code, specialty_name in rng.sample(
            PROFESSIONS, rng.randint(2, 6)
        ):
            professions.append(
                LicensedProfession(
                    center=center,
                    profession_code=code,
                    profession_name=name,
                    specialty_code=specialty_code,
                    specialty_name=specialty_name,
                )
            )
    LicensedProfession.objects.bulk_create(professions, ignore_conflicts=True)
