"""Bulk invite from an HR roster: parsing, resolving through Slack, all-or-nothing storage, the
invite DM and its Join button, prefill on joining, the 30-day deletion and the CLI."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from freezegun import freeze_time
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine
from sqlmodel import select

from bot import __main__ as entry
from bot.messages import t
from bot.roster import MAX_LINES, RosterFileError, RosterRow, parse
from bot.survey import CareerStage
from handlers import roster_import
from handlers.blocks import HOME_JOIN
from handlers.roster_import import ImportReport, SlackUser, check
from handlers.slack_failures import Verdict
from storage import profiles, roster
from storage.models import (
    Cohort,
    Department,
    DoNotPair,
    Invitation,
    OutboxKind,
    OutboxMessage,
    Participant,
    Profile,
)
from storage.programs import ensure_current_cohort
from tests.fakes.bot_harness import BotHarness
from tests.fakes.faults import FAULTS
from tests.fakes.slack_api import (
    BOT_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    TEAM_ID,
    FakeUser,
    SlackStandIn,
)
from tests.fakes.workspace import BOT, GONE, LEAD, PEOPLE

LEA, JONAS, AMIRA, BEN = PEOPLE[0], PEOPLE[1], PEOPLE[2], PEOPLE[3]
IMPORTED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
WORKING_MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""10:00 in London, 11:00 in Berlin: inside everybody's default working hours."""
GUEST = FakeUser("U0GUEST", "guest", "Gus Guest", is_guest=True)
COHORT = "Reverse mentoring 2026"


def _cohort(bot: BotHarness) -> Cohort:
    with bot.sessions() as session:
        return ensure_current_cohort(session, bot.slack.team_id, date(2026, 3, 1))


def _import(bot: BotHarness, text: str) -> ImportReport:
    cohort = _cohort(bot)
    with freeze_time(IMPORTED_AT):
        return roster_import.import_roster(
            bot.services, bot.client, cohort, parse(text), lambda done, total: None
        )


def _invitations(bot: BotHarness) -> list[Invitation]:
    with bot.sessions() as session:
        return list(session.exec(select(Invitation).order_by(Invitation.slack_user_id)))


def _outbox(bot: BotHarness) -> list[OutboxMessage]:
    with bot.sessions() as session:
        return list(session.exec(select(OutboxMessage)))


GOOD_ROSTER = (
    "Email,Department,Manager Email,Career Stage\n"
    f"{AMIRA.address.upper()},Engineering and IT,,professional\n"
    f"{LEA.address},Research & <Development>,{LEAD.address},Early\n"
)


# -- parsing ---------------------------------------------------------------------------------


def test_a_roster_without_header_reads_the_columns_in_their_usual_order() -> None:
    parsed = parse("a@x.example,Sales,b@x.example,senior\n\nc@x.example\n")

    assert parsed.problems == []
    assert parsed.rows == [
        RosterRow(1, "a@x.example", "Sales", "b@x.example", CareerStage.SENIOR),
        RosterRow(3, "c@x.example", "", None, None),
    ]


def test_a_header_may_order_the_columns_as_it_likes() -> None:
    parsed = parse("career_stage,EMAIL,manager_email\nmanager,a@x.example,\n")

    assert parsed.rows == [RosterRow(2, "a@x.example", "", None, CareerStage.MANAGER)]


