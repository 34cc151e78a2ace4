"""Demo self-assessment reports for 2021–2024 and the demo centres' open draft.

The proportions follow NAVET's analysis of the 2024 reports: of 853 licensed ЦПО,
93.5% filed on time; 64 „Отлично“, 645 „Добро“, 84 „Задоволително“ and 5
„Незадоволително“, one report with zero values, an average of about 77 points;
validation by 13 centres (122 procedures, 4861 persons); all 36 ЦИПО on time.

Every report is drawn from a `random.Random` seeded with the centre's licence number
and the year, so the same register gives the same rows and a second run changes
nothing. Only centres licensed on 31 December of a year report for it.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import cast

from django.utils import timezone

from centers.models import Center, Kind
from selfassessment.content import content_clean
from selfassessment.deadlines import SOFIA, current_reporting_year
from selfassessment.frameworks import json_number
from selfassessment.kinds import kind_of
from selfassessment.models import Framework, Report, ReportStatus
from selfassessment.scoring import score
from selfassessment.selectors import framework_for, previous_submission
from selfassessment.transitions import report_create, report_update, reports_import

from .centers import DEMO_CIPO_LICENSE, DEMO_CPO_LICENSE

SEED = 31012025
YEARS = range(2021, 2025)
LATEST_YEAR = YEARS[-1]
DEMO_LICENSES = (DEMO_CPO_LICENSE, DEMO_CIPO_LICENSE)

# Share of the filed ЦПО reports by quality level, lowest level first.
LEVEL_SHARES = {
    2021: {"unsatisfactory": 0.045, "satisfactory": 0.2, "good": 0.7, "excellent": 0.055},
    2022: {"unsatisfactory": 0.039, "satisfactory": 0.14, "good": 0.751, "excellent": 0.07},
    2023: {"unsatisfactory": 0.019, "satisfactory": 0.11, "good": 0.791, "excellent": 0.08},
    2024: {"unsatisfactory": 0.005, "satisfactory": 0.106, "good": 0.809, "excellent": 0.08},
}
# Where the demo ЦПО stands in the "good" band, year by year: it improves.
DEMO_GOOD_POSITION = {2021: 0.25, 2022: 0.35, 2023: 0.5, 2024: 0.6}
# (never filing, filing late) shares of the licensed centres, besides the few
# ЦПО that never file at all (CHRONIC_NON_FILERS).
FILING: dict[str, dict[int, tuple[float, float]]] = {
    Kind.CPO: {2021: (0.04, 0.04), 2022: (0.02, 0.03), 2023: (0.008, 0.006), 2024: (0.035, 0.02)},
    Kind.CIPO: {2021: (0, 0.03), 2022: (0, 0.03), 2023: (0, 0.03), 2024: (0, 0)},
}
CHRONIC_NON_FILERS = 0.02
ZERO_VALUE_REPORTS = {2021: 2, 2022: 2, 2023: 1, 2024: 1}
# (centres, procedures, persons) of validation of non-formal learning.
VALIDATION = {2021: (14, 45, 654), 2022: (11, 27, 71), 2023: (9, 18, 137), 2024: (13, 122, 4861)}
VALIDATION_CRITERION = "2.13"
VALIDATION_OFFERED_CRITERION = "1.9"
# Starting odds (none, part, all) of criteria that centres rate low more often.
LOW_CRITERIA = {"1.9": (0.38, 0.3, 0.32), "2.14": (0.59, 0.21, 0.2)}
LATEST_STILL_SUBMITTED = 0.04
LATEST_RETURNED = 2
# Share of ЦИПО answering "yes", by indicator and year (2021 as 2022).
CIPO_YES = {
    "1.1": (1.0, 1.0, 1.0),
    "1.2": (0.65, 0.69, 0.67),
    "1.3": (1.0, 0.95, 0.97),
    "1.4": (0.68, 0.72, 0.72),
    "1.5": (0.86, 0.8, 0.83),
    "2.1": (0.89, 0.89, 0.94),
    "2.2": (0.84, 0.89, 0.92),
    "2.3": (0.86, 0.86, 0.89),
    "2.4": (0.92, 0.94, 0.94),
    "3.1": (0.87, 0.95, 1.0),
    "3.2": (0.97, 1.0, 0.94),
    "3.3": (0.9, 0.92, 0.94),
}

# --- Narrative -------------------------------------------------------------------
# Each section: opening sentences (one is used) and further ones (up to two more).

CPO_TEXT = {
    "goal": (
        [
            "Целта на самооценяването е да се установи доколко обучението, предлагано от "
            "центъра през {year} г., отговаря на индикаторите за качество на НАПОО.",
            "Самооценяването открои силните страни и слабостите в дейността на центъра "
            "през {year} г. и служи за планиране на подобренията през {next} г.",
            "Чрез самооценката екипът проверява как работи вътрешната система за "
            "осигуряване на качеството и какво е въздействието ѝ върху курсистите.",
        ],
        [
            "В самооценяването участваха ръководството, преподавателите и представители "
            "на работодателите.",
            "Използвани са анкети сред курсистите, преглед на учебната документация и "
            "резултатите от изпитите.",
            "Самооценяването е проведено от работна група, определена със заповед на управителя.",
        ],
    ),
    "environment": (
        [
            "През {year} г. центърът {in_town} е провел {courses} курса с общо {trainees} "
            "курсисти, най-вече по професията „{profession}“.",
            "Центърът работи {in_town}, където търсенето на кадри с квалификация по "
            "професията „{profession}“ остава високо.",
            "През {year} г. в курсовете на центъра са се обучавали {trainees} души, "
            "предимно заети лица и безработни, насочени от бюрата по труда.",
        ],
        [
            "Материалната база включва {rooms} учебни зали и {workshops} учебни работилници.",
            "Преподавателският екип се състои от {teachers} преподаватели, от които "
            "{practitioners} са практици от бизнеса.",
            "Основни партньори на центъра са бюрото по труда и местни работодатели.",
            "Част от обученията са финансирани по програми на Агенцията по заетостта.",
        ],
    ),
    "analysis": (
        [
            "Резултатите показват устойчива работа по повечето критерии.",
            "Анализът показва, че центърът изпълнява основните изисквания за качество.",
        ],
        [
            "Най-високи са резултатите по критерия „{strong}“.",
            "Най-ниски са оценките по критерия „{weak}“, където е нужно подобрение.",
            "В сравнение с {previous} г. общият брой точки е {trend}.",
        ],
    ),
    "achievements": (
        [
            "Всички курсисти, явили се на държавен изпит, са го положили успешно.",
            "Въведена е електронна платформа за дистанционно обучение по теорията.",
            "Разширено е партньорството с работодатели, които осигуряват практическо "
            "обучение в реална работна среда.",
            "Обновена е материалната база за обучение по професията „{profession}“.",
            "Според анкетите удовлетвореността на курсистите от обучението е {satisfied}%.",
        ],
        [
            "Преподавателите са участвали в обучения за интерактивни методи на преподаване.",
            "Учебните програми са актуализирани според новите държавни образователни стандарти.",
            "Разработени са нови тестове за входящо и изходящо ниво.",
        ],
    ),
    "improvements": (
        [
            "Необходимо е по-системно проследяване на реализацията на завършилите.",
            "Участието в национални и международни програми и проекти остава ограничено.",
            "Обратната връзка от работодателите се събира несистемно.",
            "Валидирането на професионални знания, умения и компетентности все още се "
            "прилага в малка степен.",
        ],
        [
            "Предстои актуализиране на учебните програми по някои от професиите.",
            "Интернет страницата на центъра се нуждае от по-често обновяване.",
            "Достъпът за хора с увреждания е осигурен само в част от помещенията.",
        ],
    ),
    "measures": (
        [
            "През {next} г. центърът ще проучва мнението на работодателите след всеки "
            "завършен курс.",
            "През {next} г. ще бъде въведен регистър за проследяване на реализацията на "
            "завършилите.",
            "Предвижда се кандидатстване по поне един проект по програма „Еразъм+“ през {next} г.",
        ],
        [
            "Ще бъде организирано обучение на преподавателите за работа в електронна среда.",
            "Правилата за валидиране ще бъдат актуализирани и публикувани на интернет страницата.",
            "Ще бъдат привлечени още двама преподаватели практици.",
        ],
    ),
}

CIPO_TEXT = {
    "goal": (
        [
            "Целта на самооценяването е да се оцени качеството на услугите по "
            "информиране и професионално ориентиране, предоставени през {year} г.",
            "Самооценката показва доколко центърът отговаря на критериите на НАПОО и "
            "какво трябва да се подобри през {next} г.",
        ],
        [
            "В нея участваха всички кариерни консултанти на центъра.",
            "Използвани са анкети сред клиентите и данните от регистъра на консултациите.",
        ],
    ),
    "environment": (
        [
            "През {year} г. центърът {in_town} е консултирал {clients} лица, от които "
            "{students}% ученици и младежи.",
            "Центърът предоставя услуги {in_town} {mode} с екип от {consultants} кариерни "
            "консултанти.",
        ],
        [
            "Търсенето на консултации нараства сред възрастните, които сменят професията си.",
            "Центърът работи в партньорство с училища, бюра по труда и работодатели.",
        ],
    ),
    "analysis": (
        [
            "Резултатите показват, че центърът изпълнява основните изисквания за "
            "качество на услугите.",
            "Анализът показва стабилно качество на услугите в сравнение с {previous} г.",
        ],
        [
            "Силна страна на центъра е показателят „{strong}“.",
            "Най-голямо внимание изисква показателят „{weak}“.",
        ],
    ),
    "achievements": (
        [
            "Въведено е онлайн записване за консултации.",
            "Проведени са информационни дни в {schools} училища в региона.",
            "Разработени са нови материали за кариерно ориентиране на младежи.",
        ],
        [
            "Удовлетвореността на клиентите според анкетите е {satisfied}%.",
            "Консултантите са преминали обучение за работа с групи в риск.",
        ],
    ),
    "improvements": (
        [
            "Необходимо е по-системно проследяване на резултатите от консултациите.",
            "Онлайн услугите на центъра все още са ограничени.",
            "Информацията за услугите трябва да се обновява по-често.",
        ],
        [
            "Малко от клиентите попълват анкетите за обратна връзка.",
            "Връзките с работодателите в региона са недостатъчни.",
        ],
    ),
    "measures": (
        [
            "През {next} г. центърът ще разшири онлайн консултирането.",
            "През {next} г. ще бъде създаден и поддържан уебсайт с актуална информация.",
            "През {next} г. ще бъде въведена електронна анкета след всяка консултация.",
        ],
        [
            "Консултантите ще участват в поне едно обучение за повишаване на квалификацията.",
            "Ще бъдат сключени споразумения за партньорство с още две училища.",
        ],
    ),
}
CIPO_NO_COMMENTS = [
    "Предвиждаме да започнем през {next} г.",
    "През отчетния период нямахме ресурс за тази дейност.",
    "Дейността е планирана в плана за развитие на центъра.",
]


def _paragraph(rng, openings_and_more, values):
    openings, more = ([s for s in sentences if _fits(s, values)] for sentences in openings_and_more)
    sentences = [rng.choice(openings)]
    sentences += rng.sample(more, rng.randint(0, min(2, len(more))))
    return " ".join(s.format(**values) for s in sentences)


def _fits(sentence, values):
    """A sentence whose placeholders all have a value (no "strong" criterion in a
    report of zeros, no previous year in a centre's first report)."""
    try:
        sentence.format(**values)
    except KeyError:
        return False
    return True


def _narrative(rng, texts, spec, values, results):
    narrative = {}
    for section in spec.sections:
        if section.code == "results":
            narrative[section.code] = results
        else:
            narrative[section.code] = _section_text(rng, texts, section.code, values)
    return narrative


def _section_text(rng, texts, code, values):
    if code not in texts:  # a section a later framework adds
        return "Разделът е попълнен съгласно указанията на НАПОО."
    return _paragraph(rng, texts[code], values)


def _in_town(municipality):
    """Where the centre works: "в Бургас", "във Варна", "в София" (Столична)."""
    town = "София" if municipality in ("", "Столична") else municipality
    return f"{'във' if town[0] in 'ВФвф' else 'в'} {town}"


def _common_values(rng, center, year):
    professions = [p.profession_name for p in center.professions.all()]
    values = {
        "year": year,
        "next": year + 1,
        "in_town": _in_town(center.municipality),
        "satisfied": rng.randint(84, 99),
    }
    if professions:
        values["profession"] = rng.choice(professions)
    return values


# --- ЦПО scores ------------------------------------------------------------------


def _bands(spec):
    """(quality level code, lowest total, highest total), lowest level first."""
    bands, upper = [], spec.max_points
    for level in spec.quality_levels:  # descending
        bands.append((level.code, level.min_score, upper))
        upper = level.min_score - Decimal("0.5")
    return bands[::-1]


def _standing(position, year):
    """The quality level and the place within it (0–1) of a centre whose place among
    all centres is `position` (0 lowest, 1 highest)."""
    start = 0.0
    shares = list(LEVEL_SHARES[year].items())
    for code, share in shares:
        if position < start + share:
            return code, (position - start) / share
        start += share
    return shares[-1][0], 0.999


def _target(spec, level_code, place):
    """A total to aim at, at `place` within the band (unsatisfactory from 20, excellent
    up to max − 3: the validation criterion is set apart), and the band's bounds
    (above 0: a report of zeros is made on purpose)."""
    for code, lowest, highest in _bands(spec):
        if code == level_code:
            low, high = max(lowest, Decimal(20)), min(highest, spec.max_points - 3)
            target = low + (high - low) * Decimal(str(round(place, 3)))
            return target, max(lowest, Decimal("0.5")), highest
    raise ValueError(level_code)


def _cpo_scores(rng, spec, level_code, place, fixed):
    """Scores {criterion code: points} with a total in the quality level's band, close
    to the total its `place` gives; `fixed` criteria keep the points given."""
    target, lowest, highest = _target(spec, level_code, place)
    share = float(target / spec.max_points)
    chosen = {}
    for criterion in spec.criteria:
        if criterion.code in fixed:
            continue
        if criterion.code in LOW_CRITERIA:
            odds = LOW_CRITERIA[criterion.code]
        elif share >= 1 / 3:
            odds = ((1 - share) / 2, 1 - share, (3 * share - 1) / 2)
        else:
            odds = (1 - 2 * share, 2 * share, 0)
        choice = rng.choices((0, 1, 2), weights=odds)[0]
        chosen[criterion.code] = {0: 0, 1: len(criterion.levels) // 2, 2: -1}[choice] % len(
            criterion.levels
        )
    criteria = {c.code: c for c in spec.criteria}

    def total():
        return sum(criteria[code].levels[i].points for code, i in chosen.items()) + sum(
            (Decimal(str(points)) for points in fixed.values()), Decimal(0)
        )

    def move(step):
        movable = [
            code for code, i in sorted(chosen.items()) if 0 <= i + step < len(criteria[code].levels)
        ]
        chosen[rng.choice(movable)] += step

    if total() < target:
        while total() < target:
            move(1)
    else:
        while total() > target:
            move(-1)
    while total() > highest:
        move(-1)
    while total() < lowest:
        move(1)
    scores = {code: json_number(criteria[code].levels[i].points) for code, i in chosen.items()}
    scores.update(fixed)
    return {c.code: scores[c.code] for c in spec.criteria}


def _validation_level(spec, persons):
    """2.13 points of a centre that validated: more persons, a higher share."""
    levels = spec.criterion(VALIDATION_CRITERION).levels
    if persons >= 200:
        return json_number(levels[-1].points)
    if persons >= 20:
        return json_number(levels[-2].points)
    return json_number(levels[1].points)


def _split(rng, total, minimums):
    """`total` in whole parts, each at least its minimum, unevenly: a few are large."""
    weights = [rng.paretovariate(1.1) for _ in minimums]
    spare = total - sum(minimums)
    parts = [int(spare * w / sum(weights)) for w in weights]
    largest = sorted(range(len(weights)), key=lambda i: -weights[i])
    for i in largest[: spare - sum(parts)]:
        parts[i] += 1
    return [m + p for m, p in zip(minimums, parts, strict=True)]


def _cpo_content(rng, center, year, spec, level_code, place, validation, previous_total):
    procedures, persons = validation
    if level_code == "zero":
        scores = {c.code: 0 for c in spec.criteria}
    else:
        fixed: dict[str, int | float] = {VALIDATION_CRITERION: 0}
        if procedures:
            fixed[VALIDATION_CRITERION] = _validation_level(spec, persons)
            top = spec.criterion(VALIDATION_OFFERED_CRITERION).levels[-1].points
            fixed[VALIDATION_OFFERED_CRITERION] = json_number(top)
        scores = _cpo_scores(rng, spec, level_code, place, fixed)
    result = score(spec, scores)
    label = next(q.label for q in spec.quality_levels if q.code == result.level)
    areas = "; ".join(
        f"„{area.title}“ – {json_number(result.area_totals[area.code])} от "
        f"{json_number(area.max_points)} т."
        for area in spec.areas
    )
    results = (
        f"Общият брой точки от самооценяването за {year} г. е {json_number(result.total)} "
        f"от {json_number(spec.max_points)}, което отговаря на „{label}“ равнище на "
        f"качеството. По области: {areas}"
    )
    values = _common_values(rng, center, year)
    courses = rng.randint(3, 60)
    teachers = rng.randint(4, 30)
    values.update(
        courses=courses,
        trainees=courses * rng.randint(8, 18),
        rooms=rng.randint(2, 6),
        workshops=rng.randint(2, 4),
        teachers=teachers,
        practitioners=rng.randint(2, teachers),
    )
    full = [c.title for c in spec.criteria if scores[c.code] == json_number(c.max_points)]
    empty = [c.title for c in spec.criteria if scores[c.code] == 0]
    if full:
        values["strong"] = rng.choice(full)
    if empty:
        values["weak"] = rng.choice(empty)
    if previous_total is not None:
        values["previous"] = year - 1
        values["trend"] = (
            "по-висок"
            if result.total > previous_total
            else "по-нисък"
            if result.total < previous_total
            else "същият"
        )
    content = {
        "scores": scores,
        "narrative": _narrative(rng, CPO_TEXT, spec, values, results),
        "validation": {"procedures": procedures, "persons": persons},
    }
    return content, result.total


# --- ЦИПО answers ----------------------------------------------------------------


def _cipo_yes(year, spec, numbers, profiles):
    """{indicator code: the ЦИПО answering "yes"}: those usually in favour, as many
    as CIPO_YES gives."""
    column = min(max(year - 2022, 0), 2)
    yes = {}
    for code in spec.indicator_codes:
        share = CIPO_YES.get(code, (0.9, 0.9, 0.9))[column]
        ranked = sorted(numbers, key=lambda n: profiles[n].answers[code])
        yes[code] = set(ranked[: round(share * len(ranked))])
    return yes


def _cipo_content(rng, center, year, spec, yes_by_indicator):
    answers = {
        code: center.license_number in yes_by_indicator[code] for code in spec.indicator_codes
    }
    titles = {i.code: i.title for i in spec.indicators}
    yes = [titles[code] for code, value in answers.items() if value]
    no = [titles[code] for code, value in answers.items() if not value]
    values = _common_values(rng, center, year)
    values.update(
        clients=rng.randint(60, 900),
        students=rng.randint(35, 80),
        consultants=rng.randint(2, 8),
        schools=rng.randint(3, 25),
        mode=rng.choice(["на място и онлайн", "предимно онлайн", "в офиса си и онлайн"]),
        previous=year - 1,
    )
    if yes:
        values["strong"] = rng.choice(yes)
    if no:
        values["weak"] = rng.choice(no)
    results = f"Положителни са отговорите по {len(yes)} от {len(answers)} показателя."
    if no:
        results += " Отрицателни: " + "; ".join(f"„{title}“" for title in no[:2]) + "."
    comments = {
        code: rng.choice(CIPO_NO_COMMENTS).format(next=year + 1)
        for code, value in answers.items()
        if not value and rng.random() < 0.7
    }
    return {
        "answers": answers,
        "comments": comments,
        "narrative": _narrative(rng, CIPO_TEXT, spec, values, results),
    }


# --- Rows ------------------------------------------------------------------------


def _submitted_at(rng, year, late):
    """Over January Y+1, most in its last ten days; a late one in February or March."""
    if late:
        day = date(year + 1, 2, 1) + timedelta(days=min(int(rng.expovariate(1 / 10)), 50))
    elif rng.random() < 0.72:
        day = date(year + 1, 1, rng.randint(22, 31))
    else:
        day = date(year + 1, 1, rng.randint(3, 21))
    hour = rng.choices(range(7, 24), weights=[1, 4, 6, 7, 7, 5, 5, 7, 7, 6, 4, 2, 2, 2, 2, 1, 1])[0]
    return datetime(
        day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59), tzinfo=SOFIA
    )


