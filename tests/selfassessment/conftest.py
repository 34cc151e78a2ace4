def complete_content(spec, pick=-1):
    """Content with every part filled: level `pick` of every criterion (ЦПО) or
    "yes" to every indicator (ЦИПО), and every narrative section."""
    content = {"narrative": {s.code: f"Текст за „{s.title}“." for s in spec.sections}}
    if spec.kind == "CPO":
        content["scores"] = {c.code: c.levels[pick].raw for c in spec.criteria}
        content["validation"] = {"procedures": 2, "persons": 17}
    else:
        content["answers"] = dict.fromkeys(spec.indicator_codes, True)
    return content
