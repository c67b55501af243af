"""Recognition without competition: each employee's points and what they give them to, the charity wallet,
and a leaderboard only when the administrators enable it — teams first, and among people only those who
chose to appear. Nobody's figures are shown to anyone else without their choice (`FiguresChoice`)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from peewee import JOIN, fn

from server.analytics.models import Charity, Donation, FiguresChoice, PointEntry
from server.analytics.settings import analytics_settings
from server.auth.models import Department, User
from server.db import database, for_update, utcnow
from server.errors import Conflict, NotFound
from server.privacy import exporter

LEADERBOARD_PEOPLE = 10


def figures_choice(user):
    """The user's choices about their own figures (both off until they say otherwise)."""
    return FiguresChoice.get_or_none(FiguresChoice.user == user) or FiguresChoice(user=user)


def choose_figures_visibility(user, visible_to_team, on_leaderboard):
    FiguresChoice.insert(user=user, visible_to_team=visible_to_team, on_leaderboard=on_leaderboard,
                         updated_at=utcnow()).on_conflict(
        conflict_target=[FiguresChoice.user],
        update={FiguresChoice.visible_to_team: visible_to_team, FiguresChoice.on_leaderboard: on_leaderboard,
                FiguresChoice.updated_at: utcnow()}).execute()
    return figures_choice(user)


def visible_to_team(user_ids):
    """The ids among `user_ids` whose figures their leader and team may see."""
    return {row[0] for row in FiguresChoice.select(FiguresChoice.user)
            .where(FiguresChoice.user.in_(list(user_ids)), FiguresChoice.visible_to_team == True).tuples()}  # noqa: E712


def balance(user):
    """Points earned and not yet given."""
    earned = PointEntry.select(fn.COALESCE(fn.SUM(PointEntry.points), 0)).where(PointEntry.user == user).scalar()
    given = Donation.select(fn.COALESCE(fn.SUM(Donation.points), 0)).where(Donation.user == user).scalar()
    return int(earned) - int(given)


def active_charities():
    return list(Charity.select().where(Charity.active == True).order_by(Charity.name))  # noqa: E712


def donate(user, charity_id, points):
    """Turn `points` of the user's balance into a donation to an active charity, at the rate in force.
    The user's row is locked first, so that two donations at once cannot both spend the same points."""
    charity = Charity.get_or_none(Charity.id == charity_id, Charity.active == True)  # noqa: E712
    if charity is None:
        raise NotFound()
    rate = analytics_settings()["points_per_euro"]
    with database.atomic():
        for_update(User.select().where(User.id == user.id)).get()
        if points > balance(user):
            raise Conflict(_l("You do not have that many points."))
        amount = points * 100 // rate
        if amount < 1:
            raise Conflict(_l("That is less than a cent: give more points."))
        return Donation.create(user=user, charity=charity, points=points, amount_cents=amount)


def donations_to_pay(start, end):
    """[(charity name, donations, points, amount in cents)] of the donations made between start and end."""
    return list(Donation.select(Charity.name, fn.COUNT(Donation.id), fn.SUM(Donation.points),
                                fn.SUM(Donation.amount_cents)).join(Charity)
                .where(Donation.created_at >= start, Donation.created_at < end)
                .group_by(Charity.name).order_by(Charity.name).tuples())


@dataclass
class Leaderboard:
    teams: list   # [(department name, points, members, points per member)], most per member first
    people: list  # [(name, department name, points)] of those who chose to appear


def leaderboard(period):
    """The period's leaderboard, or None when the administrators have not enabled one."""
    if not analytics_settings()["leaderboard"]:
        return None
    in_period = (PointEntry.day >= period.start) & (PointEntry.day <= period.end)
    points = dict(PointEntry.select(User.department, fn.SUM(PointEntry.points)).join(User)
                  .where(in_period, User.department.is_null(False)).group_by(User.department).tuples())
    members = dict(User.select(User.department, fn.COUNT(User.id)).where(User.active == True)  # noqa: E712
                   .group_by(User.department).tuples())
    teams = [(department.name, int(points.get(department.id, 0)), members.get(department.id, 0),
              round(int(points.get(department.id, 0)) / members[department.id], 1) if members.get(department.id)
              else 0) for department in Department.select()]
    teams.sort(key=lambda team: (-team[3], -team[1], team[0]))
    people = (PointEntry.select(User.name, Department.name, fn.SUM(PointEntry.points).alias("total"))
              .join(User).join(Department, JOIN.LEFT_OUTER, on=(User.department == Department.id))
              .join(FiguresChoice, on=(FiguresChoice.user == User.id))
              .where(in_period, FiguresChoice.on_leaderboard == True)  # noqa: E712
              .group_by(User.id, User.name, Department.name)
              .order_by(fn.SUM(PointEntry.points).desc(), User.name).limit(LEADERBOARD_PEOPLE).tuples())
    return Leaderboard(teams=teams, people=[(name, team, int(total)) for name, team, total in people])


@exporter("results")
def _export(user):
    """What the results area keeps about a person: their choices, points per day and donations."""
    choice = figures_choice(user)
    return {"visible_to_team": choice.visible_to_team, "on_leaderboard": choice.on_leaderboard,
            "points": [{"day": row.day.isoformat(), "kind": row.kind, "points": row.points}
                       for row in PointEntry.select().where(PointEntry.user == user).order_by(PointEntry.day)],
            "donations": [{"charity": row.charity.name, "points": row.points, "amount_cents": row.amount_cents,
                           "at": row.created_at.isoformat() + "Z"}
                          for row in Donation.select().where(Donation.user == user).order_by(Donation.id)]}
