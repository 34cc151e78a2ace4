"""OpenAPI schemas of the statistics answers (`GET statistics/…`), written out so that
clients (and the schema test) know every field, `published` and `suppressed` included."""

from centers.models import Kind

ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}
_NUMBER = {"type": "number"}
_TITLED = {"code": {"type": "string"}, "title": {"type": "string"}}
# `GET statistics/{year}/` (CONTRACT.md §5): the figures common to both kinds are
# required; ЦПО adds levels, areas, criteria…, ЦИПО indicators and criteria.
STATISTICS_SCHEMA = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "kind": {"type": "string", "enum": Kind.values},
        "licensed_centers": {"type": "integer"},
        "submitted": {"type": "integer"},
        "submitted_on_time": {"type": "integer"},
        "submitted_late": {"type": "integer"},
        "on_time_percent": _NUMBER,
        "zero_value_reports": {"type": "integer"},
        "levels": {"type": "object", "additionalProperties": {"type": "integer"}},
        "average_score": _NUMBER,
        "average_level": {"type": "string", "nullable": True},
        "areas": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    **_TITLED,
                    "max_points": _NUMBER,
                    "average": _NUMBER,
                    "percent": _NUMBER,
                },
            },
        },
        "criteria": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    **_TITLED,
                    "max_points": _NUMBER,
                    "average": _NUMBER,
                    "positive_percent": _NUMBER,
                    "distribution": {
                        "type": "object",
                        "additionalProperties": {"type": "integer"},
                    },
                },
                "required": ["code", "title"],
            },
        },
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {**_TITLED, "positive": {"type": "integer"}, "percent": _NUMBER},
                "required": ["code", "title", "positive", "percent"],
            },
        },
        "validation": {
            "type": "object",
            "properties": {
                "procedures": {"type": "integer"},
                "persons": {"type": "integer"},
                "centers": {"type": "integer"},
            },
        },
        "regions": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "region": {"type": "string"},
                    "submitted": {"type": "integer"},
                    "average_score": {**_NUMBER, "nullable": True},
                    "suppressed": {
                        "type": "boolean",
                        "description": "Public figures only: fewer than 5 reports, "
                        "`average_score` is null.",
                    },
                },
                "required": ["region", "submitted"],
            },
        },
        "published": {"type": "boolean"},
        "published_at": {"type": "string", "format": "date-time", "nullable": True},
    },
    "required": [
        "year",
        "kind",
        "licensed_centers",
        "submitted",
        "submitted_on_time",
        "submitted_late",
        "on_time_percent",
        "criteria",
        "regions",
        "published",
        "published_at",
    ],
}
STATISTICS_DESCRIPTION = (
    "Anonymous clients and centre staff: the snapshot taken when the year was published "
    "(`published` true), regions under 5 reports `suppressed`. Agency users: the live "
    "figures, `published` saying whether a snapshot is public."
)
TRENDS_SCHEMA = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": Kind.values},
        "years": {"type": "array", "items": STATISTICS_SCHEMA},
    },
    "required": ["kind", "years"],
}