def test_every_bad_line_is_found_with_its_line_number() -> None:
    text = (
        "email,department,manager_email,career_stage\n"
        "not-an-address,,,\n"
        "a@x.example,,boss,\n"
        "b@x.example,,B@x.example,\n"
        "c@x.example,,,wizard\n"
        f"d@x.example,{'x' * 76},,\n"
        "e@x.example,,,,surplus\n"
        '"f@x.example","multi\nline",,\n'
        "F@X.example,,,\n"
    )

    parsed = parse(text)

    assert [(p.line, p.reason) for p in parsed.problems] == [
        (2, "roster.error.email"),
        (3, "roster.error.manager_email"),
        (4, "roster.error.own_manager"),
        (5, "roster.error.career_stage"),
        (6, "roster.error.department_long"),
        (7, "roster.error.columns"),
        (10, "roster.error.duplicate"),
    ]
    assert parsed.problems[-1].params == {"first": "8"}
    assert [row.line for row in parsed.rows] == [8]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "roster.error.empty"),
        ("email,phone\na@x.example,123\n", "roster.error.header"),
        ("a@x.example\n" * (MAX_LINES + 1), "roster.error.too_many_lines"),
        ('a@x.example,"unclosed\n', "roster.error.not_csv"),
    ],
)
def test_a_file_that_is_no_roster_is_refused_as_a_whole(text: str, key: str) -> None:
    with pytest.raises(RosterFileError) as refused:
        parse(text)

    assert refused.value.key == key


def test_two_addresses_of_one_slack_user_are_one_line_too_many() -> None:
    rows = [
        RosterRow(2, "a@x.example", "", None, None),
        RosterRow(5, "b@x.example", "", None, None),
    ]
    same = SlackUser("U0SAME", None, None)

    invitees, problems = check(rows, {"a@x.example": same, "b@x.example": same}, {})

    assert [i.user_id for i in invitees] == ["U0SAME"]
    assert [(p.line, p.reason, p.params) for p in problems] == [
        (5, "roster.error.duplicate_user", {"first": "2"})
    ]


# -- importing -------------------------------------------------------------------------------


def test_good_lines_are_invited_with_lookups_and_the_invites_are_delivered(bot: BotHarness) -> None:
    report = _import(bot, GOOD_ROSTER)

    assert report == ImportReport([], invited=2, skipped=0)
    looked_up = [call.args["email"] for call in bot.slack.calls_to("users.lookupByEmail")]
    assert sorted(looked_up) == sorted([AMIRA.address, LEA.address, LEAD.address])
    assert bot.slack.calls_to("users.list") == []
    amira, lea = _invitations(bot)
    assert (amira.slack_user_id, amira.career_stage, amira.department_other) == (
        AMIRA.id,
        "professional",
        None,
    )
    assert amira.department_id is not None and amira.manager_user_id is None
    assert (lea.department_id, lea.department_other) == (None, "Research & <Development>")
    assert (lea.manager_user_id, lea.invited_at) == (LEAD.id, IMPORTED_AT)

    bot.tick(WORKING_MONDAY)

    (invite,) = bot.slack.dms_to(AMIRA.id)
    assert "You're invited to reverse mentoring: Reverse mentoring 2026" in invite.text
    buttons = [e["action_id"] for b in invite.blocks or [] for e in b.get("elements", [])]
    assert buttons == [HOME_JOIN]
    assert {m.kind for m in _outbox(bot)} == {OutboxKind.ROSTER_INVITE}
    assert len(bot.slack.dms_to(LEA.id)) == 1


def test_pressing_join_in_the_invite_prefills_the_profile_and_bars_the_manager(
    bot: BotHarness,
) -> None:
    _import(bot, GOOD_ROSTER)
    bot.tick(WORKING_MONDAY)

    bot.click(AMIRA.id, HOME_JOIN)
    bot.click(LEA.id, HOME_JOIN)

    assert "Welcome to reverse mentoring" in bot.slack.dms_to(AMIRA.id)[-1].text
    with bot.sessions() as session:
        joined = {p.slack_user_id: p for p in session.exec(select(Participant))}
        amira = session.get(Profile, joined[AMIRA.id].id)
        lea = session.get(Profile, joined[LEA.id].id)
        engineering = session.get(Department, amira.department_id if amira else None)
        barred = list(session.exec(select(DoNotPair)))
        prefilled = profiles.load(session, joined[LEA.id]).prefilled
    assert amira is not None and lea is not None and engineering is not None
    assert (amira.career_stage, engineering.key) == ("professional", "engineering")
    assert (lea.career_stage, lea.department_other) == ("early", "Research & <Development>")
    assert [(b.participant_id, b.excluded_user_id) for b in barred] == [
        (joined[LEA.id].id, LEAD.id)
    ]
    assert prefilled is not None and prefilled.career_stage == CareerStage.EARLY
    assert _invitations(bot) == [], "the HR data now lives in the profiles only"