def _reflect(x):
    """`x` folded back into [0, 1)."""
    x = abs(x)
    if x >= 1:
        x = 2 - x
    return min(max(x, 0.0), 0.999999)


class _Profile:
    """What stays with a centre from year to year: its place among the centres,
    whether it ever files, its readiness to validate, its ЦИПО answers."""

    def __init__(self, center, spec_codes):
        rng = random.Random(f"{SEED}:{center.license_number}")
        self.position = rng.random()
        self.never_files = (
            center.kind == Kind.CPO
            and center.license_number not in DEMO_LICENSES
            and rng.random() < CHRONIC_NON_FILERS
        )
        self.validates = rng.random()
        self.answers = {code: rng.random() for code in spec_codes}


def _year_rows(year, centers, profiles, previous_totals):
    year_rng = random.Random(f"{SEED}:{year}")
    frameworks = {kind: framework_for(kind, year) for kind in Kind.values}
    filers = {}
    for center in centers:
        framework = frameworks[center.kind]
        profile = profiles[center.license_number]
        if framework is None or profile.never_files:
            continue
        rng = random.Random(f"{SEED}:{center.license_number}:{year}")
        never, late = FILING[center.kind][year]
        draw = rng.random()
        if center.license_number in DEMO_LICENSES:
            draw = 1.0
        if draw < never:
            continue
        filers[center.license_number] = (center, rng, draw < never + late)

    ordinary_cpo = sorted(
        number
        for number, (center, _rng, _late) in filers.items()
        if center.kind == Kind.CPO and number not in DEMO_LICENSES
    )
    zero_value = set(
        year_rng.sample(ordinary_cpo, min(ZERO_VALUE_REPORTS[year], len(ordinary_cpo)))
    )
    centres, procedures, persons = VALIDATION[year]
    validating = sorted(
        (n for n in ordinary_cpo if n not in zero_value),
        key=lambda n: profiles[n].validates,
    )[:centres]
    per_centre = _split(year_rng, procedures, [1] * len(validating))
    validation = dict(
        zip(
            validating,
            zip(per_centre, _split(year_rng, persons, per_centre), strict=True),
            strict=True,
        )
    )
    # This year's order of the centres: each keeps near its usual place; the levels
    # then go by rank, so their shares are as LEVEL_SHARES says.
    ranked = sorted(
        (n for n in ordinary_cpo if n not in zero_value),
        key=lambda n: _reflect(profiles[n].position + year_rng.gauss(0, 0.08)),
    )
    ranks = {n: (i + 0.5) / len(ranked) for i, n in enumerate(ranked)}
    cipo_yes = {}
    cipo_framework = frameworks[Kind.CIPO]
    if cipo_framework is not None:
        cipo = sorted(n for n, (center, _rng, _late) in filers.items() if center.kind == Kind.CIPO)
        cipo_yes = _cipo_yes(year, cipo_framework.spec, cipo, profiles)
    returned = set()
    if year == LATEST_YEAR:
        candidates = sorted(set(ordinary_cpo) - zero_value)
        returned = set(year_rng.sample(candidates, min(LATEST_RETURNED, len(candidates))))

    rows = []
    for number, (center, rng, late) in sorted(filers.items()):
        framework = cast(Framework, frameworks[center.kind])  # filers have one (above)
        spec = framework.spec
        place: float
        if center.kind == Kind.CPO:
            if number in zero_value:
                level_code, place = "zero", 0
            elif number == DEMO_CPO_LICENSE:
                level_code, place = "good", DEMO_GOOD_POSITION[year]
            else:
                level_code, place = _standing(ranks[number], year)
            content, total = _cpo_content(
                rng,
                center,
                year,
                spec,
                level_code,
                place,
                validation.get(number, (0, 0)),
                previous_totals.get((number, year - 1)),
            )
            previous_totals[number, year] = total
        else:
            content = _cipo_content(rng, center, year, spec, cipo_yes)
        if number in returned:
            status = ReportStatus.RETURNED
        elif year == LATEST_YEAR and rng.random() < LATEST_STILL_SUBMITTED:
            status = ReportStatus.SUBMITTED
        else:
            status = ReportStatus.ACCEPTED
        if number in DEMO_LICENSES:
            status = ReportStatus.ACCEPTED
        rows.append(
            {
                "center": center,
                "year": year,
                "framework": framework,
                "status": status,
                "submitted_at": _submitted_at(rng, year, late),
                "content": content_clean(spec, content),
            }
        )
    return rows


