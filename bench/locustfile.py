"""Locust scenario of the deadline rush, driven by bench/rush.py (which prepares the
data, logs the centres in and reads what this file records).

A centre user, already logged in: opens the report form, saves the draft several
times as the form's autosave does (PATCH /api/v1/reports/{id}/ with the version it
read, a few fields each time), opens the confirmation page and submits. What it
sent last is written down, for rush.py to compare with what the portal stored.

A REST client polls the national statistics and the centres register with a token.

Environment (set by rush.py): RUSH_SESSIONS (JSON file of logged-in centre users),
RUSH_TOKENS (JSON list of API tokens), RUSH_OUT (directory for the records),
RUSH_CENTRES and RUSH_CLIENTS (how many of each), RUSH_SAVES (draft saves per
centre), RUSH_THINK ("4,10": seconds between a centre user's steps), RUSH_YEAR,
RUSH_CENTRE_PAGES (pages of the register's API).
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

SESSIONS = iter(json.loads(Path(os.environ["RUSH_SESSIONS"]).read_text()))
TOKENS = itertools.cycle(json.loads(Path(os.environ["RUSH_TOKENS"]).read_text()))
OUT = Path(os.environ["RUSH_OUT"])
SAVES = int(os.environ.get("RUSH_SAVES", "6"))
YEAR = int(os.environ["RUSH_YEAR"])
CENTRE_PAGES = int(os.environ["RUSH_CENTRE_PAGES"])
THINK = [float(s) for s in os.environ.get("RUSH_THINK", "4,10").split(",")]
VERSION = re.compile(rb'name="version" value="(\d+)"')

records = []  # (name, milliseconds, ok, finished at)
sent = []  # per centre: what it submitted
finished = 0  # centre users done, either way


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    records.append((name, response_time, exception is None, time.time()))


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(OUT / "requests.jsonl", "w", encoding="utf-8") as out:
        for row in records:
            out.write(json.dumps(row) + "\n")
    (OUT / "sent.json").write_text(json.dumps(sent, ensure_ascii=False), encoding="utf-8")


def _draft_changes(criteria, sections, step, rng):
    """A few criteria and one narrative section, as a user fills the form in."""
    chosen = rng.sample(sorted(criteria), k=min(8, len(criteria)))
    scores = {code: rng.choice(criteria[code]) for code in chosen}
    section = sections[step % len(sections)]
    text = f"Раздел „{section}“, редакция {step}. " + "Текст на доклада. " * rng.randint(20, 200)
    return {"scores": scores, "narrative": {section: text}}


class CentreUser(FastHttpUser):
    """One centre's staff member on the last day (RUSH_SAVES saves, then submit)."""

    fixed_count = int(os.environ["RUSH_CENTRES"])
    wait_time = between(*THINK)

    def on_start(self):
        self.report = None
        session = next(SESSIONS, None)
        if session is None:
            # A stand-in the runner started for a centre that filed before the others
            # had all begun: every centre is already in the rush.
            raise StopUser()
        self.report = session["report"]
        self.criteria = session["criteria"]
        self.sections = session["sections"]
        self.csrf = session["csrftoken"]
        self.cookie = f"sessionid={session['sessionid']}; csrftoken={session['csrftoken']}"
        self.rng = random.Random(self.report)
        self.content = {"scores": {}, "narrative": {}}
        self.version = None
        self.saves = 0

    def on_stop(self):
        # Once every centre has filed, the rush is over: stop the REST clients too.
        global finished
        if self.report is None:
            return
        finished += 1
        if finished == self.fixed_count:
            gevent.spawn(self.environment.runner.quit)

    def _headers(self, **extra):
        return {"Cookie": self.cookie, **extra}

    @task
    def fill_in(self):
        url = f"/reports/{self.report}/"
        if self.version is None:
            with self.client.get(
                url, headers=self._headers(), name="open form", catch_response=True
            ) as response:
                match = VERSION.search(response.content or b"")
                if response.status_code != 200 or not match:
                    response.failure(f"form: {response.status_code}")
                    raise StopUser
                self.version = int(match.group(1))
            return
        if self.saves < SAVES:
            self._save(_draft_changes(self.criteria, self.sections, self.saves, self.rng))
            return
        self._submit()
        raise StopUser

    def _save(self, changes):
        """One autosave (PATCH with the version last read); what it sent is remembered."""
        with self.client.patch(
            f"/api/v1/reports/{self.report}/",
            json={"version": self.version, **changes},
            headers=self._headers(**{"X-CSRFToken": self.csrf, "Prefer": "return=minimal"}),
            name="save draft",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"save: {response.status_code} {response.text[:200]}")
                raise StopUser
            self.version = response.json()["version"]
        self.saves += 1
        for part in ("scores", "narrative"):
            self.content[part].update(changes[part])

    def _submit(self):
        # Every criterion and section is needed to submit: the last save fills the rest.
        self._save(
            {
                "scores": {
                    code: self.rng.choice(levels)
                    for code, levels in self.criteria.items()
                    if code not in self.content["scores"]
                },
                "narrative": {
                    code: f"Раздел „{code}“, окончателен текст."
                    for code in self.sections
                    if code not in self.content["narrative"]
                },
            }
        )
        confirm = f"/reports/{self.report}/confirm/"
        self.client.get(confirm, headers=self._headers(), name="confirmation page")
        with self.client.post(
            confirm,
            data={"csrfmiddlewaretoken": self.csrf, "version": str(self.version)},
            headers=self._headers(Referer=self.host + confirm),
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").endswith(
                f"/reports/{self.report}/"
            ):
                response.failure(f"submit: {response.status_code}")
                raise StopUser
        sent.append({"report": self.report, **self.content})


class RestClient(FastHttpUser):
    """A REST client of the aggregates (a ministry dashboard, a regional office)."""

    fixed_count = int(os.environ["RUSH_CLIENTS"])
    wait_time = between(5, 15)

    def on_start(self):
        self.headers = {"Authorization": f"Token {next(TOKENS)}", "Accept": "application/json"}

    @task(2)
    def statistics(self):
        self.client.get(
            f"/api/v1/statistics/{YEAR - 1}/?kind=CPO",
            headers=self.headers,
            name="REST statistics",
        )

    @task(1)
    def centres(self):
        page = random.randint(1, CENTRE_PAGES)
        self.client.get(f"/api/v1/centers/?page={page}", headers=self.headers, name="REST centres")