def test_joining_keeps_answers_already_given_and_the_do_not_pair_list(bot: BotHarness) -> None:
    cohort = _cohort(bot)
    assert cohort.id is not None
    with bot.sessions() as session:
        person = Participant(cohort_id=cohort.id, team_id=bot.slack.team_id, slack_user_id=BEN.id)
        session.add(person)
        session.flush()
        assert person.id is not None
        session.add(
            Profile(participant_id=person.id, career_stage="senior", department_other="Ops")
        )
        session.add(DoNotPair(participant_id=person.id, excluded_user_id=JONAS.id))
        session.add(
            Invitation(
                team_id=bot.slack.team_id,
                cohort_id=cohort.id,
                slack_user_id=BEN.id,
                department_other="Sales",
                career_stage="early",
                manager_user_id=LEAD.id,
                invited_at=IMPORTED_AT,
            )
        )
        session.flush()

        assert roster.accept(session, person)

        profile = session.get(Profile, person.id)
        barred = set(session.exec(select(DoNotPair.excluded_user_id)))
    assert profile is not None
    assert (profile.career_stage, profile.department_other) == ("senior", "Ops")
    assert barred == {JONAS.id, LEAD.id}
    assert _invitations(bot) == []


def test_every_kind_of_bad_line_is_reported_and_nothing_is_stored(bot: BotHarness) -> None:
    bot.slack.users.append(GUEST)
    text = (
        "email,department,manager_email,career_stage\n"
        f"{AMIRA.address},,,\n"
        "nobody@acme.example,,,\n"
        f"{GONE.address},,,\n"
        f"{BOT.address},,,\n"
        f"{GUEST.address},,,\n"
        f"{BEN.address},,nobody-else@acme.example,\n"
        f"{LEA.address},,,intern\n"
        "broken address,,,\n"
        f"{AMIRA.address},,,\n"
    )

    report = _import(bot, text)

    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "roster.error.unknown_user"),
        (4, "roster.error.deactivated"),
        (5, "roster.error.bot"),
        (6, "roster.error.guest"),
        (7, "roster.error.unknown_manager"),
        (8, "roster.error.career_stage"),
        (9, "roster.error.email"),
        (10, "roster.error.duplicate"),
    ]
    assert (report.invited, _invitations(bot), _outbox(bot)) == (0, [], [])


def test_more_than_fifty_addresses_are_resolved_with_one_paginated_users_list(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roster_import, "PAGE_SIZE", 25)
    staff = [
        FakeUser(f"U0STAFF{i:02d}", f"staff{i}", f"Staff {i}", locale="de-DE") for i in range(60)
    ]
    bot.slack.users.extend(staff)
    text = "".join(f"{person.address},,,\n" for person in staff)

    report = _import(bot, text)

    assert report == ImportReport([], invited=60, skipped=0)
    assert bot.slack.calls_to("users.lookupByEmail") == []
    pages = bot.slack.calls_to("users.list")
    assert len(pages) == 3  # 74 members, 25 a page
    assert [call.args.get("cursor") for call in pages[1:]] == ["dXNlcjp25", "dXNlcjp50"]
    assert all(call.args["include_locale"] in ("true", "1", True) for call in pages)
    assert all("Du bist zum Reverse Mentoring eingeladen" in m.text for m in _outbox(bot))