def demo_report_rows():
    """Rows for `reports_import`: the filed reports of 2021–2024."""
    indicator_codes = set()
    for year in YEARS:
        framework = framework_for(Kind.CIPO, year)
        if framework is not None:
            indicator_codes.update(framework.spec.indicator_codes)
    profiles, rows = {}, []
    previous_totals: dict[tuple[str, int], Decimal] = {}
    for year in YEARS:
        centers = list(
            Center.objects.licensed_on(date(year, 12, 31))
            .prefetch_related("professions")
            .order_by("license_number")
        )
        for center in centers:
            if center.license_number not in profiles:
                profiles[center.license_number] = _Profile(center, sorted(indicator_codes))
        rows += _year_rows(year, centers, profiles, previous_totals)
    return rows


def seed_reports():
    """Import the demo reports; a second run finds them equal and changes nothing."""
    return reports_import(rows=demo_report_rows())


# --- The open draft --------------------------------------------------------------


def _draft_changes(report):
    """A draft in progress: the first area scored as last year (or in the middle),
    a few ЦИПО answers, and the first narrative section."""
    spec = report.framework.spec
    rng = random.Random(f"{SEED}:{report.center.license_number}:{report.year}:draft")
    previous = previous_submission(report)
    previous_content = previous.content if previous else {}
    first_section = spec.sections[0].code
    scored = kind_of(spec).scored
    texts = CPO_TEXT if scored else CIPO_TEXT
    values = _common_values(rng, report.center, report.year)
    narrative = {first_section: _section_text(rng, texts, first_section, values)}
    if scored:
        before = previous_content.get("scores") or {}
        scores = {
            c.code: before.get(c.code, json_number(c.levels[len(c.levels) // 2].points))
            for c in spec.areas[0].criteria[:5]
        }
        return {"scores": scores, "narrative": narrative}
    before = previous_content.get("answers") or {}
    answers = {code: before.get(code, True) for code in spec.indicator_codes[:4]}
    return {"answers": answers, "narrative": narrative}


def seed_demo_drafts(*, user):
    """Open the demo centres' report for the current reporting year, partly filled,
    unless they have one for that year already. Returns the reports opened."""
    year = current_reporting_year(timezone.localdate())
    opened = []
    for center in Center.objects.filter(license_number__in=DEMO_LICENSES).order_by(
        "license_number"
    ):
        if framework_for(center.kind, year) is None:
            continue
        if Report.objects.filter(center=center, year=year).exists():
            continue
        report = report_create(center=center, year=year, user=user)
        report = report_update(
            report=report, user=user, version=report.version, changes=_draft_changes(report)
        )
        opened.append(report)
    return opened