def test_importing_again_skips_those_invited_or_joined(bot: BotHarness) -> None:
    _import(bot, GOOD_ROSTER)
    bot.click(AMIRA.id, HOME_JOIN)

    report = _import(bot, GOOD_ROSTER + f"{BEN.address},,,\n")

    assert report == ImportReport([], invited=1, skipped=2)
    assert [i.slack_user_id for i in _invitations(bot)] == [BEN.id, LEA.id]


def test_invitations_of_people_who_never_join_are_deleted_after_thirty_days(
    bot: BotHarness,
) -> None:
    _import(bot, GOOD_ROSTER)

    with freeze_time(IMPORTED_AT + timedelta(days=29, hours=23)):
        bot.tick(IMPORTED_AT + timedelta(days=29, hours=23))
    assert len(_invitations(bot)) == 2
    with freeze_time(IMPORTED_AT + timedelta(days=30)):
        bot.tick(IMPORTED_AT + timedelta(days=30))
    assert _invitations(bot) == []


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def cli(slack: SlackStandIn, engine: Engine, bot_environment: None) -> BotHarness:
    """`python -m bot import-roster` in-process, against the stand-in and the test database."""
    bot = BotHarness(slack, engine)
    _cohort(bot)
    return bot


def _roster_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def test_the_cli_imports_a_roster_with_a_progress_bar_and_exit_code_0(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = entry.main(
        ["import-roster", _roster_file(tmp_path, GOOD_ROSTER), "--cohort", COHORT.upper()]
    )

    out, err = capsys.readouterr()
    assert code == 0, (out, err)
    assert "Invited 2 people to Reverse mentoring 2026; 0 were in it" in out
    assert f"\rresolving [{'#' * 30}] 3/3\n" in err
    assert cli.slack.calls_to("auth.test"), "the workspace is the bot token's"
    assert len(_invitations(cli)) == 2


def test_the_cli_prints_every_rejected_line_and_exits_1(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = f"{AMIRA.address},,,wizard\nnobody@acme.example,,,\n{AMIRA.address},,,\n"

    code = entry.main(["import-roster", _roster_file(tmp_path, text), "--cohort", COHORT])

    out, _ = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        "line 1: unknown career stage (use one of early, professional, manager, senior, or"
        " leave it empty)",
        "line 2: no Slack user has this email address",
        "line 3: the same email address as line 1",
        "3 line(s) rejected; nothing was imported.",
    ]
    assert _invitations(cli) == []


def test_the_cli_takes_an_explicit_team_without_asking_slack(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _roster_file(tmp_path, GOOD_ROSTER)

    code = entry.main(["import-roster", file, "--cohort", COHORT, "--team", "T0OTHER"])

    _, err = capsys.readouterr()
    assert code == 2
    assert "no cohort named Reverse mentoring 2026 in workspace T0OTHER" in err
    assert cli.slack.calls_to("auth.test") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cohort", "Pilot 2030"], "there is no cohort named Pilot 2030 in workspace T0STANDIN"),
        (["missing.csv", "--cohort", COHORT], "cannot read missing.csv"),
        (["empty.csv", "--cohort", COHORT], "cannot read empty.csv: the file is empty"),
    ],
)
def test_the_cli_exits_2_for_an_unknown_cohort_or_an_unusable_file(
    cli: BotHarness,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "empty.csv").write_text("\n")
    if args[0].startswith("--"):
        args = [_roster_file(tmp_path, GOOD_ROSTER), *args]

    code = entry.main(["import-roster", *args])

    _, err = capsys.readouterr()
    assert code == 2
    assert message in err
    assert _invitations(cli) == []


def test_the_cli_refuses_a_cohort_closed_for_joining(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with cli.sessions() as session:
        cohort = session.exec(select(Cohort)).one()
        cohort.open_for_joining = False
        session.add(cohort)

    code = entry.main(["import-roster", _roster_file(tmp_path, GOOD_ROSTER), "--cohort", COHORT])

    assert code == 2
    assert "is not open for joining" in capsys.readouterr().err


def test_the_cli_exits_2_when_slack_refuses_the_look_ups(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.slack.fail("users.lookupByEmail", "missing_scope")

    code = entry.main(["import-roster", _roster_file(tmp_path, GOOD_ROSTER), "--cohort", COHORT])

    assert code == 2
    assert "Slack refused users.lookupByEmail (missing_scope)" in capsys.readouterr().err
    assert (_invitations(cli), _outbox(cli)) == ([], [])


@pytest.mark.parametrize("method", ["users.lookupByEmail", "users.list"])
def test_a_look_up_slack_fails_refuses_the_roster_and_says_whether_to_try_again(
    fast_bot: BotHarness, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if method == "users.list":
        monkeypatch.setattr(roster_import, "LOOKUP_LIMIT", 0)
    for fault in FAULTS:
        fault.on(fast_bot.slack, method)

        with pytest.raises(roster_import.SlackLookupError) as raised:
            _import(fast_bot, GOOD_ROSTER)

        may_pass = fault.verdict == Verdict.RETRY or fault.code == "ratelimited"
        refused = (raised.value.method, raised.value.error, raised.value.passing)
        assert refused == (method, fault.logged, may_pass), fault.name
    assert (_invitations(fast_bot), _outbox(fast_bot)) == ([], [])


@pytest.mark.parametrize("method", ["auth.test", "users.lookupByEmail"])
def test_the_cli_asks_to_try_again_when_slack_could_not_answer(
    cli: BotHarness, tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str
) -> None:
    cli.slack.fail(method, "service_unavailable", status=503)

    code = entry.main(["import-roster", _roster_file(tmp_path, GOOD_ROSTER), "--cohort", COHORT])

    assert code == 2
    tell = t(None, "roster.cli.slack_unavailable", method=method, error="service_unavailable")
    assert tell in capsys.readouterr().err
    assert (_invitations(cli), _outbox(cli)) == ([], [])


def test_the_cli_waits_out_a_rate_limit(
    cli: BotHarness,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(builtin_handlers, "time", SimpleNamespace(sleep=waits.append))
    cli.slack.fail("users.lookupByEmail", "ratelimited", status=429, retry_after=30, times=2)

    code = entry.main(["import-roster", _roster_file(tmp_path, GOOD_ROSTER), "--cohort", COHORT])

    assert code == 0, capsys.readouterr()
    assert [int(wait) for wait in waits] == [30, 30]
    assert len(_invitations(cli)) == 2


def test_the_invite_escapes_the_cohort_name_for_mrkdwn(bot: BotHarness) -> None:
    cohort = _cohort(bot)
    with bot.sessions() as session:
        cohort.name = "Pilot <!channel> & co"
        session.add(cohort)

    _import(bot, f"{AMIRA.address},,,\n")

    (invite,) = _outbox(bot)
    assert "Pilot &lt;!channel&gt; &amp; co" in invite.text
    assert "<!channel>" not in str(invite.blocks)


def test_installed_by_oauth_the_cli_needs_the_team_and_uses_its_installation(
    cli: BotHarness,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    engine: Engine,
) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    monkeypatch.setenv("SLACK_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)
    file = _roster_file(tmp_path, GOOD_ROSTER)

    assert entry.main(["import-roster", file, "--cohort", COHORT]) == 2
    assert "give the workspace with --team" in capsys.readouterr().err
    assert entry.main(["import-roster", file, "--cohort", COHORT, "--team", TEAM_ID]) == 2
    assert f"the app is not installed in workspace {TEAM_ID}" in capsys.readouterr().err
    store = SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=engine)
    store.save(
        Installation(app_id="A0MENTOR", team_id=TEAM_ID, user_id=LEAD.id, bot_token=BOT_TOKEN)
    )

    assert entry.main(["import-roster", file, "--cohort", COHORT, "--team", TEAM_ID]) == 0
    assert len(_invitations(cli)) == 2
    assert cli.slack.calls_to("auth.test") == [], "the team was given"
